#!/usr/bin/env bash
# A before/after of Redis-mode GET /api/v1/scan/{id} on a shared machine: two builds of the API (--workers 0) on one
# redis-server, with one worker process (of the first jar) that finishes the scan read; wrk loads one API at a
# time, A and B alternated (A B, B A, ...). Per run: req/s, p50/p99, the API's CPU per request (from /proc, and by
# thread group: http = Jetty's request pool, lettuce-nioEven = Lettuce's I/O threads, C = the JIT, VM = GC and
# safepoints), its voluntary and involuntary context switches per request, Redis's CPU per request; then medians.
#   bash bench/submit/get-ab.sh BEFORE.jar AFTER.jar   # defaults: ROUNDS=4 DURATION=10 WARMUP=15 CONNECTIONS=64
# Needs wrk and redis-server.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/lib.sh"
[ $# -eq 2 ] || { echo "usage: bench/submit/get-ab.sh BEFORE.jar AFTER.jar" >&2; exit 2; }
JAR_A="$(readlink -f "$1")" JAR_B="$(readlink -f "$2")"
ROUNDS="${ROUNDS:-4}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-15}" CONNECTIONS="${CONNECTIONS:-64}" THREADS="${THREADS:-2}"
BENCH_OSINT_JAR="$JAR_A" bench_init get-ab
start_redis
OSINT_JAR="$JAR_A" start_osint A --workers 0 -- REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-A"
URL_A="$BENCH_OSINT_URL" PID_A="$(pid_of A)"
OSINT_JAR="$JAR_B" start_osint B --workers 0 -- REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-B"
URL_B="$BENCH_OSINT_URL" PID_B="$(pid_of B)"
OSINT_JAR="$JAR_A" start_osint_worker w1 -- REDIS_URL="$BENCH_REDIS_URL" OSINT_DATA_DIR="$WORK/data-w"
await_workers "$URL_A" 1
ID="$(scan_until_final "$URL_A" ping example.test 120)"
REDIS_PID="$(pid_of redis)"
echo "task $ID; A=$JAR_A B=$JAR_B"
machine_line
threads() { # PID -> "group ticks" lines
  for t in /proc/$1/task/*; do
    awk '{gsub(/[()]/,"",$2); print $2, $14+$15}' "$t/stat" 2>/dev/null || true
  done | python3 -c '
import re,sys,collections
g=collections.Counter()
for line in sys.stdin:
    name,ticks=line.rsplit(" ",1)
    g[re.sub(r"[-#]?\d+$","",name)]+=int(ticks)
for k,v in g.items(): print(k.replace(" ","_"),v)'
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { cat /proc/$1/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/{v+=$2} /^nonvoluntary_ctxt/{n+=$2} END{print v, n}'; }
run() { # SIDE RECORD
  local side="$1" record="$2" url pid before after rb ra out
  url_var="URL_$side"; pid_var="PID_$side"; url="${!url_var}/api/v1/scan/$ID"; pid="${!pid_var}"
  threads "$pid" >"$WORK/th-before"
  before="$(ticks "$pid")"; rb="$(ticks "$REDIS_PID")"; read -r vb nb <<<"$(switches "$pid")"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/bench/submit/scan.lua" "$url" | grep '^WRK ')"
  after="$(ticks "$pid")"; ra="$(ticks "$REDIS_PID")"; read -r va na <<<"$(switches "$pid")"
  threads "$pid" >"$WORK/th-after"
  [ "$record" = 1 ] || return 0
  local groups
  groups="$(python3 - "$WORK/th-before" "$WORK/th-after" <<'PY'
import sys
b=dict(l.split() for l in open(sys.argv[1])); a=dict(l.split() for l in open(sys.argv[2]))
d={k:int(v)-int(b.get(k,0)) for k,v in a.items()}
print(" ".join(f"{k}:{v}" for k,v in sorted(d.items(), key=lambda kv:-kv[1]) if v>0))
PY
)"
  echo "$side ${out#WRK } cpu_ticks=$((after-before)) redis_ticks=$((ra-rb)) vcs=$((va-vb)) ncs=$((na-nb)) load=$(cut -d' ' -f1 /proc/loadavg) | $groups"
}
echo "warm-up ${WARMUP}s each"
DURATION="$WARMUP" run A 0; DURATION="$WARMUP" run B 0
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then run A 1; run B 1; else run B 1; run A 1; fi
done | tee "$WORK/results"
python3 - "$WORK/results" "$(getconf CLK_TCK)" <<'PY'
import sys,statistics
hz=int(sys.argv[2]); rows={}
for line in open(sys.argv[1]):
    head=line.split("|")[0].split(); side=head[0]; f=dict(kv.split("=") for kv in head[1:])
    rows.setdefault(side,[]).append(f)
for side,rs in sorted(rows.items()):
    cpu=[int(r["cpu_ticks"])/hz/int(r["requests"])*1e6 for r in rs]
    red=[int(r["redis_ticks"])/hz/int(r["requests"])*1e6 for r in rs]
    vcs=statistics.median(int(r["vcs"])/int(r["requests"]) for r in rs); ncs=statistics.median(int(r["ncs"])/int(r["requests"]) for r in rs)
    serving=[]
    for line in open(sys.argv[1]):
        if line.split()[0]!=side: continue
        g=dict(kv.split(":") for kv in line.split("|")[1].split()); req=int(dict(kv.split("=") for kv in line.split("|")[0].split()[1:])["requests"])
        serving.append(sum(int(v) for k,v in g.items() if k not in ("C","VM"))/hz/req*1e6)
    m=lambda k: statistics.median(float(r[k]) for r in rs)
    print(f"{side}: API {statistics.median(cpu):.0f} us CPU/req (runs {' '.join(f'{c:.0f}' for c in cpu)}), without JIT/VM threads {statistics.median(serving):.0f}, redis {statistics.median(red):.1f} us/req, ctx switches/req {vcs:.2f} voluntary {ncs:.2f} involuntary, {m('rps'):,.0f} req/s, p50 {m('p50_ms'):.2f} ms, p99 {m('p99_ms'):.2f} ms, non2xx {sum(int(r['non2xx']) for r in rs)}")
PY
