#!/usr/bin/env bash
# The runtime stage of deploy/Dockerfile, as one script so that CI runs exactly what the image build
# runs (.ci/run, against the built jar): a jlink'd Java runtime with only the modules the jar uses, and
# a JDK 25 AOT cache of the app made by a training run in that runtime (deploy/aot-train.sh).
#   deploy/runtime-stage.sh APP_DIR RUNTIME_DIR [APP_ARGS...]     (default APP_ARGS: seed)
# APP_DIR holds app.jar and jvm.options (the image's JVM options: deploy/jvm.options); the cache is
# written beside them as app.aot, for the image's entrypoint:
#   java @APP_DIR/jvm.options -XX:AOTCache=APP_DIR/app.aot -jar APP_DIR/app.jar APP_ARGS...
# TRAIN_PATHS (optional): the training requests, blank-separated paths (default: the seed app's routes);
# TRAIN_PORT (default 8000): where the app listens during the training run.
# The JDK (25+: the AOT cache is JDK 25's) is JAVA_HOME's, else PATH's jlink (the eclipse-temurin build
# image's), else the newest under /usr/lib/jvm (a machine whose default java is older).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 APP_DIR RUNTIME_DIR [APP_ARGS...]" >&2; exit 2; }
app="$(cd "$1" && pwd)"; runtime="$2"; shift 2
[ $# -gt 0 ] || set -- seed
major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1; }
jdk=""
for c in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(type -P jlink || echo /nonexistent)")")")" \
         $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
  c="${c%/}"
  if [ -n "$c" ] && [ -x "$c/bin/jlink" ] && [ "$(major "$c")" -ge 25 ] 2>/dev/null; then jdk="$c"; break; fi
done
[ -n "$jdk" ] || { echo "runtime-stage: no JDK 25+ with jlink (JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }
bin="$jdk/bin/"
[ -f "$app/app.jar" ] && [ -f "$app/jvm.options" ] || { echo "runtime-stage: $app needs app.jar and jvm.options" >&2; exit 2; }

# Only the JDK modules the app uses (+ those jdeps cannot see: TLS curves, DNS, Netty's Unsafe).
mods="$("${bin}jdeps" --ignore-missing-deps --multi-release 21 --print-module-deps "$app/app.jar")"
"${bin}jlink" --add-modules "$mods,jdk.crypto.ec,jdk.naming.dns,jdk.unsupported,jdk.zipfs" \
  --strip-debug --no-header-files --no-man-pages --output "$runtime"

# The AOT cache is tied to this runtime and this jar: a JVM started with another one maps nothing of it.
# The training run uses the image's own options (the cache records some of them, e.g. the module flags).
rm -f "$app/app.aot"
trained=()
[ -n "${TRAIN_PATHS:-}" ] && trained=(--paths "$TRAIN_PATHS")
"$here/aot-train.sh" --port "${TRAIN_PORT:-8000}" "${trained[@]}" -- \
  "$runtime/bin/java" "@$app/jvm.options" "-XX:AOTCacheOutput=$app/app.aot" -jar "$app/app.jar" "$@"
