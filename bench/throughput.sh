#!/usr/bin/env bash
# Training throughput and memory of the three algorithms, measured one after the other
# in one invocation on the same machine: images/s, the share of step time spent
# preparing batches (sampling, augmentation, normalization), and the resident memory
# of the JVM sampled every 2 s.
#
#   bench/throughput.sh [STEPS]        (default 600 steps per algorithm)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
steps=${1:-600}
jar=$(bench_jar)
results=${RESULTS:-bench/results/throughput}
mkdir -p "$results"

for algorithm in SUPERVISED MIXMATCH SIMMIXMATCH; do
  name=$(echo "$algorithm" | tr 'A-Z' 'a-z')
  run_sampled "$results/$name-rss.csv" 2 \
    java -Xmx4g -jar "$jar" train --algorithm "$algorithm" --preset fashion-mnist --epochs 1 \
    --steps-per-epoch "$steps" --out "$results/checkpoints/$name" --json-out "$results/$name.json" \
    > "$results/$name.out" 2>&1
  echo "== $name done"
done
