"""Markdown report of a WebSocket benchmark run (scripts/websockets.sh): one table, issue 13's targets."""
import sys
from datetime import datetime, timezone

results, mode, conns, lat_s, tp_conns, tp_s, machine = sys.argv[1:8]
rows = {}
for line in open(results).read().splitlines()[1:]:
    server, kind, bench, base, loaded = line.split("\t")
    kv = dict(p.split("=", 1) for p in bench.split()[1:] if "=" in p)
    rows.setdefault(server, {})[kind] = (kv, int(base), int(loaded))

def num(v, default=-1):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default

print("# WebSocket echo benchmark\n")
print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, mode {mode}, {machine}. One load client for all servers "
      f"(`dev.brisk.bench.WsLoad`, Netty), server and client pinned to separate CPUs; each server alone, one event loop.\n")
print(f"Latency: {conns} connections, each sending a 32-byte binary message a second for {lat_s} s. "
      f"Throughput: {tp_conns} connections, one message in flight each, for {tp_s} s.\n")
print("| server | connected | errors | p50 ms | p99 ms | p99.9 ms | RSS/conn KB | throughput msg/s | tp p99 ms | server CPU µs/msg |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
tp = {}
for server, kinds in rows.items():
    lat, base, loaded = kinds.get("latency", ({}, 0, 0))
    thr = kinds.get("throughput", ({}, 0, 0))[0]
    c = num(lat.get("connected"))
    per = (loaded - base) / c if c > 0 else float("nan")
    tp[server] = num(thr.get("msgs_per_s"), 0)
    cpu = num(thr.get("server_cpu_us"), 0) / max(1, num(thr.get("total_received"), 0))
    ms = lambda kv, k: f"{num(kv.get(k)) / 1000:.1f}" if num(kv.get(k)) >= 0 else "-"
    print(f"| {server} | {c} | {lat.get('errors', '-')} | {ms(lat, 'p50_us')} | {ms(lat, 'p99_us')} | {ms(lat, 'p999_us')} "
          f"| {per:.1f} | {tp[server]} | {ms(thr, 'p99_us')} | {cpu:.1f} |")
print()
b = rows.get("brisk", {}).get("latency", ({},))[0]
checks = []
if b:
    checks.append(("no errors at %s connections (Brisk, loop lane)" % conns, num(b.get("errors")) == 0, b.get("errors")))
    checks.append(("p99 echo latency < 20 ms (Brisk, loop lane)", 0 <= num(b.get("p99_us")) < 20000, f"{num(b.get('p99_us')) / 1000:.1f} ms"))
if tp.get("brisk") and tp.get("vertx"):
    r = tp["brisk"] / tp["vertx"]
    checks.append(("throughput >= 0.9 x Vert.x", r >= 0.9, f"{r:.2f} x"))
if tp.get("brisk") and tp.get("uvicorn"):
    r = tp["brisk"] / tp["uvicorn"]
    checks.append(("throughput >= 10 x uvicorn", r >= 10, f"{r:.1f} x"))
print("On a loaded or shared machine the latency and msg/s columns measure the machine; server CPU per echoed")
print("message (the server's own CPU time over the throughput run / messages echoed) is the steadier comparison.\n")
print("| issue 13 target | met | value |")
print("|---|---|---|")
for name, ok, value in checks:
    print(f"| {name} | {'yes' if ok else 'NO'} | {value} |")
