#!/usr/bin/env bash
# History speed: finished scans written in batches of 500 into PostgreSQL and into the embedded SQLite store, and
# exact entity lookups over a history of a million entities.
#   bench/history/run.sh        # defaults: TASKS=100000 RUNS=5 ENTITIES=1000000 LOOKUPS=10000
# PostgreSQL is a cluster of the installed server started in a temporary directory (as the tests do; as root it
# runs as the postgres user), or OSINT_TEST_DATABASE_URL. Prints one line per run; medians at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TASKS="${TASKS:-100000}" RUNS="${RUNS:-5}" ENTITIES="${ENTITIES:-1000000}" LOOKUPS="${LOOKUPS:-10000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d /tmp/osint-history-bench.XXXXXX)"

echo "== build (test classes and class path)"
(cd "$ROOT" && ./mvnw -q -o -pl osint-history -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test)
CP="$ROOT/osint-history/target/test-classes:$ROOT/osint-history/target/classes:$ROOT/osint-queue/target/classes"
CP="$CP:$ROOT/osint-queue/target/test-classes:$ROOT/osint-core/target/classes:$(cat "$WORK/cp.txt")"
run() { "$JAVA" -Xmx2g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
    -Dlogback.configurationFile="$ROOT/bench/history/logback.xml" -cp "$CP" \
    dev.osint.history.bench.HistoryBench "$@" 2>>"$WORK/bench.log" | tee -a "$WORK/results.txt"; }

echo "== machine: $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), $(ls /usr/lib/postgresql 2>/dev/null | sed 's/^/PostgreSQL /')"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run write postgresql "$TASKS" "$RUNS"
run write sqlite "$TASKS" "$RUNS"
[ "${SKIP_LOOKUP:-}" = 1 ] || run lookup postgresql "$ENTITIES" "$LOOKUPS"
[ "${SKIP_LOOKUP:-}" = 1 ] || run lookup sqlite "$ENTITIES" "$LOOKUPS"
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians of $RUNS write runs"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) write run \d+: .* -> (\d+) tasks/s", line)
    if m:
        rows.setdefault(m[1], []).append(int(m[2]))
for store, runs in rows.items():
    print(f"{store}: {statistics.median(runs):.0f} finished tasks/s written (runs: {', '.join(map(str, runs))})")
PY
echo "== logs in $WORK"
