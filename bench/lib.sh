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

# serve_trained_model JAR OUT PORT WORK: starts the service on a fresh data directory
# under WORK (embedded PostgreSQL, one CPU worker; SERVICE_JAVA_OPTS adds JVM options,
# its log goes to OUT/service.log), trains a short SUPERVISED run on Fashion-MNIST through
# the API (HYPERPARAMETERS overrides its hyperparameters) and promotes it to production.
# Sets SERVICE_PID and RUN_ID; the caller stops the service.
serve_trained_model() {
  local jar=$1 out=$2 port=$3 work=$4
  local api="http://localhost:$port/api/v1"
  local hyperparameters=${HYPERPARAMETERS:-'{"epochs": 4, "stepsPerEpoch": 100, "emaDecay": 0.99}'}
  # shellcheck disable=SC2086
  java ${SERVICE_JAVA_OPTS:-} -jar "$jar" --server.port="$port" --simmixmatch.data-dir="$work/data" \
    --simmixmatch.workers.slots=cpu > "$out/service.log" 2>&1 &
  SERVICE_PID=$!
  until curl -fs "http://localhost:$port/actuator/health/readiness" > /dev/null; do sleep 1; done
  RUN_ID=$(curl -fs -X POST "$api/runs" -H 'Content-Type: application/json' \
    -d "{\"algorithm\": \"SUPERVISED\", \"hyperparameters\": $hyperparameters}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  until curl -fs "$api/runs/$RUN_ID" | grep -q '"status":"SUCCEEDED"'; do sleep 2; done
  curl -fs -X PUT "$api/models/production" -H 'Content-Type: application/json' -d "{\"runId\": $RUN_ID}" \
    > "$out/model.json"
}
