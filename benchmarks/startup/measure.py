#!/usr/bin/python3
"""Time to first response and resident memory of one server command (used by benchmarks/startup/run).

    measure.py NAME PORT SOAK_SECONDS RATE -- COMMAND...

Starts COMMAND, polls GET /json on 127.0.0.1:PORT every 2 ms from the moment of spawn, and prints
one JSON line: first_response_ms (spawn to the first 200), rss_rest_mb (3 s after it), rss_load_max_mb
and rss_load_end_mb (sampled every second while `brisk load -R RATE` runs SOAK_SECONDS on /json),
rss_after_mb (5 s after the load). Memory is VmRSS of the server process (the launcher execs java).
"""
import json, os, signal, socket, subprocess, sys, time

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None

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
    out = {"name": name, "first_response_ms": round(first, 1) if first else None}
    time.sleep(3)
    out["rss_rest_mb"] = rss_mb(p.pid)
    if soak > 0:
        load = subprocess.Popen([os.path.join(root, "brisk"), "load", "-R", rate, "-c", "32", "-d", f"{soak}s",
                                 "--json", f"http://127.0.0.1:{port}/json"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, cwd=root)
        samples = []
        while load.poll() is None:
            samples.append(rss_mb(p.pid))
            time.sleep(1)
        report = json.loads(load.stdout.read() or "{}")
        out["rss_load_max_mb"] = max(samples) if samples else None
        out["rss_load_end_mb"] = samples[-1] if samples else None
        out["load_rps"] = report.get("requests_per_second")
        out["load_ok"] = report.get("ok")
        time.sleep(5)
        out["rss_after_mb"] = rss_mb(p.pid)
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
    print(json.dumps(out), flush=True)

if __name__ == "__main__":
    main()
