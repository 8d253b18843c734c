#!/usr/bin/env bash
# Builds the launcher's class cache for the current jar: a training run of the seed app through ./brisk
# (BRISK_CACHE_TRAIN=1; deploy/aot-train.sh sends the requests a service sees first over its routes,
# then SIGTERM), and the JVM writes the cache as it exits. On JDK 25+ that is an AOT cache
# (lab/target/brisk.aot: classes loaded and linked, and the training run's method profiles), on JDK
# 21-24 a CDS archive of the application's classes (lab/target/brisk.jsa). ./brisk uses it from then
# on while it is newer than the jar. deploy/Dockerfile runs the same training for its image.
#   deploy/aot-cache.sh        (~10 s on an idle machine; again after each rebuild of the jar)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/brisk" --version >/dev/null          # build the jar first: the cache is tied to it
port=$(/usr/bin/env python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -f "$here/lab/target/brisk.aot" "$here/lab/target/brisk.jsa" "$here"/lab/target/brisk.{aot,jsa}.tmp
# BRISK_OBSERVE=none: the cache serves every seed run; the metrics variant loads a few hundred more
# classes from the jar, as any run's classes outside the cache are.
BRISK_CACHE_TRAIN=1 BRISK_OBSERVE="${BRISK_OBSERVE:-none}" "$here/deploy/aot-train.sh" --port "$port" -- \
  "$here/brisk" seed --port "$port" --no-access-log --block-on 0 --sleep-seconds 0.01
for f in "$here/lab/target/brisk.aot" "$here/lab/target/brisk.jsa"; do
  if [ -s "$f.tmp" ]; then
    mv "$f.tmp" "$f"
    echo "aot-cache: $f ($(du -h "$f" | cut -f1))"
    exit 0
  fi
done
echo "aot-cache: no cache written" >&2
exit 1
