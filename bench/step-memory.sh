#!/usr/bin/env bash
# The memory of a training step per backbone, for StepMemory: the peak resident memory of
# short MIXMATCH runs (mu 1, K 2, one intra-op thread) at a small and a large batch; the
# difference over the images added, per 28 x 28 pixel, is the cost per pixel.
#
#   bench/step-memory.sh                 (results in $RESULTS, default bench/results/step-memory)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jar=$(bench_jar)
out=${RESULTS:-bench/results/step-memory}
mkdir -p "$out"
echo "model,small_batch,small_kib,large_batch,large_kib,bytes_per_pixel" > "$out/step-memory.csv"
# The larger backbones take one step at smaller batches: their steps are slow here.
for spec in SMALL_CNN:16:256:3 CNN_6:16:256:3 WRN_28_2:8:64:1 RESNET_18:8:64:1; do
  IFS=: read -r model small large steps <<< "$spec"
  peaks=()
  for batch in "$small" "$large"; do
    /usr/bin/time -f "%M" -o "$out/$model-$batch.kib" java -Xmx2g -Dai.djl.pytorch.num_threads=1 -jar "$jar" \
      train --algorithm MIXMATCH --model "$model" --batch-size "$batch" --epochs 1 --steps-per-epoch "$steps" \
      --validation-per-class 10 --test-per-class 10 --out "$out/checkpoints/$model-$batch" > "$out/$model-$batch.out" 2>&1
    peaks+=("$(cat "$out/$model-$batch.kib")")
  done
  # 3 images per labeled image (mu 1, K 2), 784 pixels each
  echo "$model,$small,${peaks[0]},$large,${peaks[1]},$(( (peaks[1] - peaks[0]) * 1024 / ((large - small) * 3 * 784) ))" \
    | tee -a "$out/step-memory.csv"
done
