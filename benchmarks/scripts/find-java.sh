# Sourced by benchmarks/run and benchmarks/startup/run. find_java MIN: the newest JDK MIN+ ($JAVA_HOME
# first, then /usr/lib/jvm/*), printed as its java binary; exits with a message when there is none.
find_java() {
  local min=$1 best="" bestv=0 d v
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/java" ] && [ -f "$d/release" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")
    [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$bestv" ] && { best="$d/bin/java"; bestv=$v; }
  done
  [ -n "$best" ] || { echo "no JDK $min+ found (set JAVA_HOME)" >&2; exit 1; }
  echo "$best"
}
