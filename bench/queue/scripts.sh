#!/usr/bin/env bash
# Redis's CPU per task for each of a ping task's three scripts alone (enqueue.lua, take.lua, finish.lua), without
# a worker or load generator: dev.osint.queue.redis.ScriptCost calls them in batches from one connection. Rounds
# alternate between two variants, A and B, on one Redis, so both see the same machine:
#   bench/queue/scripts.sh                         # A = B = the scripts of this checkout (a noise check)
#   B_LUA=/tmp/changed bench/queue/scripts.sh      # B reads its scripts from /tmp/changed/dev/osint/queue/redis/lua/
#   B_REDIS="config set hash-max-listpack-value 1024" A_REDIS="config set hash-max-listpack-value 64" \
#       bench/queue/scripts.sh                     # the same scripts under two Redis settings
# Defaults: TASKS=20000 BATCH=40 RUNS=5. Prints each run, then the medians of each variant.
# Needs redis-server, python3 and JDK 21+ (JAVA_HOME).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TASKS="${TASKS:-20000}" BATCH="${BATCH:-40}" RUNS="${RUNS:-5}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d /tmp/osint-queue-scripts.XXXXXX)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

(cd "$ROOT" && ./mvnw -q -o -pl osint-queue -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2)
CP="$ROOT/osint-queue/target/test-classes:$ROOT/osint-queue/target/classes:$(cat "$WORK/cp.txt")"
echo '<configuration><root level="WARN"/></configuration>' >"$WORK/logback.xml"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" --logfile "$WORK/redis.log" &
PIDS+=($!)
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do sleep 0.1; done
echo "== machine: $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3)"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== A: scripts ${A_LUA:-of this checkout}, redis ${A_REDIS:-as started}; B: scripts ${B_LUA:-of this checkout}," \
     "redis ${B_REDIS:-as started}; $TASKS tasks, $BATCH a call"

for RUN in $(seq 1 "$RUNS"); do
  for SIDE in A B; do
    LUA_VAR="${SIDE}_LUA"; REDIS_VAR="${SIDE}_REDIS"
    redis-cli -p "$PORT" flushall >/dev/null
    redis-cli -p "$PORT" script flush >/dev/null # a changed script under the same name must be loaded afresh
    if [ -n "${!REDIS_VAR:-}" ]; then
      read -r -a SETTING <<< "${!REDIS_VAR}"
      redis-cli -p "$PORT" "${SETTING[@]}" >/dev/null
    fi
    SIDE_CP="$CP"
    [ -n "${!LUA_VAR:-}" ] && SIDE_CP="${!LUA_VAR}:$CP"
    echo "$SIDE run $RUN: $("$JAVA" -Dlogback.configurationFile="$WORK/logback.xml" -cp "$SIDE_CP" \
        dev.osint.queue.redis.ScriptCost "redis://127.0.0.1:$PORT" "$TASKS" "$BATCH" 1 | sed 's/^round 1: //')" \
        | tee -a "$WORK/results.txt"
  done
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians of $RUNS runs"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w) run \d+: enqueue ([\d.]+), take ([\d.]+), finish ([\d.]+), together ([\d.]+)", line)
    if m:
        rows.setdefault(m[1], []).append(tuple(float(v) for v in m.groups()[1:]))
for side, runs in rows.items():
    med = lambda i: statistics.median(r[i] for r in runs)
    print(f"{side}: enqueue {med(0):.1f}, take {med(1):.1f}, finish {med(2):.1f}, together {med(3):.1f} us/task"
          f" (runs: {', '.join(f'{r[3]:.1f}' for r in runs)})")
PY
