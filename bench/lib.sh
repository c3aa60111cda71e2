# Shared by the benchmark scripts: the jar to run and a resident-memory sampler.

# The application jar: $JAR if set (a copy, so that rebuilding target/ cannot disturb a
# long run), else target/, built on demand.
bench_jar() {
  local jar=${JAR:-$(ls target/simmixmatch-*.jar 2>/dev/null | head -1)}
  if [[ -z "$jar" ]]; then
    ./mvnw -q -B -DskipTests package
    jar=$(ls target/simmixmatch-*.jar | head -1)
  fi
  echo "$jar"
}

# run_sampled RSS_CSV INTERVAL COMMAND...: runs COMMAND and writes the resident memory of
# its process to RSS_CSV every INTERVAL seconds.
run_sampled() {
  local csv=$1 interval=$2
  shift 2
  "$@" &
  local pid=$! start
  start=$(date +%s)
  echo "seconds,rss_mib" > "$csv"
  while kill -0 "$pid" 2>/dev/null; do
    local rss
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || true)
    [[ -n "$rss" ]] && echo "$(( $(date +%s) - start )),$rss" >> "$csv"
    sleep "$interval"
  done
  wait "$pid"
}
