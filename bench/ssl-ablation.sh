#!/usr/bin/env bash
# The ablation of the original table on Fashion-MNIST with 100 labels per class:
# SUPERVISED, MIXMATCH and SIMMIXMATCH under the same step budget and seeds.
# Each run writes its JSON summary to RESULTS/<algorithm>-seed<seed>.json, its console
# to <name>.out and its resident memory every 10 s to <name>-rss.csv;
# bench/summarize.py turns them into the tables of docs/benchmarks.md.
#
#   bench/ssl-ablation.sh [SEEDS...] [-- EXTRA TRAIN OPTIONS]
#   e.g. RESULTS=bench/results/long bench/ssl-ablation.sh 0 -- --epochs 100 --learning-rate-schedule COSINE
# ALGORITHMS="MIXMATCH SUPERVISED" runs only those; PRESET=photo-32 another preset than
# fashion-mnist; NAME=lsim0.25 adds a tag to the file names (for sweeps); JAVA_OPTS adds
# JVM options (e.g. -Dai.djl.pytorch.num_threads=1 to run two series side by side on two
# cores).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

seeds=()
while [[ $# -gt 0 && "$1" != "--" ]]; do seeds+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
[[ ${#seeds[@]} -eq 0 ]] && seeds=(0)
jar=$(bench_jar)
results=${RESULTS:-bench/results/ablation}
mkdir -p "$results"

for seed in "${seeds[@]}"; do
  for algorithm in ${ALGORITHMS:-SIMMIXMATCH MIXMATCH SUPERVISED}; do
    name=$(echo "$algorithm" | tr 'A-Z' 'a-z')${NAME:+-$NAME}-seed$seed
    run_sampled "$results/$name-rss.csv" 10 \
      java -Xmx4g ${JAVA_OPTS:-} -jar "$jar" train --algorithm "$algorithm" --preset "${PRESET:-fashion-mnist}" --seed "$seed" \
      --out "$results/checkpoints/$name" --json-out "$results/$name.json" "$@" > "$results/$name.out" 2>&1
    grep -a "^$algorithm:" "$results/$name.out"
  done
done
