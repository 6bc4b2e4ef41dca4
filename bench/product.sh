#!/bin/bash
# Product figures (bench/results/product.md). Run from the repository root after
# `mvn -pl cli -am package -DskipTests`: bash bench/product.sh
set -u
J="java -jar cli/target/skein-cli.jar"
D=$(mktemp -d)
B=25300
echo "loadavg at start: $(cat /proc/loadavg)"
t0=$(date +%s%N)
$J node --data $D/a --listen 127.0.0.1:$B --api 127.0.0.1:$((B+1)) --preset local --log-level info >$D/a.out 2>$D/a.err & PA=$!
while ! grep -q ready: $D/a.out 2>/dev/null; do sleep 0.05; done
t1=$(date +%s%N)
echo "node: process start to ready line: $(( (t1-t0)/1000000 )) ms; daemon's own: $(grep -o 'ready in [0-9]* ms' $D/a.err)"
$J node --data $D/b --listen 127.0.0.1:$((B+2)) --api 127.0.0.1:$((B+3)) --preset local --join 127.0.0.1:$B >$D/b.out 2>$D/b.err & PB=$!
$J node --data $D/c --listen 127.0.0.1:$((B+4)) --api 127.0.0.1:$((B+5)) --preset local --join 127.0.0.1:$B >$D/c.out 2>$D/c.err & PC=$!
sleep 10
echo "idle node RSS (node a, 3-node cluster, 10 s after start): $(grep VmRSS /proc/$PA/status)"
for i in 1 2 3 4 5; do
  s=$(date +%s%N); $J put k$i v$i --api 127.0.0.1:$((B+1)) >/dev/null; e=$(date +%s%N); echo "cli put $(( (e-s)/1000000 )) ms"
done
NS=$($J status --json --api 127.0.0.1:$((B+1)) | sed 's/.*"publicKey" *: *"\([0-9a-f]*\)".*/\1/')
for i in 1 2 3 4 5; do
  s=$(date +%s%N); $J get $NS/k$i --api 127.0.0.1:$((B+3)) >/dev/null; e=$(date +%s%N); echo "cli get $(( (e-s)/1000000 )) ms"
done
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -w "curl put %{time_total} s\n" -X PUT --data-binary "c$i" http://127.0.0.1:$((B+1))/v1/values/c$i
done
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -w "curl get %{time_total} s\n" http://127.0.0.1:$((B+3))/v1/values/$NS/c$i
done
kill $PA $PB $PC; wait
echo "loadavg after 3-node part: $(cat /proc/loadavg)"
$J testnet --peers 50 --dir $D/net --base-port 25400 --duration 40 >$D/net.out 2>$D/net.err & PT=$!
while [ ! -f $D/net/peers.json ]; do sleep 0.2; done
echo "testnet 50: all up $(( ($(date +%s%N)-t1)/1000000 )) ms after the first node's ready (not a clean figure)"
sleep 20
echo "50-peer testnet RSS (20 s after all up): $(grep VmRSS /proc/$PT/status)"
echo "alive counts seen by the 50 peers: $($J members --api 127.0.0.1:25401 | grep -c ' alive ')"
wait $PT
echo "final table:"; grep -c ' 50       0     0     0' $D/net.out
echo "loadavg at end: $(cat /proc/loadavg)"
rm -rf $D
