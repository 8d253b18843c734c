"""Servers under a fixed offered load, shared by benchmarks/ab and benchmarks/profile.

A server runs in a session of its own pinned to CPU 0 (the load generator to CPU 1, when there are two),
warms up under wrk, then takes slots of fixed-rate load from h2load over HTTP/1.1. A slot is refused when a
request fails or is not a 2xx, or when the server answered under 95 % of the rate: a saturated server's CPU
per request (and its profile) depends on batching, not on its code.
"""
import os, re, signal, socket, subprocess, sys, time, urllib.error, urllib.request

PINNED = (os.cpu_count() or 1) >= 2
SERVER_PIN, CLIENT_PIN = (['taskset', '-c', '0'], ['taskset', '-c', '1']) if PINNED else ([], [])
HZ = os.sysconf('SC_CLK_TCK')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def group_pids(pgid):
    """The processes of a group (a launcher script's JVM is in its group)."""
    out = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/stat') as f:
                st = f.read()
        except OSError:
            continue
        rest = st[st.rindex(')') + 2:].split()
        if int(rest[2]) == pgid:
            out.append((int(pid), st[st.index('(') + 1:st.rindex(')')], int(rest[11]), int(rest[12])))
    return out


def cpu_ticks(pgid):
    """User and system clock ticks of every process in the group."""
    procs = group_pids(pgid)
    return sum(p[2] for p in procs), sum(p[3] for p in procs)


class Server:
    """A server started from a shell command in which {port} is replaced; stop() ends its whole group."""

    def __init__(self, tool, name, cmd):
        self.tool, self.name, self.port = tool, name, free_port()
        self.log = open(f'/tmp/brisk-{tool}-{name}-{os.getpid()}.log', 'w')
        self.proc = subprocess.Popen(SERVER_PIN + ['bash', '-c', 'exec ' + cmd.format(port=self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f'{tool}: server {name} exited with {self.proc.returncode} before listening; see {self.log.name}')
            try:
                socket.create_connection(('127.0.0.1', self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        sys.exit(f'{tool}: server {name} did not listen on {self.port} within 60 s; see {self.log.name}')

    def url(self, path):
        return f'http://127.0.0.1:{self.port}{path}'

    def check(self, path):
        """One request before any load, so a path that does not answer 2xx stops the run before its warm-ups
        (minutes each) rather than at its first slot, after the paths before it were measured for nothing."""
        try:
            with urllib.request.urlopen(self.url(path), timeout=10) as r:
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        except OSError as e:
            sys.exit(f'{self.tool}: {self.name} {path}: {e}; every request must succeed with a 2xx')
        if not 200 <= status < 300:
            sys.exit(f'{self.tool}: {self.name} {path} answered {status}; every request must succeed with a 2xx')

    def warm(self, path, seconds, slot):
        """wrk for `seconds`, then one untimed slot of the measured load: when wrk's connections close, the
        JIT meets close paths it never saw and recompiles the loop's hot methods (PrintCompilation: ~400
        recompilations in the next second), which would otherwise fall on the first measured slot."""
        subprocess.run(CLIENT_PIN + ['wrk', '-t1', '-c128', f'-d{max(1, int(seconds))}s', self.url(path)],
                       capture_output=True)
        slot.run(self, path)

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


class Slot:
    """Fixed-rate load: `rate` req/s over `conns` connections for `seconds`."""

    def __init__(self, tool, rate, conns, seconds):
        self.tool, self.rate, self.conns, self.seconds = tool, rate, conns, seconds

    def run(self, server, path):
        return subprocess.run(CLIENT_PIN + ['h2load', '--h1', '-c', str(self.conns), '-t', '1',
                                            '--rps', str(self.rate / self.conns), '-D', str(self.seconds),
                                            server.url(path)], capture_output=True, text=True)

    def checked(self, server, path):
        """Runs a slot and returns the 2xx answers; exits when any failed or the rate was not kept."""
        ok, achieved = self.measured(server, path)
        if ok is None:
            sys.exit(f'{self.tool}: {server.name} {path} answered {achieved:.0f} of {self.rate} req/s: saturated, so '
                     f'its CPU per request is not comparable; lower --rate')
        return ok

    def measured(self, server, path):
        """Runs a slot: (2xx answers, req/s), or (None, req/s) when the rate was not kept; exits when any failed."""
        r = self.run(server, path)
        m = re.search(r'requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored',
                      r.stdout)
        s = re.search(r'status codes: (\d+) 2xx', r.stdout)
        if not m or not s:
            sys.exit(f'{self.tool}: h2load gave no result for {server.name} {path}:\n{r.stdout}{r.stderr}')
        ok = int(s.group(1))
        if ok == 0 or int(m.group(3)) or int(m.group(4)) or ok != int(m.group(2)):
            sys.exit(f'{self.tool}: {server.name} {path}: {m.group(0)}, {ok} 2xx; every request must succeed with a 2xx')
        achieved = ok / self.seconds
        return (None if achieved < 0.95 * self.rate else ok), achieved
