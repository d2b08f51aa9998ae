#!/usr/bin/env bash
# Start-up, memory and rule-pack timings with a generated catalogue of COUNT packs (scripts/catalogue.py), on the
# embedded stack in a fresh temporary folder. Build the jar first: ./mvnw -o -q -pl src -am package -DskipTests
#
#   scripts/catalogue-bench.sh 3000            # prints one line of figures; JAVA_OPTS passes JVM options
#   FAST=1 scripts/catalogue-bench.sh 3000     # the same started by scripts/start-fast.sh (its class cache)
#
# start: from launch until GET /api/v1/items answers; rss: resident memory then (and after the decisions);
# first: the JVM's first decision (Drools' own start-up with it); cold-compiled: then the first decision of another
# item served from its working copy (compiled on that call);
# publish: POST .../versions of one item (compile, scenarios, store, register); cold-loaded: after a restart, first
# decision of the published item after one other decision (its jar loaded from the store, nothing compiled);
# steady: median of 200 decisions, each a curl process; items/s: GET /api/v1/items, 10 requests on one connection. cpu: the JVM's CPU seconds until it answered, which
# a busy machine inflates less than the wall-clock start.
set -euo pipefail
count=${1:?usage: scripts/catalogue-bench.sh COUNT [JAR]}
jar=${2:-src/target/tongban.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/tongban-bench.XXXXXX")
python3 "$(dirname "$0")/catalogue.py" "$count" "$work" >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
# the last generated copy of individual-business-registration, and the one before it (or it again in a tiny catalogue)
copies=$(cd "$work/rules" && ls -d individual-business-registration-* | sort)
cold=$(tail -1 <<<"$copies")
published=$(tail -2 <<<"$copies" | head -1)
cat > "$work/facts.json" <<'JSON'
{ "asOf": "2026-11-27",
  "applicant": { "kind": "PERSON", "idNumber": "310101199001011234", "name": "张三",
                 "hukouRegion": "310101", "identityVerified": true },
  "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" },
  "materials": [ { "code": "premises-proof", "mediaType": "application/pdf" } ],
  "options": { "delivery": "ONLINE" } }
JSON
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=; }
trap 'stop; rm -rf "$work"' EXIT

launch() {
    local began=$(date +%s%N)
    # shellcheck disable=SC2086
    if [ -n "${FAST:-}" ]; then
        # scripts/start-fast.sh's class cache (made before the clock starts, below), for src/target/tongban.jar
        "$(dirname "$0")/start-fast.sh" --server.port="$port" --tongban.data-dir="$work/data" \
            --tongban.rules.dir="$work/rules" >>"$work/log" 2>&1 &
    else
        java ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --tongban.data-dir="$work/data" \
            --tongban.rules.dir="$work/rules" >>"$work/log" 2>&1 &
    fi
    pid=$!
    until curl -sf -o /dev/null "$base/api/v1/items"; do
        kill -0 "$pid" 2>/dev/null || { tail -40 "$work/log"; exit 1; }
        sleep 0.05
    done
    elapsed=$(( ($(date +%s%N) - began) / 1000000 ))
}
evaluate() {
    curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' --data-binary @"$work/facts.json" \
        "$base/api/v1/items/$1/evaluate"
}
ms() { awk '{ printf "%d", $1 * 1000 }'; }
rss() { echo $(( $(ps -o rss= -p "$pid") / 1024 )); }

if [ -n "${FAST:-}" ]; then
    JAVA_OPTS="${JAVA_OPTS:-} -Dspring.context.exit=onRefresh" "$(dirname "$0")/start-fast.sh" --server.port=0 \
        --tongban.data-dir="$work/cache-check" >>"$work/log" 2>&1 || true
    pg=$(head -1 "$work/cache-check/pg/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pg" ] && kill -INT "$pg" 2>/dev/null; then while kill -0 "$pg" 2>/dev/null; do sleep 0.1; done; fi
fi
launch
start=$elapsed
rss_start=$(rss)
cpu_start=$(ps -o times= -p "$pid" | tr -d ' ')
warm=individual-business-registration-0001
warmup=$(evaluate "$warm" | ms)
cold_compiled=$(evaluate "$cold" | ms)
publish=$(curl -s -o "$work/published.json" -w '%{time_total}' -u policy:demo-policy -X POST \
    "$base/api/v1/rule-packs/$published/versions?effectiveFrom=2020-01-01" | ms)
grep -q '"version"' "$work/published.json" || { cat "$work/published.json"; exit 1; }
steady=$(for _ in $(seq 200); do evaluate "$cold"; done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int(NR / 2)] * 1000 }')
urls=$(for _ in $(seq 10); do printf '%s ' "$base/api/v1/items"; done)
# shellcheck disable=SC2086
items=$(curl -s -o /dev/null -w '%{time_total}\n' $urls | awk '{ t += $1 } END { printf "%.0f", NR / t }')
size=$(curl -s "$base/api/v1/items" | wc -c)
rss_after=$(rss)
stop
launch
restart=$elapsed
evaluate "$warm" >/dev/null
cold_loaded=$(evaluate "$published" | ms)
rss_restart=$(rss)
echo "packs=$count start=${start}ms (cpu ${cpu_start}s, load $(cut -d' ' -f1 /proc/loadavg)) rss=${rss_start}MB first=${warmup}ms cold-compiled=${cold_compiled}ms publish=${publish}ms" \
     "steady=${steady}ms items/s=${items} (${size} bytes) rss-after=${rss_after}MB" \
     "restart=${restart}ms cold-loaded=${cold_loaded}ms rss-restart=${rss_restart}MB"
