#!/usr/bin/env bash
# CPU per task on warm JVMs: this checkout against another one (e.g. main exported with `git archive`), one worker
# process, runs alternating between the two on one Redis. Unlike compare.sh, which counts from the worker's start
# (JIT compilers included), this counts only a window in the middle of a long run, once both JVMs are warm.
#   bench/queue/steady.sh /tmp/osint-main    # defaults: TASKS=300000 RUNS=3 SKIP=40000 WINDOW_S=8
# Per run and build: CPU per task (µs) of Redis, the worker and the load process (QueueLoad: 64 enqueuing callers),
# their sum, the tasks/s in the window, Redis commands per task and each command's calls and µs per task
# (INFO commandstats), all over the same window; then medians. The window opens once QueueLoad's warm-up
# (TASKS/10) and SKIP more tasks are done; the run must outlast it.
# Needs redis-server, python3 and JDK 21+ (JAVA_HOME).
set -euo pipefail
OTHER="$(cd "${1:?usage: steady.sh OTHER_CHECKOUT}" && pwd)"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TASKS="${TASKS:-300000}" RUNS="${RUNS:-3}" SKIP="${SKIP:-40000}" WINDOW_S="${WINDOW_S:-8}"
WARMUP=$((TASKS / 10 > 1000 ? TASKS / 10 : 1000)) # QueueLoad's own warm-up
CONCURRENCY="${CONCURRENCY:-1024}" THREADS="${THREADS:-64}"
. "$(dirname "$0")/checkouts.sh" steady

# one Redis per side, so that each may run with options of its own (THIS_REDIS_OPTS, OTHER_REDIS_OPTS: e.g. the
# same checkout twice, with and without a setting)
declare -A PORT REDIS
for SIDE in other this; do
  OPTS_VAR="${SIDE^^}_REDIS_OPTS"; read -r -a OPTS <<< "${!OPTS_VAR:-}"
  PORT[$SIDE]="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  redis-server --port "${PORT[$SIDE]}" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
      --logfile "$WORK/redis-$SIDE.log" "${OPTS[@]}" &
  REDIS[$SIDE]=$!; PIDS+=(${REDIS[$SIDE]})
  until redis-cli -p "${PORT[$SIDE]}" ping >/dev/null 2>&1; do sleep 0.1; done
done
TICKS="$(getconf CLK_TCK)"
echo "== machine: $(nproc) cores, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3)"
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== this: $ROOT (redis options: ${THIS_REDIS_OPTS:-none}); other: $OTHER (redis options: ${OTHER_REDIS_OPTS:-none})"

# one sample: ticks of redis, worker, load; finished tasks; commandstats to a file
sample() { # sample WORKER LOAD PREFIX FILE, on the Redis of this side (RPORT, RPID)
  local r w l
  r="$(awk '{print $14 + $15}' "/proc/$RPID/stat")"
  w="$(awk '{print $14 + $15}' "/proc/$1/stat")"
  l="$(awk '{print $14 + $15}' "/proc/$2/stat")"
  redis-cli -p "$RPORT" info commandstats >"$4"
  echo "$r $w $l $(redis-cli -p "$RPORT" hget "{$3}:finished" SUCCESS) $(date +%s.%N)"
}

for RUN in $(seq 1 "$RUNS"); do
  for SIDE in other this; do
    PREFIX="steady-$SIDE-$RUN"; RPORT="${PORT[$SIDE]}"; RPID="${REDIS[$SIDE]}"; URL="redis://127.0.0.1:$RPORT"
    "$JAVA" -Xmx512m -XX:+UseParallelGC -cp "${CP[$SIDE]}" dev.osint.queue.testing.WorkerProcess "$URL" "$PREFIX" \
        "steady-w1" 30000 "$CONCURRENCY" >"$WORK/worker-$PREFIX.log" 2>&1 &
    WORKER=$!; PIDS+=($WORKER)
    "$JAVA" -Xmx512m -XX:+UseParallelGC -cp "${CP[$SIDE]}" dev.osint.queue.bench.QueueLoad "$URL" "$PREFIX" \
        "$TASKS" "$THREADS" "$SIDE run $RUN" >"$WORK/load-$PREFIX.log" 2>&1 &
    LOAD=$!; PIDS+=($LOAD)
    # the window opens once the warm-up and SKIP more tasks are done (JVM start times vary with the machine's load)
    until [ "$(redis-cli -p "$RPORT" hget "{$PREFIX}:finished" SUCCESS)" -ge "$((WARMUP + SKIP))" ] 2>/dev/null; do
      sleep 0.2
    done
    A="$(sample "$WORKER" "$LOAD" "$PREFIX" "$WORK/stats-a")"
    sleep "$WINDOW_S"
    B="$(sample "$WORKER" "$LOAD" "$PREFIX" "$WORK/stats-b")"
    LOADAVG="$(cut -d' ' -f1 /proc/loadavg)"
    wait "$LOAD" || true
    kill "$WORKER"; wait "$WORKER" 2>/dev/null || true
    python3 - "$SIDE" "$RUN" "$TICKS" "$LOADAVG" "$A" "$B" "$WORK/stats-a" "$WORK/stats-b" \
        <<'PY' | tee -a "$WORK/results.txt"
import re, sys
side, run, ticks, loadavg, a, b, fa, fb = sys.argv[1:]
a, b, ticks = [float(v) for v in a.split()], [float(v) for v in b.split()], float(ticks)
n = b[3] - a[3]
cpu = [(b[i] - a[i]) / ticks * 1e6 / n for i in range(3)]
def read(path):
    return {m[1]: (int(m[2]), int(m[3])) for m in
            re.finditer(r"cmdstat_([^:]+):calls=(\d+),usec=(\d+)", open(path).read())}
sa, sb = read(fa), read(fb)
rows = sorted(((k, c - sa.get(k, (0, 0))[0], u - sa.get(k, (0, 0))[1]) for k, (c, u) in sb.items()),
              key=lambda r: -r[2])
inner = sum(c for k, c, u in rows if not k.startswith("eval"))
print(f"{side} run {run}: redis {cpu[0]:.1f} worker {cpu[1]:.1f} load {cpu[2]:.1f} sum {sum(cpu):.1f} us/task;"
      f" {n / (b[4] - a[4]):.0f} tasks/s in the window (load average {loadavg});"
      f" {inner / n:.2f} commands/task")
print("  per task (calls, usec): " + ", ".join(f"{k} {c / n:.3f} {u / n:.1f}" for k, c, u in rows[:14] if c))
PY
    grep -h "tasks/s" "$WORK/load-$PREFIX.log" | sed 's/^/  /' || true
    redis-cli -p "$RPORT" flushall >/dev/null
  done
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== medians of $RUNS runs"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) run \d+: redis ([\d.]+) worker ([\d.]+) load ([\d.]+) sum ([\d.]+) us/task; (\d+) tasks/s"
                 r".*; ([\d.]+) commands/task", line)
    if m:
        rows.setdefault(m[1], []).append(tuple(float(v) for v in m.groups()[1:]))
for side, runs in rows.items():
    med = lambda i: statistics.median(r[i] for r in runs)
    print(f"{side}: redis {med(0):.1f}, worker {med(1):.1f}, load {med(2):.1f}, sum {med(3):.1f} us/task"
          f" (sums: {', '.join(f'{r[3]:.1f}' for r in runs)}); {med(4):.0f} tasks/s in the window;"
          f" {med(5):.2f} commands/task")
PY
