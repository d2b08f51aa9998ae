#!/bin/sh
# Page render throughput of the portal's public pages under load: requests/s and latency percentiles (p50) of the
# home page and a service guide, measured with wrk (Debian package wrk) against a running server.
#   scripts/portal-load.sh [base URL, default http://localhost:8080] [seconds per page, default 30] [connections, default 16]
set -eu
base=${1:-http://localhost:8080}
seconds=${2:-30}
connections=${3:-16}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
for path in / /items/individual-business-registration; do
  # a short warm-up first: the JIT and Thymeleaf's template cache, not the measurement
  wrk -t2 -c"$connections" -d5s "$base$path" >/dev/null
  echo "== $path"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path"
done
