# Sums statsd counters (name:value|c lines) received on 127.0.0.1:<port>; writes the totals as JSON
# to <file> every second. Used by serf-bytes.sh. usage: statsd_sum.py <port> <file>
import json, os, socket, sys, threading, time
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", int(sys.argv[1])))
totals = {}
lock = threading.Lock()
def dump():
    while True:
        time.sleep(1)
        with lock:
            snap = dict(totals)
        with open(sys.argv[2] + ".tmp", "w") as f:
            json.dump(snap, f)
        os.replace(sys.argv[2] + ".tmp", sys.argv[2])
threading.Thread(target=dump, daemon=True).start()
while True:
    data, _ = sock.recvfrom(65535)
    for line in data.decode(errors="replace").split("\n"):
        if not line or "|c" not in line:
            continue
        try:
            name, rest = line.split(":", 1)
            value = float(rest.split("|", 1)[0])
        except ValueError:
            continue
        with lock:
            totals[name] = totals.get(name, 0.0) + value
