#!/usr/bin/env bash
# Prediction throughput: the HTTP service at several concurrencies against the in-process
# classifier on the same model, measured one after the other in the same run.
#
#   bench/predict.sh [SECONDS_PER_LEVEL] [CONCURRENCY...]     (defaults: 20 s; 1 4 16 64)
#
# It starts the service (embedded PostgreSQL, one CPU worker) on a fresh data directory,
# trains a short SUPERVISED run on Fashion-MNIST through the API, promotes it to
# production and downloads its best checkpoint; then it measures the classifier in
# process (batches of SIMMIXMATCH_INFERENCE_MAX_BATCH, default 32) and the service over
# HTTP (one PNG per request). Results go to $RESULTS (default bench/results/predict-TIME).
# HYPERPARAMETERS overrides the run's hyperparameters, e.g. '{"model": "WRN_28_2", ...}';
# SERVICE_JAVA_OPTS adds JVM options to the service.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds=${1:-20}
shift || true
levels=("${@:-1 4 16 64}")
jar=$(bench_jar)
out=${RESULTS:-bench/results/predict-$(date +%Y%m%d-%H%M%S)}
port=${PORT:-18080}
work=$(mktemp -d)
mkdir -p "$out"
api="http://localhost:$port/api/v1"

trap 'kill ${SERVICE_PID:-} 2>/dev/null; wait ${SERVICE_PID:-} 2>/dev/null; rm -rf "$work"' EXIT
serve_trained_model "$jar" "$out" "$port" "$work"
checkpoint=$(curl -fs "$api/runs/$RUN_ID/checkpoints" \
  | python3 -c 'import json, sys; print(next(c["id"] for c in json.load(sys.stdin) if c["kind"] == "BEST"))')
curl -fs -o "$work/model.ckpt" "$api/runs/$RUN_ID/checkpoints/$checkpoint/file"

java -Djarmode=tools -jar "$jar" extract --destination "$work/app" > /dev/null
java -cp "$work/app/$(basename "$jar")" bench/InProcessPredict.java "$work/model.ckpt" "$seconds" \
  "${SIMMIXMATCH_INFERENCE_MAX_BATCH:-32}" | tee "$out/in-process.csv"
# shellcheck disable=SC2068
java bench/LoadClient.java "$api/predict" "$seconds" "$SERVICE_PID" ${levels[@]} | tee "$out/http.csv"
curl -fs "http://localhost:$port/actuator/prometheus" | grep '^simmixmatch_predict' > "$out/metrics.txt" || true
echo "results in $out"
