#!/usr/bin/env bash
# A JDK 25 AOT cache's training run (JEP 483/514/515): starts a server command, sends it the requests a
# service sees first, stops it with SIGTERM (the JVM writes the cache as it exits) and, given the
# cache's file, proves that a JVM started the same way uses it. Shared by deploy/aot-cache.sh (through
# ./brisk) and deploy/Dockerfile (the image's own jlink'd runtime and jar), so both train on the same
# requests. Bash builtins only (HTTP over /dev/tcp): the Dockerfile's build stage need not have curl or Python.
#
#   deploy/aot-train.sh [--port 8000] [--paths "/ /json ..."] -- JAVA -XX:AOTCacheOutput=FILE OPTS... -jar APP.jar ARGS...
#   deploy/aot-train.sh --port 8000 -- ./brisk seed --port 8000       (BRISK_CACHE_TRAIN=1 set by the caller)
#
# The command must serve HTTP on 127.0.0.1:PORT (BRISK_PORT is set to it, which ./brisk and Brisk's
# settings read). With -XX:AOTCacheOutput=FILE among its arguments, FILE must exist afterwards and a
# second start with -XX:AOTCache=FILE -XX:AOTMode=on (which refuses to start on a cache it cannot use:
# another JVM, jar or option set) must answer the first path; the exit status says whether it did.
set -euo pipefail
port=8000
# the seed app's (docs/seed-app-contract): JSON, text, typed parameters and their 422, both lanes, the docs
paths="/ping /json /plaintext /items/1 /items/2?q=x&limit=5 /items/x /sync /async /reset /asyncio-test/1 /sync-test/1"
paths="$paths /cpu/offload?n=15 /health/live /health/ready /openapi.json /docs /nope"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --paths) paths=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--port N] [--paths 'P1 P2 ...'] -- COMMAND..." >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "aot-train: no command" >&2; exit 2; }
set -f; list=($paths); set +f   # split on blanks, no globbing ("?" in a query)
log="${TMPDIR:-/tmp}/brisk-aot-train.$$.log"

status=""
get() {   # $1: path; sets $status to the response's status code ("" if no answer)
  status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
  local line=""
  IFS= read -r -t 30 line <&3 || true
  status="${line#HTTP/1.1 }"; status="${status%% *}"
  cat <&3 >/dev/null 2>&1 || true   # the body, to the server's close
  exec 3<&- 3>&-
}

serve() {   # runs "$@" until it answers the first path; sets $pid
  BRISK_PORT="$port" "$@" >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    get "${list[0]}"
    [ -n "$status" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "aot-train: the command exited; its output:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "aot-train: no answer on 127.0.0.1:$port within 60 s; output in $log" >&2; kill -KILL "$pid"; exit 1
}

stop() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true; }

serve "$@"
for _ in 1 2 3; do
  for p in "${list[@]}"; do get "$p"; done
done
stop

cache=""; verify=()
for a in "$@"; do
  case "$a" in
    -XX:AOTCacheOutput=*) cache="${a#-XX:AOTCacheOutput=}"; verify+=("-XX:AOTCache=$cache" -XX:AOTMode=on) ;;
    *) verify+=("$a") ;;
  esac
done
if [ -z "$cache" ]; then rm -f "$log"; exit 0; fi   # the command writes its cache itself (./brisk)
[ -s "$cache" ] || { echo "aot-train: no cache written to $cache; output:" >&2; cat "$log" >&2; exit 1; }
serve "${verify[@]}"
get "${list[0]}"
stop
echo "aot-train: $cache ($(du -h "$cache" | cut -f1)); a JVM started with it answered ${list[0]}: $status"
rm -f "$log"
