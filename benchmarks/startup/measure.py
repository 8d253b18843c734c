#!/usr/bin/python3
"""Time to first response, the work done before it, and resident memory of one server command
(used by benchmarks/startup/run).

    measure.py NAME PORT SOAK_SECONDS RATE -- COMMAND...

Starts COMMAND, polls GET /json on 127.0.0.1:PORT every 2 ms from the moment of spawn, and prints one
JSON line:
  first_response_ms  spawn to the first 200 (wall time: depends on how busy the machine is)
  cpu_ms             user+system CPU time of the server process up to that moment (all its threads;
                     much less sensitive to other load than wall time)
  threads_cpu_ms     the same by thread name: the main thread's share is the critical path that two
                     cores cannot shorten; JIT compiler and helper threads run beside it
  classes            classes the JVM had loaded by then, and how many of them came from a CDS archive
                     or AOT cache (shared_classes); read from the JVM's hsperfdata file, without
                     attaching to it (none for uvicorn)
  rss_rest_mb        VmRSS 3 s after the first response (anon_rest_mb: the anonymous part, i.e. without
                     mapped files such as the JDK's CDS archive or an AOT cache)
  rss_load_max_mb, rss_load_end_mb   sampled every second while `brisk load -R RATE` runs SOAK_SECONDS
  rss_after_mb       5 s after the load; cpu_soak_ms: CPU time from the first response to then
Memory is that of the server process (the launcher execs java).
"""
import glob, json, mmap, os, signal, socket, struct, subprocess, sys, time

TICKS = os.sysconf("SC_CLK_TCK")

def status_mb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) * 1000 / TICKS)   # utime + stime, all threads

def thread_cpu_ms(pid):
    """CPU ms by thread name (JIT compiler threads, GC, the main thread, brisk-*): where the start-up
    CPU goes. Threads of one kind (C1/C2 compiler threads, brisk-loop-N) are summed under one name."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")].rstrip("0123456789-# ").strip() or "?"
        fields = raw.rsplit(")", 1)[1].split()
        ms = (int(fields[11]) + int(fields[12])) * 1000 / TICKS
        if ms:
            out[name] = round(out.get(name, 0) + ms)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))

def perf_counters(pid, names):
    """Long counters from HotSpot's hsperfdata file (the memory jstat reads), without attaching."""
    paths = glob.glob(f"/tmp/hsperfdata_*/{pid}")
    if not paths:
        return {}
    with open(paths[0], "rb") as f:
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        if data[:4] != b"\xca\xfe\xc0\xc0":
            return {}
        e = "<" if data[4] == 1 else ">"
        entry, count = struct.unpack_from(e + "ii", data, 24)
        out = {}
        for _ in range(count):
            length, name_off, vec_len, dtype, _f, _u, _v, data_off = struct.unpack_from(e + "iiibbbbi", data, entry)
            name = data[entry + name_off:data.find(b"\0", entry + name_off)].decode()
            if name in names and dtype == ord("J") and vec_len == 0:
                out[name] = struct.unpack_from(e + "q", data, entry + data_off)[0]
            entry += length
        return out
    finally:
        data.close()

def get_ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def main():
    name, port, soak, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    log = open(f"/tmp/brisk-startup-{name}.log", "w")
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                         cwd=os.environ.get("SERVER_DIR", root))
    first = None
    while time.monotonic() - t0 < 120:
        if p.poll() is not None:
            sys.exit(f"{name}: exited with {p.returncode}, see /tmp/brisk-startup-{name}.log")
        if get_ok(port):
            first = (time.monotonic() - t0) * 1000
            break
        time.sleep(0.002)
    out = {"name": name, "first_response_ms": round(first, 1) if first else None, "cpu_ms": cpu_ms(p.pid)}
    out["threads_cpu_ms"] = thread_cpu_ms(p.pid)
    perf = perf_counters(p.pid, {"java.cls.loadedClasses", "java.cls.sharedLoadedClasses"})
    if perf:   # HotSpot counts the classes from an archive apart from the others
        out["shared_classes"] = perf.get("java.cls.sharedLoadedClasses", 0)
        out["classes"] = perf.get("java.cls.loadedClasses", 0) + out["shared_classes"]
    time.sleep(3)
    out["rss_rest_mb"] = status_mb(p.pid, "VmRSS")
    out["anon_rest_mb"] = status_mb(p.pid, "RssAnon")
    if soak > 0:
        load = subprocess.Popen([os.path.join(root, "brisk"), "load", "-R", rate, "-c", "32", "-d", f"{soak}s",
                                 "--json", f"http://127.0.0.1:{port}/json"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, cwd=root)
        samples = []
        while load.poll() is None:
            samples.append(status_mb(p.pid, "VmRSS"))
            time.sleep(1)
        report = json.loads(load.stdout.read() or "{}")
        samples = [s for s in samples if s is not None]
        out["rss_load_max_mb"] = max(samples) if samples else None
        out["rss_load_end_mb"] = samples[-1] if samples else None
        out["load_rps"] = report.get("requests_per_second")
        out["load_ok"] = report.get("ok")
        time.sleep(5)
        out["rss_after_mb"] = status_mb(p.pid, "VmRSS")
        out["cpu_soak_ms"] = cpu_ms(p.pid) - out["cpu_ms"]
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
    print(json.dumps(out), flush=True)

if __name__ == "__main__":
    main()
