#!/usr/bin/env bash
# CIFAR-10 ablations as studies of the service: starts it (embedded PostgreSQL, WORKERS
# CPU workers sharing the cores, its data under RESULTS/service so that a restart keeps
# the runs), imports the archives of bench/cifar10-archives.py that it lacks, launches the
# study STUDY_JSON (a file: the body of POST /api/v1/studies) and writes its table to
# RESULTS/<study name>.csv and .json when it ends, its curves to -curves.json.
#
#   bench/cifar10-study.sh STUDY_JSON [STUDY_JSON ...]
#   e.g. bench/cifar10-study.sh bench/studies/cifar10-25.json
# JAR=... runs a copy of the jar; PORT (18095), WORKERS (cpu:2), RESULTS
# (bench/results/cifar10) as named. The service keeps running if it was running.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

results=${RESULTS:-bench/results/cifar10}
port=${PORT:-18095}
api="http://localhost:$port/api/v1"
mkdir -p "$results"

if ! curl -fs "http://localhost:$port/actuator/health/readiness" > /dev/null; then
  jar=$(bench_jar)
  nohup java -jar "$jar" --server.port="$port" --simmixmatch.data-dir="$results/service" \
    --simmixmatch.workers.slots="${WORKERS:-cpu:2}" >> "$results/service.log" 2>&1 &
  until curl -fs "http://localhost:$port/actuator/health/readiness" > /dev/null; do sleep 2; done
fi

json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

for study in "$@"; do
  dataset=$(json '["datasetId"]' < "$study")
  if ! curl -fs "$api/datasets/$dataset" > /dev/null; then
    labels=${dataset#cifar10-}
    archive="$results/cifar10-${labels%%-*}-seed${labels##*seed}.tar"
    [[ -f "$archive" ]] || python3 bench/cifar10-archives.py --out "$results" --seed "${labels##*seed}" "${labels%%-*}"
    curl -fs -F archive=@"$archive" -F name="$dataset" "$api/datasets" > /dev/null
  fi
  until curl -fs "$api/datasets/$dataset" | grep -q '"status":"READY"'; do
    curl -fs "$api/datasets/$dataset" | grep -q '"status":"FAILED"' && { echo "$dataset failed"; exit 1; }
    sleep 5
  done
  id=$(curl -fs -X POST "$api/studies" -H 'Content-Type: application/json' --data @"$study" | json '["id"]')
  name=$(basename "$study" .json)
  echo "$(date -u +%FT%TZ) study $id: $study" | tee -a "$results/studies.log"
  until curl -fs "$api/studies/$id" | grep -q '"status":"ENDED"'; do sleep 30; done
  curl -fs "$api/studies/$id" -H 'Accept: text/csv' > "$results/$name.csv"
  curl -fs "$api/studies/$id" > "$results/$name.json"
  curl -fs "$api/studies/$id/curves" > "$results/$name-curves.json"
  cat "$results/$name.csv"
done
