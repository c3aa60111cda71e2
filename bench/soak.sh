#!/usr/bin/env bash
# Prediction soak: many clients with a mix of image sizes against one service for a long
# while, counting the answers by status and sampling the service's resident memory.
#
#   bench/soak.sh [SECONDS] [CLIENTS]     (defaults: 600 s, 32 clients)
#
# It starts the service on a fresh data directory, trains and promotes a short SUPERVISED
# run (as bench/predict.sh does), then runs bench/SoakClient.java. Results go to $RESULTS
# (default bench/results/soak-TIME): soak.csv, and the prediction metrics at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seconds=${1:-600}
clients=${2:-32}
jar=$(bench_jar)
out=${RESULTS:-bench/results/soak-$(date +%Y%m%d-%H%M%S)}
port=${PORT:-18080}
work=$(mktemp -d)
mkdir -p "$out"

trap 'kill ${SERVICE_PID:-} 2>/dev/null; wait ${SERVICE_PID:-} 2>/dev/null; rm -rf "$work"' EXIT
serve_trained_model "$jar" "$out" "$port" "$work"
java bench/SoakClient.java "http://localhost:$port/api/v1/predict" "$seconds" "$SERVICE_PID" "$clients" \
  | tee "$out/soak.csv"
curl -fs "http://localhost:$port/actuator/prometheus" | grep '^simmixmatch_predict' > "$out/metrics.txt" || true
echo "results in $out"
