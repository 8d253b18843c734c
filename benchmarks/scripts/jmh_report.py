"""benchmarks/jmh's JSON results -> a markdown table (time per op, and bytes allocated per op when -prof gc ran)."""
import datetime
import json
import platform
import subprocess
import sys


def main():
    path, opts, java = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path) as f:
        results = json.load(f)
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    print("# JMH: Brisk's hot paths\n")
    print(f"Written by `benchmarks/jmh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"options `{opts}`; {version[1] if len(version) > 1 else java}; {platform.machine()}, "
          "2 shared cores. Compare within one run; see benchmarks/README.md for what each op is.\n")
    print("| benchmark | ns/op | ± (99.9 %) | bytes allocated/op |")
    print("|---|---:|---:|---:|")
    for r in results:
        name = r["benchmark"].replace("dev.brisk.bench.jmh.", "").replace("dev.brisk.internal.server.", "")
        m = r["primaryMetric"]
        err = m.get("scoreError")
        err = "–" if err is None or err != err else f"{err:,.1f}"
        gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc = "–" if gc is None else f"{gc['score']:,.0f}"
        print(f"| {name} | {m['score']:,.1f} | {err} | {alloc} |")


if __name__ == "__main__":
    main()
