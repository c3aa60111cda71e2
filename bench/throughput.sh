#!/usr/bin/env bash
# Training throughput and memory of the three algorithms, measured one after the other
# in one invocation on the same machine: images/s, the share of step time spent
# preparing batches (sampling, augmentation, normalization), and the resident memory
# of the JVM sampled every 2 s.
#
#   bench/throughput.sh [STEPS]        (default 600 steps per algorithm)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-600}
jar=${JAR:-$(ls target/simmixmatch-*.jar 2>/dev/null | head -1)}
[[ -n "$jar" ]] || { ./mvnw -q -B -DskipTests package; jar=$(ls target/simmixmatch-*.jar | head -1); }
results=${RESULTS:-bench/results/throughput}
mkdir -p "$results"

for algorithm in SUPERVISED MIXMATCH SIMMIXMATCH; do
  name=$(echo "$algorithm" | tr 'A-Z' 'a-z')
  java -Xmx4g -jar "$jar" train --algorithm "$algorithm" --preset fashion-mnist --epochs 1 \
    --steps-per-epoch "$steps" --out "$results/checkpoints/$name" --json-out "$results/$name.json" \
    > /dev/null 2>&1 &
  pid=$!
  echo "seconds,rss_mib" > "$results/$name-rss.csv"
  start=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || true)
    [[ -n "$rss" ]] && echo "$(( $(date +%s) - start )),$rss" >> "$results/$name-rss.csv"
    sleep 2
  done
  wait "$pid"
  echo "== $name done"
done
