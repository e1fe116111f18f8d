#!/usr/bin/env bash
# Not a figure of its own: the CPU an end-to-end scan costs on every process it touches, for two builds side by side
# in one sitting. For each round, each jar in turn (A, B, A, B, ...): a fresh server (embedded, or SYSTEM=redis1: an
# API --workers 0 plus one worker process on the script's Redis), a warm-up, then one ScanLoad run of TOTAL scans
# (256 in flight, poll 10 ms, as bench/e2e/run.sh), with the CPU (/proc utime+stime) of the server, the worker,
# redis-server, nsd (with its server children) and the load client over that run divided by the scans, beside the
# rate, the end-to-end p50/p99 and the load average. Then the medians per jar.
#   bash bench/e2e/cpu-ab.sh BEFORE.jar AFTER.jar   # defaults: SYSTEM=embedded TYPE=dns MODE=poll ROUNDS=3
#                                                   #           TOTAL=4000 WARMUP=3000
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/../lib.sh"
[ $# -eq 2 ] || { echo "usage: bench/e2e/cpu-ab.sh BEFORE.jar AFTER.jar" >&2; exit 2; }
JARS=("$1" "$2")
SYSTEM="${SYSTEM:-embedded}" TYPE="${TYPE:-dns}" MODE="${MODE:-poll}" ROUNDS="${ROUNDS:-3}"
TOTAL="${TOTAL:-4000}" WARMUP="${WARMUP:-3000}"
bench_init e2e-cpu
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" "$HERE/ScanLoad.java"
CLIENT_JVM=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m)
start_nsd
[ "$SYSTEM" = redis1 ] && start_redis
machine_line
HZ="$(getconf CLK_TCK)"
TARGET=(--target example.test)
[ "$TYPE" = dns ] && TARGET=(--target-pattern 't{i}.example.test' --targets 200)
ROWS="$WORK/rows.txt"

# ticks PID...: user+system CPU ticks of these processes and of all their descendants (nsd's main and server
# processes are its children's children), 0 for one that is gone.
ticks() {
  local total=0 pid
  for pid in "$@"; do
    # the fields after the name, which may hold spaces ("nsd: xfrd")
    total=$((total + $(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' \
        "/proc/$pid/stat" 2>/dev/null || echo 0)))
    # shellcheck disable=SC2046
    [ -n "$(ps -o pid= --ppid "$pid" 2>/dev/null)" ] && total=$((total + $(ticks $(ps -o pid= --ppid "$pid"))))
  done
  echo "$total"
}

# client TOTAL: one ScanLoad run; prints its JSON line, then "client_s SECONDS" (its CPU, from the shell's times).
client() {
  (
    "$JAVA" "${CLIENT_JVM[@]}" -cp "$WORK/classes" ScanLoad --base "$BENCH_OSINT_URL" --type "$TYPE" --total "$1" \
        --concurrency 256 --mode "$MODE" --poll-ms 10 "${TARGET[@]}" | tail -1
    times # in this subshell itself: its second line is the CPU of the subshell's children, the client
  ) | python3 -c 'import re,sys
lines = sys.stdin.read().splitlines()
print(lines[0])
print("client_s", sum(float(a) * 60 + float(b) for a, b in re.findall(r"(\d+)m([\d.]+)s", lines[-1])))'
}

for round in $(seq 1 "$ROUNDS"); do
  for side in 0 1; do
    jar="${JARS[$side]}" label="$([ "$side" = 0 ] && echo A || echo B)"
    OSINT_JAR="$jar"
    osint_jvm_options "$JAVA" "$jar" worker; OSINT_WORKER_JVM_FLAGS=("${OSINT_JVM_OPTIONS[@]}")
    osint_jvm_options "$JAVA" "$jar" server; OSINT_JVM_FLAGS=("${OSINT_JVM_OPTIONS[@]}")
    envs=(OSINT_DNS_RESOLVERS="127.0.0.1:$BENCH_DNS_PORT" OSINT_WORKER_CONCURRENCY=32)
    pids=()
    if [ "$SYSTEM" = redis1 ]; then
      redis-cli -p "$BENCH_REDIS_PORT" flushall >/dev/null
      start_osint api --workers 0 -- REDIS_URL="$BENCH_REDIS_URL" "${envs[@]}"
      start_osint_worker worker-1 -- REDIS_URL="$BENCH_REDIS_URL" "${envs[@]}"
      await_workers "$BENCH_OSINT_URL" 1
      server="$(pid_of api)" worker="$(pid_of worker-1)" redis="$(pid_of redis)"
    else
      start_osint embedded -- "${envs[@]}"
      server="$(pid_of embedded)" worker="" redis=""
    fi
    nsd="$(pid_of nsd)"
    client "$WARMUP" >/dev/null
    sleep 2 # the history writer's backlog of the warm-up
    s0="$(ticks "$server")" w0="$([ -n "$worker" ] && ticks "$worker" || echo 0)"
    r0="$([ -n "$redis" ] && ticks "$redis" || echo 0)" n0="$(ticks "$nsd")"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    out="$(client "$TOTAL")"
    s1="$(ticks "$server")" w1="$([ -n "$worker" ] && ticks "$worker" || echo 0)"
    r1="$([ -n "$redis" ] && ticks "$redis" || echo 0)" n1="$(ticks "$nsd")"
    python3 - "$label" "$round" "$load" "$HZ" "$TOTAL" "$((s1 - s0))" "$((w1 - w0))" "$((r1 - r0))" "$((n1 - n0))" \
        "$out" >>"$ROWS" <<'PY'
import json, sys
label, rnd, load, hz, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
server, worker, redis, nsd = (int(v) / hz for v in sys.argv[6:10])
lines = sys.argv[10].splitlines()
figures = json.loads(lines[0])
client = float(lines[1].split()[1])
us = lambda s: s / total * 1e6
row = dict(side=label, round=int(rnd), load=float(load), rate=figures["completed_per_s"],
           p50=figures["e2e_p50_ms"], p99=figures["e2e_p99_ms"], lost=figures.get("lost", 0),
           server=us(server), worker=us(worker), redis=us(redis), nsd=us(nsd), client=us(client))
row["total"] = row["server"] + row["worker"] + row["redis"] + row["nsd"] + row["client"]
print(json.dumps(row))
PY
    tail -1 "$ROWS" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); print("round %(round)d %(side)s load %(load).1f: %(rate).0f scans/s p50 %(p50).0f p99 %(p99).0f ms lost %(lost)d; CPU/scan us: server %(server).0f worker %(worker).0f redis %(redis).0f nsd %(nsd).0f client %(client).0f total %(total).0f" % r)'
    if [ "$SYSTEM" = redis1 ]; then stop_tracked worker-1 api; else stop_tracked embedded; fi
  done
done
echo "== medians of $ROUNDS rounds ($SYSTEM, $TYPE, $MODE, $TOTAL scans a run); A = ${JARS[0]}, B = ${JARS[1]}"
python3 - "$ROWS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for side in "AB":
    mine = [r for r in rows if r["side"] == side]
    med = {k: statistics.median(r[k] for r in mine) for k in ("rate", "p50", "p99", "server", "worker", "redis", "nsd", "client", "total")}
    runs = ", ".join("%.0f" % r["rate"] for r in mine)
    server_runs = ", ".join("%.0f" % r["server"] for r in mine)
    print(f"{side}: {med['rate']:.0f} scans/s (runs {runs}), p50 {med['p50']:.0f} ms,"
          f" p99 {med['p99']:.0f} ms; CPU per scan: server {med['server']:.0f} us, worker {med['worker']:.0f},"
          f" redis {med['redis']:.0f}, nsd {med['nsd']:.0f}, client {med['client']:.0f}, all {med['total']:.0f}"
          f" (server runs {server_runs})")
PY
