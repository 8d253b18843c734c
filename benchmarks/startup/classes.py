#!/usr/bin/python3
"""Which classes a Brisk command loads before its first response, grouped by package: the start-up
work that does not depend on how busy the machine is.

    benchmarks/startup/classes.py [--depth 3] [--top 40] [-- COMMAND...]

COMMAND defaults to `./brisk seed --port PORT --no-access-log` (PORT is replaced by a free port;
BRISK_OBSERVE and BRISK_AOT pass through). The JVM logs every class it loads (-Xlog:class+load, added
to JAVA_OPTS); at the first 200 on /json the number loaded so far is read from its hsperfdata file and
that many lines of the log are counted, by package prefix and by where each class came from (the JDK's
CDS archive or an AOT cache, the JDK's modules, the application's jar).
"""
import collections, os, re, signal, socket, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import cpu_ms, get_ok, perf_counters   # noqa: E402

LINE = re.compile(r"\] (\S+) source: (.*)$")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def main():
    args = sys.argv[1:]
    depth, top = 3, 40
    cmd = None
    if "--" in args:
        cmd, args = args[args.index("--") + 1:], args[:args.index("--")]
    for i in range(0, len(args), 2):
        if args[i] == "--depth": depth = int(args[i + 1])
        elif args[i] == "--top": top = int(args[i + 1])
        else: sys.exit(__doc__)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    port = free_port()
    cmd = [c.replace("PORT", str(port)) for c in (cmd or [os.path.join(root, "brisk"), "seed", "--port", "PORT", "--no-access-log"])]
    log = tempfile.NamedTemporaryFile(prefix="brisk-classes-", suffix=".log", delete=False).name
    xlog = f"-Xlog:class+load=info:file={log}"
    env = dict(os.environ, JAVA_OPTS=(os.environ.get("JAVA_OPTS", "") + " " + xlog).strip())
    if os.path.basename(cmd[0]) == "java":   # a JVM started directly rather than through ./brisk
        cmd.insert(1, xlog)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True, cwd=root)
    try:
        while not get_ok(port):
            if p.poll() is not None or time.monotonic() - t0 > 120:
                sys.exit(f"{cmd} did not answer on port {port}")
            time.sleep(0.002)
        wall = (time.monotonic() - t0) * 1000
        cpu = cpu_ms(p.pid)
        perf = perf_counters(p.pid, {"java.cls.loadedClasses", "java.cls.sharedLoadedClasses"})
        shared = perf.get("java.cls.sharedLoadedClasses", 0)
        n = perf.get("java.cls.loadedClasses", 0) + shared   # HotSpot counts archived classes apart
        with open(log) as f:   # the JVM writes each line as the class loads: what is there now came before
            logged = sum(1 for _ in f)
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait(20)
    with open(log) as f:
        lines = [m.groups() for m in (LINE.search(line) for _, line in zip(range(logged), f)) if m]
    before = lines
    by_pkg = collections.Counter(".".join(c.split(".")[:depth]) for c, _ in before)
    def origin(src):
        if "shared" in src: return "archive (CDS/AOT)"
        if src.startswith("jrt:"): return "JDK modules"
        if src.endswith(".jar") or "jar:" in src or src.startswith("file:"): return "application jar"
        return "generated at run time (lambdas, method handles, proxies)"
    by_src = collections.Counter(origin(s) for _, s in before)
    print(f"{' '.join(cmd)}\nfirst response after {wall:.0f} ms, {cpu} ms CPU, {n} classes loaded "
          f"({shared} from an archive); log: {log}\n")
    for src, k in by_src.most_common():
        print(f"{k:6d}  {src}")
    print()
    for pkg, k in by_pkg.most_common(top):
        print(f"{k:6d}  {pkg}")

if __name__ == "__main__":
    main()
