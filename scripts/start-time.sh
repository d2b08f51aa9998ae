#!/usr/bin/env bash
# Times one start of the service: runs the command given (with a port and a data folder of its own), polls
# /actuator/health every 100 ms until it is UP, prints the wall-clock seconds, the process's CPU seconds and resident
# memory and the load average, then stops it. Run it several times and take the median; the first run on a new data
# folder includes initdb and new keys.
#
#   scripts/start-time.sh java -jar src/target/tongban.jar
#   scripts/start-time.sh scripts/start-fast.sh
#
# PORT (default 18093) and DATA (default ${TMPDIR:-/tmp}/tongban-start-time) choose where it runs.
set -euo pipefail
[ $# -gt 0 ] || { sed -n 2,10p "$0" >&2; exit 2; }
port=${PORT:-18093}
data=${DATA:-${TMPDIR:-/tmp}/tongban-start-time}
log=$(mktemp "${TMPDIR:-/tmp}/tongban-start-time.XXXXXX.log")
start=$(date +%s%N)
"$@" --server.port="$port" --tongban.data-dir="$data" >"$log" 2>&1 &
launcher=$!
stop() {
    pkill -f -- "--server.port=$port" 2>/dev/null || true
    while pgrep -f -- "--server.port=$port" >/dev/null; do sleep 0.2; done
}
trap stop EXIT
until curl -sf "localhost:$port/actuator/health" 2>/dev/null | grep -q UP; do
    kill -0 "$launcher" 2>/dev/null || { echo "the service stopped; its log: $log" >&2; exit 1; }
    sleep 0.1
done
up=$(date +%s%N)
java_pid=$(pgrep -f -- "--server.port=$port" | tail -1)
printf 'started in %.1f s, CPU %s s, RSS %s MB, load %s\n' "$(echo "($up - $start) / 1000000000" | bc -l)" \
    "$(ps -o cputimes= -p "$java_pid" | tr -d ' ')" "$(( $(ps -o rss= -p "$java_pid") / 1024 ))" \
    "$(cut -d' ' -f1 /proc/loadavg)"
rm -f "$log"
