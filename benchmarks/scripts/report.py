"""Turns benchmarks/run's raw measurements into one markdown table and RESULTS.md.

Input: a TSV with one line per measured wrk run (server, workload, round, requests,
duration_us, p99_us, errors, cpu_ticks, clk_tck, rss_kb) and a key=value metadata file.
Each metric is the median over the rounds, taken independently.
"""
import argparse
import statistics
import sys
from collections import OrderedDict

LABELS = OrderedDict([
    ("brisk", "Brisk (virtual threads)"),
    ("brisk-observed", "Brisk + metrics + tracing"),
    ("brisk-observed-10", "Brisk + metrics + tracing, 10 % sampled"),
    ("brisk-pool40", "Brisk (pool:40)"),
    ("brisk-base", "Brisk, older build (--base-jar)"),
    ("netty", "raw Netty 4.2"),
    ("vertx", "Vert.x-web 5"),
    ("fastapi", "FastAPI (uvicorn)"),
])
WORKLOADS = OrderedDict([
    ("plaintext", "plaintext"),
    ("json", "JSON"),
    ("items", "path+query"),
    ("blocking", "blocking 100 ms"),
    ("h2c", "h2c plaintext, 4×100 streams"),
    ("static", "static 100 MB file"),
])


def read_rows(path):
    rows = []
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def summarise(rows):
    runs = OrderedDict()
    for r in rows:
        runs.setdefault((r["server"], r["workload"]), []).append(r)
    out = OrderedDict()
    for key, rs in runs.items():
        rps, p99, cpu, rss, errors, client, other, mbps, cpu_mb = [], [], [], [], [], [], [], [], []
        for r in rs:
            requests = int(r["requests"])
            seconds = int(r["duration_us"]) / 1e6
            rps.append(requests / seconds if seconds > 0 else 0.0)
            p99.append(int(r["p99_us"]) / 1000.0)
            ticks = int(r["cpu_ticks"])
            cpu.append(ticks * 1e6 / int(r["clk_tck"]) / requests if requests > 0 else float("nan"))
            rss.append(int(r["rss_kb"]) / 1024.0)
            # bytes read by the client (partial responses included): the static workload's measure,
            # where a 4 s run completes only a handful of 100 MB requests
            mb = int(r.get("bytes") or 0) / 1e6
            mbps.append(mb / seconds if seconds > 0 else 0.0)
            cpu_mb.append(ticks * 1e6 / int(r["clk_tck"]) / mb if mb > 0 else float("nan"))
            errors.append(int(r["errors"]))
            hz = int(r["clk_tck"])
            window = int(r.get("window_us", 0)) / 1e6 or seconds  # wall time of the CPU readings
            client.append(int(r.get("wrk_ticks", 0)) / hz / window if window > 0 else 0.0)
            other.append(max(0, int(r.get("other_ticks", 0))) / hz / window if window > 0 else 0.0)
        out[key] = {
            "rps": statistics.median(rps),
            "p99_ms": statistics.median(p99),
            "cpu_us": statistics.median(cpu),
            "rss_mb": statistics.median(rss),
            "mb_s": statistics.median(mbps),
            "cpu_us_per_mb": statistics.median(cpu_mb),
            "errors": max(errors),
            "client_cores": statistics.median(client),
            "other_cores": statistics.median(other),
            "rounds": len(rs),
        }
    return out


CLIENT_BOUND = 0.90
BUSY = 0.30


def fmt_int(x):
    return f"{x:,.0f}"


def fmt_ms(x):
    return f"{x:,.1f} ms" if x >= 10 else f"{x:.2f} ms"


def fmt_ratio(x, base):
    if base is None or base == 0 or x != x or base != base:
        return "–"
    return f"{x / base:.2f}×"


def table(summary):
    servers = [s for s in LABELS if any(k[0] == s for k in summary)]
    servers += sorted({k[0] for k in summary} - set(servers))
    baseline = "brisk" if "brisk" in servers else ("netty" if "netty" in servers else None)
    base_label = {"brisk": "Brisk", "netty": "raw Netty"}.get(baseline, "—")
    lines = []
    if baseline != "brisk":
        lines.append(f"_Brisk was not measured in this run: ratios are to {base_label} instead._\n")
    lines.append(f"| server | workload | req/s | p99 | CPU µs/req | RSS | req/s vs {base_label} "
                 f"| CPU/req vs {base_label} | errors | wrk CPU | others' CPU |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    client_bound = False
    for w in WORKLOADS:
        base = summary.get((baseline, w)) if baseline else None
        for s in servers:
            m = summary.get((s, w))
            if m is None:
                continue
            mark = ""
            if m["client_cores"] >= CLIENT_BOUND:
                mark, client_bound = " †", True
            lines.append("| {} | {} | {}{} | {} | {:.1f} | {:.0f} MB | {} | {} | {} | {:.0%} | {:.0%} |".format(
                LABELS.get(s, s), WORKLOADS[w], fmt_int(m["rps"]), mark,
                fmt_ms(m["p99_ms"]) if m["p99_ms"] > 0 else "–", m["cpu_us"],
                m["rss_mb"], fmt_ratio(m["rps"], base and base["rps"]),
                fmt_ratio(m["cpu_us"], base and base["cpu_us"]), m["errors"],
                m["client_cores"], m["other_cores"]))
    lines.append("")
    lines.append("h2c rows: h2load instead of wrk (it reports no percentiles). static rows: each request is "
                 "the whole 100 MB file, so MB/s = req/s × 100.")
    lines.append("wrk CPU: the load generator's CPU use, as a share of one core (it runs one thread). "
                 "others' CPU: everything else the machine did meanwhile (other users' processes, "
                 "kernel softirq time), in cores; high values mean a noisy figure.")
    busiest = max(m["other_cores"] for m in summary.values())
    if busiest >= BUSY:
        lines.append(f"⚠ Other work kept the machine busy during this run (up to {busiest:.1f} cores "
                     "besides the server and wrk): these figures are unreliable; rerun on a quiet machine.")
    if client_bound:
        lines.append(f"† wrk used ≥ {CLIENT_BOUND:.0%} of its core: that req/s is (close to) the "
                     "load generator's limit, not the server's; compare CPU µs/req instead.")
    return "\n".join(lines)


def targets(summary):
    """Issue 6's targets, each checked against this run's medians: figure, threshold, met or not."""
    def get(server, workload, metric):
        m = summary.get((server, workload))
        return None if m is None else m[metric]

    rows = []

    def check(what, value, limit, at_least, fmt="{:.2f}×"):
        if value is None or value != value:
            rows.append(f"| {what} | – | {'≥' if at_least else '≤'} {fmt.format(limit)} | not measured |")
            return
        ok = value >= limit if at_least else value <= limit
        rows.append(f"| {what} | {fmt.format(value)} | {'≥' if at_least else '≤'} {fmt.format(limit)} "
                    f"| {'met' if ok else '**not met**'} |")

    def ratio(a, b):
        return None if a is None or b is None or b == 0 else a / b

    for w, label in (("plaintext", "plaintext"), ("json", "JSON")):
        check(f"{label}: req/s vs raw Netty", ratio(get("brisk", w, "rps"), get("netty", w, "rps")), 0.90, True)
        check(f"{label}: CPU/req vs raw Netty", ratio(get("brisk", w, "cpu_us"), get("netty", w, "cpu_us")), 1.10, False)
        check(f"{label}: req/s vs Vert.x-web", ratio(get("brisk", w, "rps"), get("vertx", w, "rps")), 1.00, True)
        check(f"{label}: CPU/req vs Vert.x-web", ratio(get("brisk", w, "cpu_us"), get("vertx", w, "cpu_us")), 1.00, False)
    check("path+query: req/s vs Brisk's /plaintext",
          ratio(get("brisk", "items", "rps"), get("brisk", "plaintext", "rps")), 0.75, True)
    check("path+query: req/s vs FastAPI", ratio(get("brisk", "items", "rps"), get("fastapi", "items", "rps")), 10, True)
    check("path+query: CPU/req vs FastAPI",
          ratio(get("brisk", "items", "cpu_us"), get("fastapi", "items", "cpu_us")), 0.10, False)
    check("blocking: Brisk virtual threads req/s", get("brisk", "blocking", "rps"), 8000, True, "{:,.0f}")
    check("blocking: Brisk virtual vs FastAPI `def`",
          ratio(get("brisk", "blocking", "rps"), get("fastapi", "blocking", "rps")), 20, True)
    for w, label in (("plaintext", "plaintext"), ("json", "JSON"), ("items", "path+query"), ("blocking", "blocking")):
        check(f"{label}: CPU/req with metrics + tracing (10 % sampled) vs without (issue 12)",
              ratio(get("brisk-observed-10", w, "cpu_us"), get("brisk", w, "cpu_us")), 1.10, False)
    pool, fa = get("brisk-pool40", "blocking", "rps"), get("fastapi", "blocking", "rps")
    r = ratio(pool, fa)
    if r is None:
        rows.append("| blocking: Brisk pool:40 vs FastAPI (≈ 400 req/s each) | – | ≈ 1× | not measured |")
    else:
        rows.append(f"| blocking: Brisk pool:40 vs FastAPI (≈ 400 req/s each) | {r:.2f}× ({pool:,.0f} vs {fa:,.0f}) "
                    f"| ≈ 1× (0.8–1.25) | {'met' if 0.8 <= r <= 1.25 else '**not met**'} |")
    # Issue 13: HTTP/2 against Brisk's own HTTP/1.1, and static files against raw Netty's sendfile
    h2, h1 = get("brisk", "h2c", "rps"), get("brisk", "plaintext", "rps")
    r = ratio(h2, h1)
    rows.append("| h2c, 100 streams: req/s vs Brisk's HTTP/1.1 /plaintext | "
                + ("–" if r is None else f"{r:.2f}× ({h2:,.0f} vs {h1:,.0f})") + " | (reported) | |")
    r = ratio(get("brisk", "h2c", "cpu_us"), get("brisk", "plaintext", "cpu_us"))
    rows.append("| h2c, 100 streams: CPU/req vs Brisk's HTTP/1.1 /plaintext | "
                + ("–" if r is None else f"{r:.2f}× ({get('brisk', 'h2c', 'cpu_us'):.1f} vs "
                                         f"{get('brisk', 'plaintext', 'cpu_us'):.1f} µs)") + " | (reported) | |")
    bs, ns = get("brisk", "static", "mb_s"), get("netty", "static", "mb_s")
    r = ratio(bs, ns)
    if r is None:
        rows.append("| static 100 MB: MB/s vs raw Netty DefaultFileRegion | – | ≥ 0.90× | not measured |")
    else:
        rows.append(f"| static 100 MB: MB/s vs raw Netty DefaultFileRegion | {r:.2f}× ({bs:,.0f} vs {ns:,.0f} MB/s) "
                    f"| ≥ 0.90× | {'met' if r >= 0.90 else '**not met**'} |")
    check("static 100 MB: CPU per MB sent vs raw Netty DefaultFileRegion",
          ratio(get("brisk", "static", "cpu_us_per_mb"), get("netty", "static", "cpu_us_per_mb")), 1.10, False)
    if not any(k[0] == "brisk" for k in summary):
        return ""
    return ("## Targets (issues 6 and 13), from this run's medians\n\n"
            "| target | measured | wanted | |\n|---|---:|---:|---|\n" + "\n".join(rows) + "\n\n"
            "Two cores: on plaintext/JSON/path+query wrk saturates its core for the fastest servers (†), so "
            "their req/s ratios mostly measure the load generator; the CPU/req ratios are the ones that "
            "separate them, and even those move by ~10 % between rounds on this machine.\n")


def observability(rows):
    """Issue 12: CPU/req of Brisk with metrics + tracing + request ids against plain Brisk. Besides the
    ratio of the medians, the median of the per-round ratios (with --interleave, round r of both ran back
    to back, so each pair saw the same machine: the steadier figure on a shared machine)."""
    cpu = {}
    for r in rows:
        n = int(r["requests"])
        if n > 0:
            cpu[(r["server"], r["workload"], r["round"])] = int(r["cpu_ticks"]) * 1e6 / int(r["clk_tck"]) / n
    # The 10 % row, the production set-up, has the verdict; every span sampled is reported as the worst case: there
    # the SDK's own span (1.5-2 µs with its export, more than a tenth of a request) is most of the difference.
    lines = []
    for server, label, judged in (("brisk-observed-10", "10 % sampled", True), ("brisk-observed", "all sampled", False)):
        for w in WORKLOADS:
            base = sorted(v for (s, wl, _), v in cpu.items() if s == "brisk" and wl == w)
            obs = sorted(v for (s, wl, _), v in cpu.items() if s == server and wl == w)
            if not base or not obs:
                continue
            b, o = statistics.median(base), statistics.median(obs)
            pairs = [cpu[(server, w, rd)] / cpu[("brisk", w, rd)]
                     for (s, wl, rd) in cpu if s == "brisk" and wl == w and (server, w, rd) in cpu]
            paired = statistics.median(pairs) if pairs else float("nan")
            met = (paired if pairs else o / b) <= 1.10
            verdict = ("met" if met else "**not met**") if judged else ("within" if met else "over")
            lines.append(f"| {WORKLOADS[w]} | {label} | {b:.1f} | {o:.1f} | {o - b:+.1f} | {o / b:.2f}× | "
                         + (f"{paired:.2f}× ({', '.join(f'{x:.2f}' for x in sorted(pairs))})" if pairs else "–")
                         + f" | ≤ 1.10× | {verdict} |")
    return "" if not lines else ("## Observability's cost (issue 12): Brisk + metrics + tracing vs Brisk\n\n"
            "| workload | tracing | Brisk CPU µs/req | observed CPU µs/req | extra µs/req | ratio of medians "
            "| per-round ratios: median (each) | wanted | |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n"
            + "\n".join(lines) + "\n\n"
            "Observed: the seed app with `BRISK_OBSERVE=all` (Prometheus metrics, X-Request-ID and the MDC, "
            "OpenTelemetry tracing through the SDK's batch processor with its default settings, spans exported "
            "to a counting exporter). *10 % sampled* (`brisk-observed-10`, the verdict): "
            "`OTEL_TRACES_SAMPLER=parentbased_traceidratio`, `OTEL_TRACES_SAMPLER_ARG=0.1`, as production "
            "services commonly run (an incoming sampled `traceparent` is still always followed). *all sampled* "
            "(`brisk-observed`, the worst case, reported): every request traced, where the SDK's own span and "
            "its export are most of the difference. The verdict reads the per-round median when there are pairs. "
            "Rounds are back to back only with `--interleave`.\n\n")


def per_round_cpu(rows):
    cpu = {}
    for r in rows:
        n = int(r["requests"])
        if n > 0:
            cpu[(r["server"], r["workload"], r["round"])] = int(r["cpu_ticks"]) * 1e6 / int(r["clk_tck"]) / n
    return cpu


def baseline(rows):
    """Issue 9: Brisk's request path against an older build's (brisk-base, e.g. round 1's) and raw Netty.

    The per-round ratios pair servers measured back to back (--interleave), so they hold up on a shared
    machine better than the ratio of the medians. Wanted: Brisk within 3 % of the older build.
    """
    cpu = per_round_cpu(rows)
    lines = []
    for w in WORKLOADS:
        def med(server):
            xs = [v for (s, wl, _), v in cpu.items() if s == server and wl == w]
            return statistics.median(xs) if xs else None

        def paired(a, b):
            xs = [cpu[(a, w, rd)] / cpu[(b, w, rd)] for (s, wl, rd) in cpu if s == a and wl == w and (b, w, rd) in cpu]
            return (statistics.median(xs), sorted(xs)) if xs else (None, [])

        b, base, n = med("brisk"), med("brisk-base"), med("netty")
        if b is None or base is None:
            continue
        vs_base, each = paired("brisk", "brisk-base")
        base_netty, _ = paired("brisk-base", "netty")
        brisk_netty, _ = paired("brisk", "netty")
        fmt = lambda x: "–" if x is None else f"{x:.2f}×"
        verdict = "met" if vs_base is not None and vs_base <= 1.03 else "**not met**"
        lines.append(f"| {WORKLOADS[w]} | {base:.1f} | {b:.1f} | {'–' if n is None else f'{n:.1f}'} | "
                     f"{fmt(vs_base)} ({', '.join(f'{x:.2f}' for x in each)}) | {fmt(base_netty)} | {fmt(brisk_netty)} "
                     f"| ≤ 1.03× | {verdict} |")
    if not lines:
        return ""
    return ("## Brisk against an older build (issue 9: the request path must not get dearer)\n\n"
            "| workload | older build CPU µs/req | Brisk CPU µs/req | raw Netty CPU µs/req | Brisk ÷ older, per round: "
            "median (each) | older ÷ Netty | Brisk ÷ Netty | wanted | |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n"
            + "\n".join(lines) + "\n\n"
            "Older build: the jar given with `--base-jar`, run with Brisk's JVM and seed flags. Ratios are "
            "medians of per-round ratios (rounds are back to back only with `--interleave`).\n")


def read_meta(path):
    meta = OrderedDict()
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    return meta


def results_md(meta, tbl, targets_md=""):
    m = meta.get
    servers = "\n".join(f"- {line}" for k, line in meta.items() if k.startswith("server.")) or "- (none)"
    skipped = "\n".join(f"- {line}" for k, line in meta.items() if k.startswith("skipped.")) or ""
    return f"""# Benchmarks: Brisk vs raw Netty, Vert.x and FastAPI

Written by `benchmarks/run{' --quick' if m('mode') == 'quick' else ''}` on {m('date')}.
**{m('mode')} mode**: {m('rounds')} round(s) of {m('duration')} s per workload, median of the rounds{
'; servers interleaved (all running, each round taken on every server in turn, even rounds in reverse order)' if m('interleave') == '1' else ''}{
f'; **fixed offered load**: plaintext, JSON and path+query at {int(m("rate")):,} req/s (h2load --h1, {m("rate_conns")} connections), not wrk at saturation, so their p99 is not measured' if m('rate') not in ('', '0', None) else ''}.
The machine is shared with other work (2 cores), so treat every figure as noisy: compare
servers within one run, not across runs.

{tbl}

{targets_md}
## How it was measured

- Each server runs alone, started on a free loopback port, pinned to one event loop
  (`--loops 1`, one uvicorn worker) and, when `taskset` and ≥ 2 cores are there, to CPU
  {m('server_cpu')}; `wrk` runs pinned to CPU {m('client_cpu')} with one thread.
  Pinning: {m('pinning')}.
- Warm-up before measuring: {m('warmup_jvm')} s under load for JVM servers, {m('warmup_py')} s
  for FastAPI, spread over all four workloads.
- Workloads (`wrk -t1 --timeout 10s`, keep-alive, no pipelining):
  plaintext `GET /plaintext`, JSON `GET /json`, path+query `GET /items/42?q=abc&limit=5`
  at {m('conns')} connections; blocking `GET /sync-test/1` (sleeps 100 ms on a worker) at
  {m('block_conns')} connections.
- **CPU µs/req**: the server's CPU time (utime+stime from `/proc/PID/stat`, summed over
  its whole process group, children included) over the measured run, divided by the
  requests wrk completed. **RSS**: VmRSS of the process group right after the run.
  **p99**: wrk's, measured from the send of each request (coordinated omission not
  corrected). **errors**: socket errors + timeouts + non-2xx responses (max over rounds).
- Blocking-route ceilings to read the numbers with: a pool of 40 threads × 10 req/s =
  400 req/s (FastAPI's `def` routes, Brisk `pool:40`); Vert.x's worker pool is
  {m('vertx_workers')} threads (not the bottleneck); virtual threads have no such cap.
- One `wrk` thread on one core can itself be the limit for the fastest servers on the
  first three workloads (marked †); CPU µs/req is the figure that still separates them then.
- wrk's p99 counts only the requests that completed. On the blocking route FastAPI's
  queue is not fair: in a separate check (1,000 keep-alive connections for 8 s against
  `/sync-test/1`, our own asyncio client) 600 connections never got an answer while
  others got up to 37, so its p99 there understates the real tail by far; the
  fair-queue expectation is connections ÷ req/s ≈ 2.5 s.

## Machine and versions

- CPU: {m('cpu_model')}, nproc {m('nproc')}; kernel {m('kernel')}; memory {m('mem')}
- JVM: {m('java_version')}
- JVM flags (all JVM servers, and Brisk through `JAVA_OPTS`): `{m('java_opts')}`
- Transport: {m('transport')}
- Netty {m('netty_version')}, Vert.x {m('vertx_version')}, Jackson {m('jackson_version')}
- Python {m('python_version')}; FastAPI {m('fastapi_version')}, Starlette {m('starlette_version')},
  pydantic {m('pydantic_version')}, uvicorn {m('uvicorn_version')}, uvloop {m('uvloop_version')},
  httptools {m('httptools_version')} (Debian packages)
- wrk {m('wrk_version')}

Servers as they reported themselves:
{servers}
{skipped}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--out")
    a = ap.parse_args()
    summary = summarise(read_rows(a.results))
    if not summary:
        print("no measurements", file=sys.stderr)
        return 1
    rows = read_rows(a.results)
    tbl = table(summary)
    print(tbl)
    goals = targets(summary)
    if goals:
        print()
        print(goals)
    obs = observability(rows)
    base = baseline(rows)
    if base:
        obs = (obs + "\n" + base) if obs else base
    if obs:
        print(obs)
    if a.out:
        with open(a.out, "w") as f:
            f.write(results_md(read_meta(a.meta), tbl, goals + ("\n" + obs if obs else "")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
