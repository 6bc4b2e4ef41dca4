#!/usr/bin/env bash
# Product figures for issue #5, written to bench/results/product.md (or $OUT):
#   daemon start to ready, resident memory of one idle node and of a 50-peer in-JVM testnet,
#   CLI put/get latency end to end (JVM start included) and HTTP API latency with curl.
# Run from anywhere: bash bench/product.sh   (builds the CLI jar first; needs curl)
# RUNS (default 10) sets how many timed runs each latency figure takes.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
OUT=${OUT:-bench/results/product.md}
mvn -q -B -ntp -pl cli -am package -DskipTests -Dspotless.check.skip=true
J=(java -jar cli/target/skein-cli.jar)
D=$(mktemp -d)
B=${BASE_PORT:-25300}
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# "p50 / max" of the numbers given (nearest-rank median)
summary() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "p50 %d ms, min %d, max %d (%d runs)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
load() { cut -d' ' -f1 /proc/loadavg; }

LOAD_START=$(load)

# start to ready: a fresh data directory each time (key generated, store created)
STARTS=(); OWN=()
for i in $(seq 1 5); do
  t0=$(date +%s%N)
  "${J[@]}" node --data "$D/s$i" --listen 127.0.0.1:$((B + 40)) --api 127.0.0.1:$((B + 41)) \
    --preset local --log-level info >"$D/s$i.out" 2>"$D/s$i.err" &
  p=$!
  until grep -q '^ready:' "$D/s$i.out" 2>/dev/null; do
    kill -0 $p 2>/dev/null || { cat "$D/s$i.err" >&2; exit 1; }
    sleep 0.01
  done
  STARTS+=("$(ms "$t0")")
  OWN+=("$(grep -o 'ready in [0-9]* ms' "$D/s$i.err" | grep -o '[0-9]*')")
  kill $p; wait $p || true
done

# a 3-node cluster on loopback
"${J[@]}" node --data "$D/a" --listen 127.0.0.1:$B --api 127.0.0.1:$((B + 1)) --preset local \
  >"$D/a.out" 2>"$D/a.err" & PA=$!; PIDS+=($PA)
"${J[@]}" node --data "$D/b" --listen 127.0.0.1:$((B + 2)) --api 127.0.0.1:$((B + 3)) --preset local \
  --join 127.0.0.1:$B >"$D/b.out" 2>"$D/b.err" & PIDS+=($!)
"${J[@]}" node --data "$D/c" --listen 127.0.0.1:$((B + 4)) --api 127.0.0.1:$((B + 5)) --preset local \
  --join 127.0.0.1:$B >"$D/c.out" 2>"$D/c.err" & PIDS+=($!)
"${J[@]}" members --api 127.0.0.1:$((B + 1)) --wait-alive 3 >/dev/null
"${J[@]}" members --api 127.0.0.1:$((B + 3)) --wait-alive 3 >/dev/null
sleep 10 # "idle": ten seconds of nothing but gossip
RSS_IDLE=$(rss_kb $PA)

NS=$("${J[@]}" status --json --api 127.0.0.1:$((B + 1)) | sed 's/.*"publicKey" *: *"\([0-9a-f]*\)".*/\1/')
CLI_PUT=(); CLI_GET=(); CURL_PUT=(); CURL_GET=()
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N); "${J[@]}" put "k$i" "v$i" --api 127.0.0.1:$((B + 1)) >/dev/null 2>&1; CLI_PUT+=("$(ms "$t0")")
done
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  v=$("${J[@]}" get "$NS/k$i" --api 127.0.0.1:$((B + 3)))
  CLI_GET+=("$(ms "$t0")")
  [ "$v" = "v$i" ] || { echo "cli get k$i answered '$v'" >&2; exit 1; }
done
for i in $(seq 1 "$RUNS"); do
  s=$(curl -sf -o /dev/null -w '%{time_total}' -X PUT --data-binary "c$i" "http://127.0.0.1:$((B + 1))/v1/values/c$i")
  CURL_PUT+=("$(awk -v s="$s" 'BEGIN {printf "%d", s * 1000 + 0.5}')")
done
for i in $(seq 1 "$RUNS"); do
  v=$(curl -sf -w ' %{time_total}' "http://127.0.0.1:$((B + 3))/v1/values/$NS/c$i")
  [ "${v% *}" = "c$i" ] || { echo "curl get c$i answered '$v'" >&2; exit 1; }
  CURL_GET+=("$(awk -v s="${v##* }" 'BEGIN {printf "%d", s * 1000 + 0.5}')")
done
LOAD_MID=$(load)
kill "${PIDS[@]}"; wait "${PIDS[@]}" || true; PIDS=()

# a 50-peer testnet in one JVM
"${J[@]}" testnet --peers 50 --dir "$D/net" --base-port $((B + 100)) --duration 60 >"$D/net.out" 2>"$D/net.err" &
PT=$!; PIDS+=($PT)
t0=$(date +%s%N)
until [ -f "$D/net/peers.json" ]; do kill -0 $PT 2>/dev/null || { cat "$D/net.err" >&2; exit 1; }; sleep 0.1; done
UP_MS=$(ms "$t0")
"${J[@]}" members --api 127.0.0.1:$((B + 101)) --wait-alive 50 >/dev/null
sleep 20
RSS_NET=$(rss_kb $PT)
ALIVE=$("${J[@]}" members --api 127.0.0.1:$((B + 199)) | grep -c ' alive ')
kill $PT; wait $PT || true; PIDS=()
LOAD_END=$(load)

cat >"$OUT" <<EOF
# Product figures: daemon start, memory, CLI and HTTP latency

Written by \`bash bench/product.sh\` at $(date -u +%FT%TZ) ($(java -version 2>&1 | head -1),
default JVM options, $(nproc) cores). Load average (1 min): $LOAD_START at the start, $LOAD_MID after the
latency runs, $LOAD_END at the end.

| what | measured |
|------|----------|
| \`skein node\` process start to its \`ready:\` line (JVM start included; fresh data directory, key generated) | $(summary "${STARTS[@]}") |
| same, the daemon's own \`ready in\` (data dir, key, store, transport, gossip, dht, API) | $(summary "${OWN[@]}") |
| RSS of one idle node (3-node cluster, 10 s after all saw 3 alive; VmRSS) | $RSS_IDLE kB ($((RSS_IDLE / 1024)) MB) |
| RSS of a 50-peer in-JVM testnet (\`skein testnet --peers 50\`, 20 s after all 50 were alive at peer 0) | $RSS_NET kB ($((RSS_NET / 1024)) MB, $((RSS_NET / 1024 / 50)) MB per peer) |
| 50-peer testnet: up (peers.json written) after | $UP_MS ms from the launch of its JVM |
| 50-peer testnet: members alive as seen by peer 49 | $ALIVE |
| \`skein put NAME VALUE\` end to end, JVM start included (3 nodes, quorum) | $(summary "${CLI_PUT[@]}") |
| \`skein get NAMESPACE/NAME\` end to end from another node, JVM start included | $(summary "${CLI_GET[@]}") |
| \`curl -X PUT\` a mutable value through the HTTP API (quorum) | $(summary "${CURL_PUT[@]}") |
| \`curl\` GET of another node's value through the HTTP API (quorum) | $(summary "${CURL_GET[@]}") |

Every get checked that it answered the value put.
EOF
cat "$OUT"
