#!/usr/bin/env bash
# All tests, on a fresh machine too. A JDK 17+ is the only thing assumed; ./mvnw fetches Maven itself.
#  1. The Debian packages the suite needs, installed when missing (as root), or named when they cannot be:
#     softhsm2 (PKCS#11 sealing in a real software HSM), chromium and chromium-driver (the verification page
#     in a real browser), npm (to fetch axe-core, the accessibility engine the browser tests inject: scripts/axe-core.sh);
#     Ceph's packages come with scripts/ceph-s3.sh.
#  2. A single-node Ceph RADOS Gateway for the Object Lock tests (scripts/ceph-s3.sh, needs root) in a directory
#     of this run's own, on free ports, stopped and removed again on exit: two runs on one machine do not meet.
#     To test against another store with Object Lock instead, export TONGBAN_TEST_CEPH_ENDPOINT, _ACCESS_KEY and
#     _SECRET_KEY first.
#  3. The Maven build, which runs the archive's tests on the embedded S3 server and on Ceph.
# Arguments go to Maven (e.g. scripts/test.sh -o).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[[ -e /usr/lib/softhsm/libsofthsm2.so ]] && command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  if ((EUID != 0)); then
    echo "test: the tests need the Debian packages ${missing[*]}; run this as root to have them installed," \
      "or install them: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "test: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

TONGBAN_AXE_CORE=$(scripts/axe-core.sh)
export TONGBAN_AXE_CORE

if [[ -z ${TONGBAN_TEST_CEPH_ENDPOINT:-} ]]; then
  if ((EUID != 0)); then
    echo "test: the Object Lock tests need Ceph, which scripts/ceph-s3.sh runs as root;" \
      "run this as root, or export TONGBAN_TEST_CEPH_* for a store of your own, or run ./mvnw verify without them" >&2
    exit 1
  fi
  run=$(mktemp -d "${TMPDIR:-/tmp}/tongban-test.XXXXXX")
  export CEPH_S3_DIR=$run/ceph
  trap 'scripts/ceph-s3.sh down; rm -rf "$run"' EXIT
  scripts/ceph-s3.sh up >/dev/null # keys go to the environment below, not to the log
  set -a
  eval "$(scripts/ceph-s3.sh test-env)"
  set +a
fi

./mvnw -B "$@" verify
