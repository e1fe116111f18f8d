#!/usr/bin/env bash
# Metadata benchmark: the metadata collector's extraction in a warm JVM against Debian's exiftool (-json -n), one
# process over all files and one process per file, on the same corpus of mixed files the runner writes (JPEG with
# EXIF/GPS/XMP/IPTC, PNG with XMP, PDF, DOCX). Each timed run is whole passes over the corpus for at least
# RUN_SECONDS. Not part of the test suite.
# Usage: bash bench/metadata/run.sh [runs] (FILES=400, RUN_SECONDS=2, CONCURRENCY=32, PER_FILE_RUNS=0: a process per
# file takes minutes; BENCH_JAVA_OPTS adds JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/m.jfr)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-3}"
FILES="${FILES:-400}"
PER_FILE_RUNS="${PER_FILE_RUNS:-0}"
CONCURRENCY="${CONCURRENCY:-32}"
RUN_SECONDS="${RUN_SECONDS:-2}"
WORK="${TMPDIR:-/tmp}/osint-bench-metadata"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v exiftool >/dev/null || { echo "exiftool is missing: apt-get install libimage-exiftool-perl" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (it measures exiftool's CPU time): apt-get install time" >&2; exit 1; }
mkdir -p "$WORK"

cd "$ROOT"
# one reactor run, so the modules resolve to their target/ folders (nothing is installed into ~/.m2)
./mvnw -q -pl osint-collectors -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
    -Dmdep.includeScope=test >/dev/null
CP="osint-collectors/target/test-classes:osint-collectors/target/classes:$(cat "$WORK/cp.txt")"

echo "== $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg), exiftool $(exiftool -ver) (Debian $(dpkg-query -W -f='${Version}' libimage-exiftool-perl 2>/dev/null)), JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
# the heap and collector a worker runs with (bin/jvm-options.sh), so the GC's cost is the worker's
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms64m -Xmx"${OSINT_HEAP_MAX:-224m}" ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$ROOT/bench/dns-bruteforce/logback.xml" -cp "$CP" \
    dev.osint.collectors.metadata.MetadataBench "$WORK/corpus" "$FILES" "$RUNS" "$PER_FILE_RUNS" "$CONCURRENCY" "$RUN_SECONDS"
