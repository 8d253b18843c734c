"""benchmarks/tfb/run's report: medians per server and workload, and the issue's targets checked."""
import statistics
import sys
from collections import OrderedDict

LABELS = OrderedDict([("brisk-jdbc", "Brisk JDBC (virtual threads)"), ("brisk-jdbc-pool", "Brisk JDBC (pool:P platform threads)"),
                      ("brisk-jdbc-base", "Brisk JDBC, older build (--base-jar)"), ("brisk-async", "Brisk async (Vert.x pg client)"),
                      ("vertx", "Vert.x-web + pg client"), ("fastapi", "FastAPI + asyncpg"), ("netty", "raw Netty")])
WORKLOADS = OrderedDict([("db", "/db"), ("queries", "/queries?queries=20"), ("fortunes", "/fortunes"),
                         ("updates", "/updates?queries=20"), ("json", "/json"), ("plaintext", "/plaintext, 16 pipelined")])


def main(results, meta_path):
    with open(results) as f:
        head = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(head, l.rstrip("\n").split("\t"))) for l in f if l.strip()]
    runs = OrderedDict()
    for r in rows:
        n = int(r["requests"])
        if n == 0:
            continue
        hz = float(r["clk_tck"])
        runs.setdefault((r["server"], r["workload"]), []).append({
            "round": r["round"], "rps": n / (int(r["duration_us"]) / 1e6), "p99": int(r["p99_us"]) / 1000, "errors": int(r["errors"]),
            "cpu": int(r["cpu_ticks"]) / hz * 1e6 / n, "db": int(r["db_ticks"]) / hz * 1e6 / n})
    med = {k: {m: statistics.median(x[m] for x in v) for m in v[0] if m != "round"} for k, v in runs.items()}
    meta = OrderedDict(l.rstrip("\n").split("=", 1) for l in open(meta_path) if "=" in l)
    interleaved = meta.get("interleave") == "1"
    by_round = {(s, w, x["round"]): x for (s, w), v in runs.items() for x in v}

    def paired(a, b, w, m):
        """a/b of metric m, round by round (with --interleave each round of the two ran back to back)."""
        return sorted(by_round[(a, w, rd)][m] / by_round[(b, w, rd)][m]
                      for (s, wl, rd) in by_round if s == a and wl == w and (b, w, rd) in by_round)

    def ratio(a, b, w, m):
        """The ratio a verdict reads: the median of per-round ratios when interleaved, else of the medians."""
        xs = paired(a, b, w, m) if interleaved else []
        if xs:
            return statistics.median(xs)
        return med[(a, w)][m] / med[(b, w)][m]
    out = ["# TechEmpower test types on PostgreSQL: Brisk, Vert.x, FastAPI", "",
           "Produced by `benchmarks/tfb/run` (see its header for the method). Medians of %s round(s) of %s s; "
           "%s connections (plaintext: 256, 16 pipelined); JDBC and asyncpg pools of %s connections, Vert.x's "
           "pipelining pg client (Vert.x, Brisk async) %s connection(s) per event loop. CPU µs/req is the server's "
           "CPU time (user+system, all threads) per request; DB µs/req is PostgreSQL's (postmaster and backends)."
           % (meta.get("rounds"), meta.get("duration"), meta.get("conns"), meta.get("pool"), meta.get("db_conns", "?")), "",
           "**Noise:** this machine is shared; see `load` below. CPU per request is the robust figure; req/s moves "
           "with whatever else runs.", ""]
    servers = [s for s in LABELS if any(k[0] == s for k in med)]
    out.append("| workload | " + " | ".join(LABELS[s] for s in servers) + " |")
    out.append("|---|" + "---|" * len(servers))
    for w, wl in WORKLOADS.items():
        cells = []
        for s in servers:
            m = med.get((s, w))
            cells.append("-" if m is None else "%.0f req/s, p99 %.1f ms, CPU %.0f µs/req, DB %.0f µs/req%s" % (
                m["rps"], m["p99"], m["cpu"], m["db"], "" if m["errors"] == 0 else ", %d errors" % m["errors"]))
        if any(c != "-" for c in cells):
            out.append("| %s | %s |" % (wl, " | ".join(cells)))
    out += ["", "## Targets", "",
            "Better Brisk = the Brisk variant with more req/s. Targets: req/s >= 0.9 x Vert.x's, CPU/req <= 1.1 x "
            "Vert.x's; each Brisk variant's CPU/req <= 0.20 x FastAPI's; pipelined plaintext >= 0.9 x raw Netty.", "",
            "| workload | better Brisk | req/s vs Vert.x | CPU/req vs Vert.x | JDBC CPU/req vs FastAPI | "
            "async CPU/req vs FastAPI | verdict |", "|---|---|---|---|---|---|---|"]
    fmt = lambda x, ok: "%.2f %s" % (x, "✓" if ok else "✗")
    for w in ("db", "queries", "fortunes", "updates"):
        v, f = med.get(("vertx", w)), med.get(("fastapi", w))
        b = [(s, med[(s, w)]) for s in ("brisk-jdbc", "brisk-async") if (s, w) in med]
        if not b or not (v or f):
            continue
        s, best = max(b, key=lambda x: x[1]["rps"])
        cells, oks = ["-", "-"], []
        if v:
            rr, rc = ratio(s, "vertx", w, "rps"), ratio(s, "vertx", w, "cpu")
            ok_rps, ok_cpu = rr >= 0.9, rc <= 1.1
            cells = [fmt(rr, ok_rps), fmt(rc, ok_cpu)]
            oks += [ok_rps, ok_cpu]
        for s2 in ("brisk-jdbc", "brisk-async"):
            m2 = med.get((s2, w))
            if f and m2:
                rc = ratio(s2, "fastapi", w, "cpu")
                ok = rc <= 0.2
                cells.append(fmt(rc, ok)); oks.append(ok)
            else:
                cells.append("-")
        out.append("| %s | %s | %s | %s |" % (WORKLOADS[w], s, " | ".join(cells), "met" if all(oks) else "MISSED"))
    n, b = med.get(("netty", "plaintext")), [s for s in ("brisk-jdbc", "brisk-async") if (s, "plaintext") in med]
    if n and b:
        best = max(ratio(s, "netty", "plaintext", "rps") for s in b)
        ok = best >= 0.9
        out.append("| %s | %s | %s (vs raw Netty) | - | - | - | %s |" % (
            WORKLOADS["plaintext"], "brisk", fmt(best, ok), "met" if ok else "MISSED"))
    out += ["", "Ratios: " + ("medians of the per-round ratios (`--interleave`: round r of every server ran back to back)."
                             if interleaved else "ratios of the medians (servers run one after another, not interleaved).")]
    pairs = [("brisk-jdbc", "fastapi", "cpu", "Brisk JDBC ÷ FastAPI, CPU/req"),
             ("brisk-async", "fastapi", "cpu", "Brisk async ÷ FastAPI, CPU/req"),
             ("brisk-jdbc", "brisk-jdbc-base", "cpu", "Brisk JDBC ÷ its older build, CPU/req"),
             ("brisk-jdbc", "brisk-jdbc-base", "rps", "Brisk JDBC ÷ its older build, req/s"),
             ("brisk-jdbc-pool", "fastapi", "cpu", "Brisk JDBC on pool:P ÷ FastAPI, CPU/req"),
             ("brisk-jdbc-pool", "brisk-jdbc", "cpu", "Brisk JDBC pool:P ÷ virtual threads, CPU/req"),
             ("brisk-jdbc-pool", "brisk-jdbc", "rps", "Brisk JDBC pool:P ÷ virtual threads, req/s"),
             ("brisk-async", "vertx", "cpu", "Brisk async ÷ Vert.x, CPU/req"),
             ("brisk-async", "vertx", "rps", "Brisk async ÷ Vert.x, req/s"),
             ("brisk-jdbc", "vertx", "cpu", "Brisk JDBC ÷ Vert.x, CPU/req"),
             ("brisk-async", "netty", "rps", "Brisk async ÷ raw Netty, req/s"),
             ("brisk-jdbc", "netty", "rps", "Brisk JDBC ÷ raw Netty, req/s")]
    lines = []
    for w in WORKLOADS:
        for a, b2, m, label in pairs:
            xs = paired(a, b2, w, m)
            if interleaved and xs:
                lines.append("| %s | %s | %.2f | %s |" % (WORKLOADS[w], label, statistics.median(xs), ", ".join("%.2f" % x for x in xs)))
    if lines:
        out += ["", "## Per-round ratios (interleaved)", "",
                "Round r of each server ran back to back, so each ratio pairs two servers under the same machine load; "
                "on a shared machine these, not the absolute figures, are the ones to read.", "",
                "| workload | ratio | median | each round (sorted) |", "|---|---|---:|---|"] + lines
    out += ["", "## Run", ""] + ["- %s: %s" % (k, v) for k, v in meta.items()]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
