#!/usr/bin/env bash
# Scale-out proof: three seed instances behind HAProxy (health-checking /health/ready) under steady
# load while each instance in turn gets SIGTERM and is restarted. Passes only if the load client
# saw 0 failed requests (every answer 2xx, no connection errors).
#
#   deploy/rolling-restart.sh            # 3 instances, 400 req/s, each restarted once (~1 min)
#   deploy/rolling-restart.sh --quick    # the CI version: 150 req/s, shorter pauses (< 60 s)
#
# How 0 failures comes about: on SIGTERM an instance answers /health/ready with 503 for --drain-delay
# while still serving; HAProxy (check every 500 ms, fall 2) takes it out of rotation; then the
# instance stops accepting, finishes in-flight requests and closes idle keep-alive connections
# (answers carry Connection: close). A request HAProxy had already put on a connection the instance
# was closing fails at the connection level: "retry-on conn-failure empty-response" and
# "option redispatch" send it again, to another instance.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
rate=400; pause=3; drain=3
if [ $quick = 1 ]; then rate=150; pause=1; drain=2; fi

command -v haproxy >/dev/null || { echo "rolling-restart: haproxy is not installed (apt-get install haproxy)" >&2; exit 2; }
work="$(mktemp -d /tmp/brisk-rolling.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# the launcher builds the jar if needed; do it once, before anything is timed
"$here/brisk" --version >/dev/null

read -r fe p1 p2 p3 < <(/usr/bin/env python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
for s in socks: s.close()
PY
)
ports=("$p1" "$p2" "$p3")
declare -A pid_of

start_instance() {   # $1 = index
  local port="${ports[$1]}"
  JAVA_OPTS="${JAVA_OPTS:-} -Xss512k" "$here/brisk" seed --port "$port" --loops 1 --no-access-log \
      --drain-delay "$drain" >>"$work/seed-$1.log" 2>&1 &
  pid_of[$1]=$!
  pids+=("$!")
}

wait_ready() {   # $1 = index
  local port="${ports[$1]}" i
  for i in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; then return 0; fi
    sleep 0.1
  done
  echo "rolling-restart: instance $1 (port $port) never became ready" >&2
  cat "$work/seed-$1.log" >&2
  exit 1
}

for i in 0 1 2; do start_instance $i; done
for i in 0 1 2; do wait_ready $i; done

cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 2000
  log stdout format raw local0
defaults
  mode http
  log global
  option httplog
  option log-health-checks
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  timeout http-keep-alive 10s
  # a check is slow on a busy machine; only a real 503 from /health/ready should take a server out
  timeout check 3s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
frontend web
  bind 127.0.0.1:$fe
  default_backend seeds
backend seeds
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
  server s0 127.0.0.1:$p1 check
  server s1 127.0.0.1:$p2 check
  server s2 127.0.0.1:$p3 check
CFG
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=("$!")
for i in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$fe/ping" && break; sleep 0.1; done

# The load runs until the restarts are done (then SIGTERM: the client stops and still reports what it
# measured); -d bounds it whatever happens.
echo "rolling-restart: load ${rate} req/s through HAProxy :$fe to :$p1 :$p2 :$p3 (drain delay ${drain}s)"
"$here/brisk" load -R "$rate" -c 16 -d 300s --json "http://127.0.0.1:$fe/ping" >"$work/load.json" 2>"$work/load.err" &
load=$!
pids+=("$load")

sleep "$pause"
t0=$(date +%s)
for i in 0 1 2; do
  echo "rolling-restart: SIGTERM to instance $i (pid ${pid_of[$i]}, port ${ports[$i]})"
  kill -TERM "${pid_of[$i]}"
  wait "${pid_of[$i]}" || true
  start_instance $i
  wait_ready $i
  echo "rolling-restart: instance $i back and ready ($(( $(date +%s) - t0 ))s since the first SIGTERM)"
  sleep "$pause"
done

covered=1
kill -0 "$load" 2>/dev/null || covered=0
kill -TERM "$load" 2>/dev/null || true   # async jobs of a script ignore SIGINT; the client reports on TERM too
wait "$load" || true
grep -h -E "Draining|cut off" "$work"/seed-*.log || true
verdict=$(/usr/bin/env python3 - "$work/load.json" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception as e:
    print("no load report: %s" % e); sys.exit(1)
ok = r["status"]["2xx"]
total = r["requests"]["total"] if isinstance(r.get("requests"), dict) else r.get("requests")
errors = r["errors"]["total"]
print("%s requests, %s answered 2xx, status codes %s, %s errors" % (total, ok, r["status"]["codes"], errors))
sys.exit(0 if errors == 0 and ok == total and total > 0 else 1)
PY
) && passed=1 || passed=0
echo "rolling-restart: $verdict"
if [ $covered = 0 ]; then
  echo "rolling-restart: FAILED: the restarts outlasted the load run; nothing was proven for the last ones" >&2
  exit 1
fi
if [ $passed = 0 ]; then
  echo "rolling-restart: FAILED: the load client saw failed requests; HAProxy's view:" >&2
  grep -v " 200 " "$work/haproxy.log" | tail -40 >&2
  cat "$work/load.err" >&2
  exit 1
fi
echo "rolling-restart: OK: 0 failed requests across three rolling restarts"
