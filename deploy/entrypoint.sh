#!/usr/bin/env bash
# The image's entry point: the JVM options bin/jvm-options.sh gives every osint process (the heap a command starts
# with, the collector, glibc's arenas, native heap trimming, the class-data archive where OSINT_DATA_DIR is
# writable), then the jar: what bin/osint runs, without its build step.
set -euo pipefail
OSINT_HOME="${OSINT_HOME:-/opt/osint}"
. "$OSINT_HOME/bin/jdk.sh"
. "$OSINT_HOME/bin/jvm-options.sh"
JAVA="$(readlink -f "$(command -v java)")"
JAR="$OSINT_HOME/osint.jar"
osint_jvm_options "$JAVA" "$JAR" "${1:-}"
exec "$JAVA" "${OSINT_JVM_OPTIONS[@]}" ${OSINT_JAVA_OPTS:-} -jar "$JAR" "$@"
