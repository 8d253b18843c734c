#!/usr/bin/env bash
# Builds JDK 25's AOT cache for the launcher (lab/target/brisk.aot): a training run of the seed app
# through ./brisk with -XX:AOTCacheOutput, a few requests over its routes, then SIGTERM; the JVM writes
# the cache as it exits. ./brisk uses it from then on while it is newer than the jar.
#   deploy/aot-cache.sh        (needs a JDK 25+ under /usr/lib/jvm or JAVA_HOME; ~10 s on an idle machine)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
aot="$here/lab/target/brisk.aot"
"$here/brisk" --version >/dev/null          # build the jar first: the cache is tied to it
port=$(/usr/bin/env python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -f "$aot" "$aot.tmp"
BRISK_AOT=0 JAVA_OPTS="${JAVA_OPTS:-} -XX:AOTCacheOutput=$aot.tmp" \
  "$here/brisk" seed --port "$port" --no-access-log --block-on 0 --sleep-seconds 0.01 >/tmp/brisk-aot-train.log 2>&1 &
pid=$!
for i in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.1; done
# the requests a service sees first: JSON, text, typed parameters and their 422, both lanes, the docs
for round in 1 2 3; do
  for path in /ping /json /plaintext /items/1 "/items/2?q=x&limit=5" /items/x /sync /async /reset \
              /asyncio-test/1 /sync-test/1 /cpu/offload?n=15 /health/live /health/ready /openapi.json /docs /nope; do
    curl -s -o /dev/null "http://127.0.0.1:$port$path" || true
  done
done
kill -TERM "$pid"
wait "$pid" || true
if [ ! -s "$aot.tmp" ]; then
  echo "aot-cache: no cache written (a JDK 25 or newer is needed); see /tmp/brisk-aot-train.log" >&2
  exit 1
fi
mv "$aot.tmp" "$aot"
echo "aot-cache: $aot ($(du -h "$aot" | cut -f1))"
