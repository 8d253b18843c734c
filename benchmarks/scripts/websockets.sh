#!/usr/bin/env bash
# WebSocket echo benchmark (issue 13): Brisk (loop and worker lanes) vs Vert.x and uvicorn + websockets,
# one load client (dev.brisk.bench.WsLoad, Netty) for all, one server at a time, 127.0.0.1 only.
#
#   benchmarks/run --websockets            full: 10,000 connections x 1 msg/s for 20 s, throughput at 100 connections
#   benchmarks/run --websockets --quick    1,000 connections for 5 s (< 3 min)
#
# Options: --servers LIST (brisk,brisk-sync,vertx,uvicorn)  --connections N  --out FILE (default benchmarks/WS-RESULTS.md)
#          --no-pin (don't pin server and client to separate CPUs)
# Environment: BENCH_WS_TRANSPORT (Brisk's transport, default epoll: the one Vert.x picks, so both
#          servers make the same system calls; io_uring | nio to compare).
# Per-message cost without a quiet machine (event-loop CPU and bytes allocated per echo, JFR shares):
#   java -cp benchmarks/target/benchmarks.jar dev.brisk.bench.ServerCost --server brisk|vertx --load ws [--jfr f.jfr]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR="$HERE/target/benchmarks.jar"
PY=/usr/bin/python3
MODE=full SERVERS="brisk,brisk-sync,vertx,uvicorn" OUT="$HERE/WS-RESULTS.md" PIN=1 CONNS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --servers) SERVERS=$2; shift ;;
    --connections) CONNS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-pin) PIN=0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
if [ $MODE = quick ]; then : "${CONNS:=1000}"; LAT_S=5; TP_S=4; WARM_S=2; else : "${CONNS:=10000}"; LAT_S=20; TP_S=10; WARM_S=4; fi
TP_CONNS=100

log() { printf '[ws-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
. "$HERE/scripts/find-java.sh"
JAVA=$(find_java 21)
JOPTS="-XX:+UseParallelGC -Xms256m -Xmx1g --enable-native-access=ALL-UNNAMED"
WS_TRANSPORT=${BENCH_WS_TRANSPORT:-epoll}
if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/src" "$ROOT/framework/src/main" -newer "$JAR" -print -quit)" ]; then
  log "building the benchmarks jar"; (cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
[ -x "$PY" ] && "$PY" -c 'import uvicorn, websockets, fastapi' 2>/dev/null || SERVERS=${SERVERS//uvicorn/}
# Each side holds one descriptor per connection (plus the JVM's own): raise the limit as far as allowed.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((CONNS + 500)) ] || { echo "ulimit -n $(ulimit -n) is too low for $CONNS connections" >&2; exit 1; }
if [ $PIN = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then SPIN=(taskset -c 0); CPIN=(taskset -c 1); else SPIN=(); CPIN=(); fi

RUN_DIR="$HERE/target/ws-run-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$RUN_DIR"
RESULTS="$RUN_DIR/results.tsv"; printf 'server\tkind\tline\trss_base_kb\trss_loaded_kb\n' > "$RESULTS"
SERVER_PGID=""
stop_server() {
  local pg=$SERVER_PGID; [ -n "$pg" ] || return 0; SERVER_PGID=""
  kill -TERM -- "-$pg" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 -- "-$pg" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$pg" 2>/dev/null || true
}
trap 'stop_server' EXIT
rss_kb() {  # resident memory of every process in a process group
  local pg=$1 sum=0 f line rest pid
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    rest=${line##*) }; set -- $rest
    if [ "$3" = "$pg" ]; then pid=${f#/proc/}; pid=${pid%/stat}
      sum=$((sum + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0))); fi
  done
  echo $sum
}
group_ticks() {  # CPU ticks (user+system, children included) of every process in a process group
  local pg=$1 sum=0 f line rest
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    rest=${line##*) }; set -- $rest
    [ "$3" = "$pg" ] && sum=$((sum + ${12} + ${13} + ${14} + ${15}))
  done
  echo $sum
}
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_server() {  # name -> PORT, WS_PATH, SERVER_PGID
  local name=$1 pid cmd dir=$ROOT jopts=$JOPTS
  PORT=$(free_port); WS_PATH=/ws/echo
  case $name in
    brisk|brisk-sync) cmd=("$ROOT/brisk" seed --port "$PORT" --loops 1 --no-access-log); [ $name = brisk-sync ] && WS_PATH=/ws/echo-sync
      jopts="$JOPTS -Dbrisk.transport=$WS_TRANSPORT" ;;
    vertx) cmd=("$JAVA" $JOPTS -cp "$JAR" dev.brisk.bench.VertxServer --port "$PORT" --loops 1) ;;
    uvicorn) dir=$HERE/fastapi
      cmd=("$PY" -m uvicorn app:app --host 127.0.0.1 --port "$PORT" --loop uvloop --http httptools --ws websockets --workers 1 --no-access-log) ;;
  esac
  log "starting $name on 127.0.0.1:$PORT ($WS_PATH)"
  set -m
  (cd "$dir" && export JAVA_OPTS="$jopts" BRISK_OBSERVE=none && exec "${SPIN[@]}" "${cmd[@]}") > "$RUN_DIR/$name.log" 2>&1 < /dev/null &
  pid=$!; set +m; SERVER_PGID=$pid
  for _ in $(seq 1500); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0; kill -0 $pid 2>/dev/null || break; sleep 0.2; done
  log "$name did not start"; tail -5 "$RUN_DIR/$name.log" >&2; stop_server; return 1
}

load() {  # mode conns seconds [extra args] -> prints the WSBENCH line
  "${CPIN[@]}" "$JAVA" -Xmx1g -cp "$JAR" dev.brisk.bench.WsLoad --url "ws://127.0.0.1:$PORT$WS_PATH" \
      --mode "$1" --connections "$2" --duration "$3" --warmup 2 "${@:4}" 2>/dev/null
}

# the launcher builds Brisk when its sources changed: do that now, not inside a server's start-up wait
case ",$SERVERS," in *,brisk*) log "building ./brisk if its sources changed"; "$ROOT/brisk" --help > /dev/null 2>&1 || true ;; esac

for s in ${SERVERS//,/ }; do
  start_server "$s" || continue
  log "$s: warm-up"; load throughput $TP_CONNS $WARM_S > /dev/null
  sleep 1; base=$(rss_kb "$SERVER_PGID")
  log "$s: $CONNS connections x 1 msg/s for ${LAT_S}s"
  load latency "$CONNS" "$LAT_S" > "$RUN_DIR/$s-latency.txt" &
  lp=$!
  until grep -q '^CONNECTED' "$RUN_DIR/$s-latency.txt" 2>/dev/null || ! kill -0 $lp 2>/dev/null; do sleep 0.5; done
  sleep 3; loaded=$(rss_kb "$SERVER_PGID")
  wait $lp || true
  line=$(grep -m1 '^WSBENCH' "$RUN_DIR/$s-latency.txt" || echo "WSBENCH failed")
  printf '%s\tlatency\t%s\t%s\t%s\n' "$s" "$line" "$base" "$loaded" >> "$RESULTS"; log "$s: $line"
  log "$s: throughput, $TP_CONNS connections for ${TP_S}s"
  t0=$(group_ticks "$SERVER_PGID")
  line=$(load throughput $TP_CONNS "$TP_S" | grep -m1 '^WSBENCH' || echo "WSBENCH failed")
  t1=$(group_ticks "$SERVER_PGID")
  line+=" server_cpu_us=$(( (t1 - t0) * 1000000 / $(getconf CLK_TCK) ))"
  printf '%s\tthroughput\t%s\t%s\t%s\n' "$s" "$line" "$base" "$base" >> "$RESULTS"; log "$s: $line"
  stop_server
done

"$PY" "$HERE/scripts/ws_report.py" "$RESULTS" "$MODE" "$CONNS" "$LAT_S" "$TP_CONNS" "$TP_S" "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), Brisk on $WS_TRANSPORT (Vert.x picks epoll)" > "$OUT"
cp "$OUT" "$RUN_DIR/"
cat "$OUT"; log "report: $OUT (raw: $RUN_DIR)"
