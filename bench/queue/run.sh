#!/usr/bin/env bash
# Queue throughput through Redis: N ping tasks from enqueue to SUCCESS, with 1 and 2 worker processes, then the
# seed's Celery design (../shared/peers/bench/drain.py) on the same machine in the same run.
#   bench/queue/run.sh        # defaults: TASKS=200000 RUNS=3 CONCURRENCY=1024 THREADS=64 PEER_TASKS=2000
#   WORKER_COUNTS=1 PEER_TASKS=0 bench/queue/run.sh    # one worker process only, no peer
# Prints one line per run, then medians. JVM_OPTS defaults to the JVM's usual tiered compilation, as bin/osint
# runs it; a run long enough (200,000 tasks) lets C2 pay for itself, as it does in a long-lived worker.
# JVM_OPTS="-Xmx512m -XX:+UseParallelGC -XX:TieredStopAtLevel=1" measures C1 only, better for short runs.
# Needs redis-server on PATH and JDK 21+ (JAVA_HOME); the peer part needs /work/shared/peers (skipped if missing).
# BENCH_KEEP=1 keeps the work directory (worker logs) after the run.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
TASKS="${TASKS:-200000}" RUNS="${RUNS:-3}" CONCURRENCY="${CONCURRENCY:-1024}" THREADS="${THREADS:-64}"
PEER_TASKS="${PEER_TASKS:-2000}" WORKER_COUNTS="${WORKER_COUNTS:-1 2}"
bench_init queue
ROOT="$BENCH_ROOT"

echo "== build (test classes and class path)"
(cd "$ROOT" && ./mvnw -q -o -pl osint-queue -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test)
CP="$ROOT/osint-queue/target/test-classes:$ROOT/osint-queue/target/classes:$(cat "$WORK/cp.txt")"

start_redis
PORT="$BENCH_REDIS_PORT"
URL="$BENCH_REDIS_URL"
machine_line

read -r -a JVM_OPTS <<< "${JVM_OPTS:--Xmx512m -XX:+UseParallelGC}"
for WORKERS in $WORKER_COUNTS; do
  for RUN in $(seq 1 "$RUNS"); do
    PREFIX="bench-$WORKERS-$RUN"
    for W in $(seq 1 "$WORKERS"); do
      "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" dev.osint.queue.testing.WorkerProcess "$URL" "$PREFIX" "bench-w$W" 30000 \
          "$CONCURRENCY" >"$WORK/worker-$PREFIX-$W.log" 2>&1 &
      track $! "queue-worker-$W"
    done
    redis_commandstats "$PORT" "$WORK/before"
    "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" dev.osint.queue.bench.QueueLoad "$URL" "$PREFIX" "$TASKS" "$THREADS" \
        "java redis, $WORKERS worker process(es), run $RUN" | tee -a "$WORK/results.txt"
    redis_commandstats "$PORT" "$WORK/after"
    # QueueLoad runs a warm-up of max(1000, TASKS/10) and 2,000 single-caller enqueues besides the TASKS measured
    echo "  $(redis_per_task "$WORK/before" "$WORK/after" $((TASKS + (TASKS / 10 > 1000 ? TASKS / 10 : 1000) + 2000)))"
    stop_tracked $(seq -f 'queue-worker-%g' 1 "$WORKERS")
    redis-cli -p "$PORT" flushall >/dev/null
  done
done

if [ "$PEER_TASKS" -gt 0 ] && peer_available; then
  echo "== peer: the seed's Celery design (prefork x8, health_check_interval 0.05), drain.py $PEER_TASKS noop"
  start_peer 1
  (cd "$PEERS/seed-celery" && REDIS_URL="$URL/1" /usr/bin/python3 ../bench/drain.py 50 noop >/dev/null)
  for RUN in $(seq 1 "$RUNS"); do
    echo -n "celery peer, run $RUN: "
    (cd "$PEERS/seed-celery" && REDIS_URL="$URL/1" /usr/bin/python3 ../bench/drain.py "$PEER_TASKS" noop) \
        | tee -a "$WORK/results.txt"
  done
  stop_tracked peer-worker peer-api
fi
echo "== medians of $RUNS runs"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.search(r"java redis, (\d) worker.*-> (\d+) tasks/s; enqueue latency p50 ([\d.]+) ms, p99 ([\d.]+) ms"
                  r".*single caller p50 ([\d.]+) ms, p99 ([\d.]+) ms", line)
    if m:
        rows.setdefault(f"java redis, {m[1]} worker process(es)", []).append(tuple(float(v) for v in m.groups()[1:]))
    m = re.search(r"-> ([\d.]+)/s", line)
    if line.startswith("celery") or (m and "drain" in line):
        rows.setdefault("celery peer (drain.py noop)", []).append((float(m[1]),))
for name, runs in rows.items():
    med = lambda i: statistics.median(r[i] for r in runs)
    latency = "" if len(runs[0]) == 1 else (f"; enqueue under load p50 {med(1):.2f} ms, p99 {med(2):.2f} ms;"
                                            f" single caller p50 {med(3):.2f} ms, p99 {med(4):.2f} ms")
    print(f"{name}: {med(0):.0f} tasks/s{latency} (runs: {', '.join(f'{r[0]:.0f}' for r in runs)})")
PY
