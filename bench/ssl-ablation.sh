#!/usr/bin/env bash
# The ablation of the original table on Fashion-MNIST with 100 labels per class:
# SUPERVISED, MIXMATCH and SIMMIXMATCH under the same step budget and seeds.
# Each run writes its JSON summary to bench/results/<algorithm>-seed<seed>.json;
# bench/summarize.py turns them into the table of docs/benchmarks.md.
#
#   bench/ssl-ablation.sh [SEEDS...] [-- EXTRA TRAIN OPTIONS]
#   e.g. bench/ssl-ablation.sh 0 1 2 -- --epochs 40 --steps-per-epoch 100
set -euo pipefail
cd "$(dirname "$0")/.."

seeds=()
while [[ $# -gt 0 && "$1" != "--" ]]; do seeds+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
[[ ${#seeds[@]} -eq 0 ]] && seeds=(0)
# JAR: a copy of the application, so that rebuilding target/ cannot disturb a long run.
jar=${JAR:-$(ls target/simmixmatch-*.jar 2>/dev/null | head -1)}
[[ -n "$jar" ]] || { ./mvnw -q -B -DskipTests package; jar=$(ls target/simmixmatch-*.jar | head -1); }
results=${RESULTS:-bench/results}
mkdir -p "$results"

for seed in "${seeds[@]}"; do
  for algorithm in SIMMIXMATCH MIXMATCH SUPERVISED; do
    name=$(echo "$algorithm" | tr 'A-Z' 'a-z')-seed$seed
    echo "== $name"
    java -Xmx4g -jar "$jar" train --algorithm "$algorithm" --preset fashion-mnist --seed "$seed" \
      --out "$results/checkpoints/$name" --json-out "$results/$name.json" "$@" 2>&1 \
      | tr '\r' '\n' | grep -E '^(epoch|[A-Z]+:)' | tee "$results/$name.log"
  done
done
