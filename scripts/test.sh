#!/usr/bin/env bash
# All tests: a single-node Ceph RADOS Gateway for the Object Lock tests (scripts/ceph-s3.sh, needs root; stopped
# again on exit), then the Maven build, which runs the archive's tests on the embedded S3 server and on Ceph.
# To test against another store with Object Lock instead, export TONGBAN_TEST_CEPH_ENDPOINT, _ACCESS_KEY and
# _SECRET_KEY first. Arguments go to Maven (e.g. scripts/test.sh -o).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${TONGBAN_TEST_CEPH_ENDPOINT:-} ]]; then
  if ((EUID != 0)); then
    echo "test: the Object Lock tests need Ceph, which scripts/ceph-s3.sh runs as root;" \
      "run this as root, or export TONGBAN_TEST_CEPH_* for a store of your own, or run ./mvnw verify without them" >&2
    exit 1
  fi
  started=0
  if ! scripts/ceph-s3.sh env >/dev/null 2>&1; then
    started=1
    trap 'scripts/ceph-s3.sh down' EXIT
  fi
  scripts/ceph-s3.sh up >/dev/null # keys go to the environment below, not to the log
  set -a
  eval "$(scripts/ceph-s3.sh test-env)"
  set +a
  ((started)) || echo "test: using the Ceph gateway that was already running (left running)" >&2
fi

./mvnw -B "$@" verify
