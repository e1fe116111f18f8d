#!/usr/bin/env bash
# DNS brute-force benchmark: our dns collector's brute force against Debian's dnsrecon (-t brt), same list, same
# nsd server on loopback. Not part of the test suite. Usage: bash bench/dns-bruteforce/run.sh [runs]
# dnsrecon has no port option, so nsd listens on port 53 of a loopback address of its own (127.0.53.1).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-3}"
TOTAL="${NAMES:-20000}"
EVERY="${EVERY:-10}"
ADDR="${BENCH_DNS_ADDR:-127.0.53.1}"
RATE="${RATE:-100000}"
CONCURRENCY="${CONCURRENCY:-500}"
WORK="${TMPDIR:-/tmp}/osint-bench-dns-bruteforce"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$WORK"
python3 "$ROOT/bench/dns-bruteforce/gen.py" "$WORK" "$TOTAL" "$EVERY" >/dev/null

cat > "$WORK/nsd.conf" <<CONF
server:
    ip-address: $ADDR@53
    do-ip4: yes
    do-ip6: no
    server-count: 1
    username: ""
    chroot: ""
    zonesdir: "$WORK"
    database: ""
    zonelistfile: "$WORK/zone.list"
    xfrdfile: "$WORK/xfrd.state"
    xfrdir: "$WORK"
    pidfile: "$WORK/nsd.pid"
    logfile: "$WORK/nsd.log"
    verbosity: 0
    hide-version: yes
    rrl-ratelimit: 0
remote-control:
    control-enable: no
zone:
    name: "brute.test"
    zonefile: "brute.test.zone"
CONF
/usr/sbin/nsd-checkconf "$WORK/nsd.conf"
/usr/sbin/nsd -c "$WORK/nsd.conf"
stop_nsd() { [ -s "$WORK/nsd.pid" ] && kill "$(cat "$WORK/nsd.pid")" 2>/dev/null || true; rm -f "$WORK/nsd.pid"; }
trap stop_nsd EXIT
for _ in $(seq 1 50); do dig +short +time=1 +tries=1 @"$ADDR" brute.test SOA >/dev/null 2>&1 && break; sleep 0.1; done

cd "$ROOT"
./mvnw -q -o -pl osint-collectors -am test-compile
./mvnw -q -pl osint-collectors -am dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="osint-collectors/target/test-classes:osint-collectors/target/classes:osint-core/target/classes:osint-core/target/test-classes:$(cat "$WORK/cp.txt")"

echo "== osint dns brute force: $TOTAL names, rate bound $RATE/s, $CONCURRENCY in flight, server $ADDR:53"
"$JAVA_HOME/bin/java" -Dlogback.configurationFile="$ROOT/bench/dns-bruteforce/logback.xml" -cp "$CP" dev.osint.collectors.dns.BruteForceBench brute.test "$WORK/words.txt" "$ADDR:53" \
    "$RATE" "$CONCURRENCY" "$RUNS"

echo "== dnsrecon -t brt (Debian $(dpkg-query -W -f='${Version}' dnsrecon 2>/dev/null)), --threads ${DNSRECON_THREADS:-32}"
speeds=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  found=$(dnsrecon -t brt -d brute.test -n "$ADDR" -D "$WORK/words.txt" --threads "${DNSRECON_THREADS:-32}" \
          --disable_check_recursion --disable_check_bindversion 2>/dev/null | grep -c ' A ' || true)
  end=$(date +%s.%N)
  speed=$(python3 -c "print(round($TOTAL / ($end - $start)))")
  speeds+=("$speed")
  echo "dnsrecon run $run: $TOTAL names in $(python3 -c "print(round($end - $start, 2))") s = $speed names/s, found $found"
done
echo "dnsrecon median: $(printf '%s\n' "${speeds[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p") names/s"
