#!/usr/bin/env bash
# Bytes sent per member per second by Serf agents with their LAN defaults, in steady state: the
# reference for GossipRealBench's figure (bench/results/gossip-real.md).
#
# Starts N agents (Debian package `serf`) on 127.0.0.1, all joining the first, sends their
# telemetry to a local statsd listener (statsd_sum.py, which sums counters), waits until the first
# agent sees all alive plus SETTLE seconds, then sums memberlist.udp.sent and memberlist.tcp.sent
# (every byte memberlist writes: probes, gossip, compressed push-pull; no IP/UDP/TCP headers) over
# WINDOW seconds. Stops only the processes it started.
#
# usage: bench/serf/serf-bytes.sh [N=50] [WINDOW=120] [SETTLE=15] [BASE_PORT=24100]
set -euo pipefail
N=${1:-50}
WINDOW=${2:-120}
SETTLE=${3:-15}
BASE=${4:-24100}
STATSD_PORT=$((BASE + 2 * N + 10))
DIR=$(mktemp -d /tmp/serf-bytes.XXXXXX)
HERE=$(cd "$(dirname "$0")" && pwd)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "{\"statsd_addr\":\"127.0.0.1:$STATSD_PORT\"}" > "$DIR/telemetry.json"
python3 "$HERE/statsd_sum.py" "$STATSD_PORT" "$DIR/totals.json" > "$DIR/statsd.log" 2>&1 &
PIDS+=($!)
for i in $(seq 0 $((N - 1))); do
  JOIN=()
  [ "$i" -gt 0 ] && JOIN=(-join="127.0.0.1:$BASE")
  serf agent -node="s$i" -bind="127.0.0.1:$((BASE + i))" -rpc-addr="127.0.0.1:$((BASE + N + i))" \
    -config-file="$DIR/telemetry.json" -log-level=warn "${JOIN[@]}" > "$DIR/s$i.log" 2>&1 &
  PIDS+=($!)
  [ "$i" -eq 0 ] && sleep 1
done
until [ "$(serf members -rpc-addr="127.0.0.1:$((BASE + N))" -status=alive 2>/dev/null | wc -l)" -ge "$N" ]; do
  sleep 0.5
done
sleep "$SETTLE"
cp "$DIR/totals.json" "$DIR/t0.json"; T0=$(date +%s.%N); LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
sleep "$WINDOW"
cp "$DIR/totals.json" "$DIR/t1.json"; T1=$(date +%s.%N); LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$DIR" "$T0" "$T1" "$N" "$LOAD0" "$LOAD1" <<'PY'
import json, sys
d, t0, t1, n = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
a, b = json.load(open(d + "/t0.json")), json.load(open(d + "/t1.json"))
def delta(suffix):
    return sum(v - a.get(k, 0) for k, v in b.items() if k.endswith(suffix))
udp, tcp, secs = delta("memberlist.udp.sent"), delta("memberlist.tcp.sent"), t1 - t0
print(f"serf {n} agents, {secs:.0f} s window, load {sys.argv[5]} .. {sys.argv[6]}: "
      f"udp {udp:.0f} B, tcp {tcp:.0f} B, {(udp + tcp) / n / secs:.0f} bytes per member per second "
      f"(udp {udp / n / secs:.0f}, tcp {tcp / n / secs:.0f})")
PY
