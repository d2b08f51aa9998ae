#!/usr/bin/env bash
# Starts the built jar (src/target/tongban.jar) with a class cache made for it once: Java 25's AOT cache (JEP 483/514/515:
# classes loaded and linked, method profiles) when a JDK 25+ is found, else class-data sharing (a dynamic CDS archive) on
# the Java in use. Both need the jar extracted (Boot's jarmode tools), which this does too. Build the jar first:
# ./mvnw -o -q -pl src -am package -DskipTests
#
#   scripts/start-fast.sh [application arguments]     # e.g. --server.port=8081; JAVA_OPTS passes JVM options
#
# The cache is made by a training run that starts the application on a throw-away data folder and ends once the context
# is ready (-Dspring.context.exit=onRefresh; ≈ 20–30 s on a quiet machine, once), kept in src/target/fast/ and made again
# when the jar changes. Run it from the project folder (the application reads rules/ and templates/ from there).
# TONGBAN_JAVA names the java to use (default: a JDK 25+ in JAVA_HOME, on the PATH or in /usr/lib/jvm, else `java`).
set -euo pipefail
jar=src/target/tongban.jar
[ -f "$jar" ] || { echo "start-fast: no $jar: build it first (./mvnw -o -q -pl src -am package -DskipTests)" >&2; exit 1; }

feature() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }'; }
java=${TONGBAN_JAVA:-}
if [ -z "$java" ]; then
    for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        if [ "$(feature "$candidate")" -ge 25 ] 2>/dev/null; then java=$candidate; break; fi
    done
    java=${java:-java}
fi
version=$(feature "$java")
[ "${version:-0}" -ge 17 ] 2>/dev/null || { echo "start-fast: $java is Java ${version:-?}: 17 or later is needed" >&2; exit 1; }
if [ "$version" -ge 25 ]; then
    kind=aot; make_cache=(-XX:AOTCacheOutput=); use_cache=(-XX:AOTCache=)
else
    kind=jsa; make_cache=(-XX:ArchiveClassesAtExit=); use_cache=(-XX:SharedArchiveFile=)
fi

fast=src/target/fast
cache=$fast/tongban-java$version.$kind
stamp=$(cksum <"$jar" | cut -d' ' -f1)
if [ "$(cat "$fast/jar.cksum" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$fast"
    mkdir -p "$fast"
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$fast/app" >/dev/null
    echo "$stamp" >"$fast/jar.cksum"
fi
if [ ! -f "$cache" ]; then
    training=$(mktemp -d "${TMPDIR:-/tmp}/tongban-training.XXXXXX")
    finish() {
        # the run ends once the context is ready without closing it: its embedded PostgreSQL is stopped here (fast
        # shutdown), by the pid in the throw-away data folder
        local pg; pg=$(head -1 "$training/data/pg/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pg" ] && kill -INT "$pg" 2>/dev/null; then
            while kill -0 "$pg" 2>/dev/null; do sleep 0.1; done
        fi
        rm -rf "$training"
    }
    trap finish EXIT
    echo "start-fast: making the class cache $cache with Java $version (once for this jar)..." >&2
    # Java 17's dynamic archive cannot be dumped after requests were served (the JVM crashes in its lambda table), so
    # the training stops at the end of start-up, which is what the cache is for
    "$java" "${make_cache[0]}$cache" -Dspring.context.exit=onRefresh -jar "$fast/app/tongban.jar" \
        --tongban.data-dir="$training/data" --server.port=0 >"$training/log" 2>&1 || true
    if [ ! -f "$cache" ]; then
        echo "start-fast: the training run made no cache; the end of its log:" >&2
        grep -v '\[aot\]\|\[cds\]' "$training/log" | tail -30 >&2
        exit 1
    fi
    finish
    trap - EXIT
fi
# shellcheck disable=SC2086
exec "$java" "${use_cache[0]}$cache" ${JAVA_OPTS:-} -jar "$fast/app/tongban.jar" "$@"
