# Sourced by compare.sh and steady.sh, which run this checkout's queue module against another checkout's: the JDK,
# a work directory, the processes to stop at exit, and each checkout's built test class path in CP[this], CP[other].
#   . "$(dirname "$0")/checkouts.sh" NAME   # needs ROOT and OTHER set; WORK is /tmp/osint-queue-NAME.XXXXXX
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d "/tmp/osint-queue-$1.XXXXXX")"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

classpath() { # builds a checkout's queue module and answers its test class path
  (cd "$1" && ./mvnw -q -o -pl osint-queue -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$WORK/cp-$2.txt" -Dmdep.includeScope=test >&2)
  echo "$1/osint-queue/target/test-classes:$1/osint-queue/target/classes:$(cat "$WORK/cp-$2.txt")"
}
echo "== build"
declare -A CP
CP[this]="$(classpath "$ROOT" this)"
CP[other]="$(classpath "$OTHER" other)"
