#!/usr/bin/env bash
# What a change costs the queue: this checkout against another one (e.g. main exported with `git archive`),
# N ping tasks through Redis with one worker process, runs alternating between the two so both see the same load.
#   bench/queue/compare.sh /tmp/osint-main        # defaults: TASKS=30000 RUNS=3 CONCURRENCY=1024 THREADS=64
# Prints, per run, the CPU time Redis and the worker process spent per task (from Redis's INFO cpu and the
# worker's /proc/<pid>/stat; CPU time, unlike wall time, hardly depends on what else the machine runs), and the
# tasks/s of dev.osint.queue.bench.QueueLoad, the time Redis spent inside scripts per task and the commands it ran per
# task (INFO commandstats), the load process's CPU per task over its whole life (JVM start included), and each
# command's calls and microseconds per task (usec of the command itself, inside scripts too); then medians.
# BENCH_REDIS_OPTS: more redis-server options (none by default), e.g. "--hash-max-listpack-value 1024".
# Needs redis-server, python3, /usr/bin/time and JDK 21+ (JAVA_HOME).
set -euo pipefail
OTHER="$(cd "${1:?usage: compare.sh OTHER_CHECKOUT}" && pwd)"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TASKS="${TASKS:-30000}" RUNS="${RUNS:-3}" CONCURRENCY="${CONCURRENCY:-1024}" THREADS="${THREADS:-64}"
. "$(dirname "$0")/checkouts.sh" compare

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
read -r -a REDIS_OPTS <<< "${BENCH_REDIS_OPTS:-}"
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" --logfile "$WORK/redis.log" \
    "${REDIS_OPTS[@]}" &
PIDS+=($!)
URL="redis://127.0.0.1:$PORT"
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do sleep 0.1; done
TICKS="$(getconf CLK_TCK)"
redis_cpu() { redis-cli -p "$PORT" info cpu | awk -F: '/used_cpu_(user|sys):/ {s += $2} END {printf "%.4f", s}'; }
# time Redis spent running scripts (usec, INFO commandstats, whatever the batching) and commands run, those in scripts too
redis_work() { redis-cli -p "$PORT" info commandstats | awk -F'[=,:]' '/^cmdstat_/ {calls += $3; if ($1 ~ /evalsha|eval$/) us += $5} END {printf "%d %d", us, calls}'; }
process_cpu() { awk -v t="$TICKS" '{printf "%.4f", ($14 + $15) / t}' "/proc/$1/stat"; }
echo "== machine: $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3) (options: ${REDIS_OPTS[*]:-none})"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== this: $ROOT; other: $OTHER"

for RUN in $(seq 1 "$RUNS"); do
  for SIDE in other this; do
    PREFIX="compare-$SIDE-$RUN"
    "$JAVA" -Xmx512m -XX:+UseParallelGC -cp "${CP[$SIDE]}" dev.osint.queue.testing.WorkerProcess "$URL" "$PREFIX" \
        "compare-w1" 30000 "$CONCURRENCY" >"$WORK/worker-$PREFIX.log" 2>&1 &
    WORKER=$!; PIDS+=($WORKER)
    sleep 3 # the worker's JVM start is not the task path
    R0="$(redis_cpu)"; W0="$(process_cpu "$WORKER")"; S0="$(redis_work)"
    redis-cli -p "$PORT" info commandstats >"$WORK/stats-before"
    OUT="$(/usr/bin/time -f "load-cpu %U %S" "$JAVA" -Xmx512m -XX:+UseParallelGC -cp "${CP[$SIDE]}" \
        dev.osint.queue.bench.QueueLoad "$URL" "$PREFIX" "$TASKS" "$THREADS" "$SIDE run $RUN" 2>&1 \
        | grep -E "tasks/s|^load-cpu")"
    R1="$(redis_cpu)"; W1="$(process_cpu "$WORKER")"; S1="$(redis_work)"
    redis-cli -p "$PORT" info commandstats >"$WORK/stats-after"
    # QueueLoad runs a warm-up of max(1000, TASKS/10) tasks and 2,000 single-caller enqueues besides; all are counted
    python3 - "$SIDE" "$RUN" "$TASKS" "$R0" "$R1" "$W0" "$W1" "$OUT" $S0 $S1 <<'PY' | tee -a "$WORK/results.txt"
import re, sys
side, run, tasks, r0, r1, w0, w1, out, us0, calls0, us1, calls1 = sys.argv[1:]
n = int(tasks) + max(1000, int(tasks) // 10) + 2000
rate = re.search(r"-> (\d+) tasks/s", out)[1]
load = sum(float(v) for v in re.search(r"load-cpu ([\d.]+) ([\d.]+)", out).groups())
print(f"{side} run {run}: redis {(float(r1) - float(r0)) * 1e6 / n:.1f} us/task, "
      f"worker {(float(w1) - float(w0)) * 1e6 / n:.1f} us/task, {rate} tasks/s; "
      f"scripts {(int(us1) - int(us0)) / n:.1f} us/task, {(int(calls1) - int(calls0)) / n:.1f} commands/task; "
      f"load process {load * 1e6 / n:.1f} us/task (its whole life)")
PY
    # which commands, and Redis's time inside each (usec of the command itself, not the Lua around it)
    python3 - "$WORK/stats-before" "$WORK/stats-after" "$TASKS" <<'PY'
import re, sys
def read(path):
    return {m[1]: (int(m[2]), int(m[3])) for m in
            re.finditer(r"cmdstat_([^:]+):calls=(\d+),usec=(\d+)", open(path).read())}
before, after = read(sys.argv[1]), read(sys.argv[2])
n = int(sys.argv[3]) + max(1000, int(sys.argv[3]) // 10) + 2000
rows = sorted(((k, c - before.get(k, (0, 0))[0], u - before.get(k, (0, 0))[1]) for k, (c, u) in after.items()),
              key=lambda r: -r[2])
print("  per task (calls, usec): " + ", ".join(f"{k} {c / n:.2f} {u / n:.1f}" for k, c, u in rows[:12] if c))
PY
    kill "$WORKER"; wait "$WORKER" 2>/dev/null || true
    redis-cli -p "$PORT" flushall >/dev/null
  done
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians of $RUNS runs"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) run \d+: redis ([\d.]+) us/task, worker ([\d.]+) us/task, (\d+) tasks/s;"
                 r" scripts ([\d.]+) us/task, ([\d.]+) commands/task; load process ([\d.]+) us/task", line)
    if not m:
        continue
    rows.setdefault(m[1], []).append(tuple(float(v) for v in m.groups()[1:]))
for side, runs in rows.items():
    med = lambda i: statistics.median(r[i] for r in runs)
    print(f"{side}: redis {med(0):.1f} us/task, worker {med(1):.1f} us/task, {med(2):.0f} tasks/s;"
          f" scripts {med(3):.1f} us/task, {med(4):.1f} commands/task, load process {med(5):.1f} us/task")
PY
