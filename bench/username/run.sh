#!/usr/bin/env bash
# Username check benchmark: the username collector against a farm of 500 loopback sites, each answering in
# 50-500 ms, at several max_concurrency values. Not part of the test suite.
# Usage: bash bench/username/run.sh [runs] [sites]
# The sites are host names (site-000.farm.test, ...) resolved to 127.0.0.1 by a hosts file given to the JVM,
# so the per-host limit sees 500 hosts, as it would on the internet.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-5}"
SITES="${2:-500}"
CONCURRENCIES="${CONCURRENCIES:-20 100 500}"
WORK="${TMPDIR:-/tmp}/osint-bench-username"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$WORK"
: > "$WORK/hosts"
for i in $(seq 0 $((SITES - 1))); do printf '127.0.0.1 site-%03d.farm.test\n' "$i" >> "$WORK/hosts"; done

cd "$ROOT"
./mvnw -q -o -pl osint-collectors -am test-compile
./mvnw -q -o -pl osint-collectors -am dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="osint-collectors/target/test-classes:osint-collectors/target/classes:osint-core/target/classes:osint-core/target/test-classes:$(cat "$WORK/cp.txt")"

echo "== osint username check: $SITES sites, $RUNS runs per max_concurrency ($CONCURRENCIES), $(nproc) cores, $(date -I)"
"$JAVA_HOME/bin/java" -Djdk.net.hosts.file="$WORK/hosts" -Dlogback.configurationFile="$ROOT/bench/dns-bruteforce/logback.xml" \
    -cp "$CP" dev.osint.collectors.username.UsernameCheckBench "$SITES" "$RUNS" "$WORK" $CONCURRENCIES
