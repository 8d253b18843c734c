#!/usr/bin/env bash
# Builds the launcher's class cache for the current jar: a training run of the seed app through ./brisk
# (BRISK_CACHE_TRAIN=1), the requests a service sees first over its routes, then SIGTERM; the JVM writes
# the cache as it exits. On JDK 25+ that is an AOT cache (lab/target/brisk.aot: classes loaded and
# linked, and the training run's method profiles), on JDK 21-24 a CDS archive of the application's
# classes (lab/target/brisk.jsa). ./brisk uses it from then on while it is newer than the jar.
#   deploy/aot-cache.sh        (~10 s on an idle machine; again after each rebuild of the jar)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/brisk" --version >/dev/null          # build the jar first: the cache is tied to it
port=$(/usr/bin/env python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -f "$here/lab/target/brisk.aot" "$here/lab/target/brisk.jsa" "$here"/lab/target/brisk.{aot,jsa}.tmp
# BRISK_OBSERVE=none: the cache serves every seed run; the metrics variant loads a few hundred more
# classes from the jar, as any run's classes outside the cache are.
BRISK_CACHE_TRAIN=1 BRISK_OBSERVE="${BRISK_OBSERVE:-none}" \
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
for f in "$here/lab/target/brisk.aot" "$here/lab/target/brisk.jsa"; do
  if [ -s "$f.tmp" ]; then
    mv "$f.tmp" "$f"
    echo "aot-cache: $f ($(du -h "$f" | cut -f1))"
    exit 0
  fi
done
echo "aot-cache: no cache written; see /tmp/brisk-aot-train.log" >&2
exit 1
