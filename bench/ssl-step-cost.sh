#!/usr/bin/env bash
# The cost of a training step of each algorithm at the same labeled batch and mu, on
# CIFAR-10 (an archive of bench/cifar10-archives.py, unpacked): one train command per
# algorithm, one after the other, each EPOCHS x STEPS steps with the machine's cores;
# prints the median over the epochs after the first (the warm-up) of the step time
# (validation and checkpoints left out) and of the data preparation's share. Run it alone: other work on the cores shows up in the timing.
#
#   bench/ssl-step-cost.sh [ALGORITHM ...]      (default SUPERVISED MIXMATCH FIXMATCH SIMFIXMATCH)
# BATCH (16), MU (7), EPOCHS (4), STEPS (20), MODEL (CNN_6), SIZE (32: the side the images
# are decoded at), LABELS (25), JAR as named. The backbones at 32, 64 and 96 px:
#   for c in CNN_6:32 CNN_6_STEM:64 CNN_6_STEM:96 CNN_6:96; do
#     MODEL=${c%:*} SIZE=${c#*:} EPOCHS=3 STEPS=10 bench/ssl-step-cost.sh SUPERVISED FIXMATCH; done
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jar=$(bench_jar)
results=${RESULTS:-bench/results/step-cost}
labels=${LABELS:-25}
folder="$results/cifar10-$labels"
mkdir -p "$results"
if [[ ! -d "$folder/labeled" ]]; then
  archive=bench/results/cifar10/cifar10-$labels-seed0.tar
  [[ -f "$archive" ]] || python3 bench/cifar10-archives.py --out bench/results/cifar10 "$labels"
  # The labeled and validation images and 5,000 unlabeled ones: a step costs the same on
  # the whole set, and the command decodes the folder at every start.
  python3 - "$archive" "$folder" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1]) as archive:
    unlabeled = 0
    for member in archive:
        if member.name.startswith("unlabeled/"):
            unlabeled += 1
            if unlabeled > 5000:
                continue
        if not member.name.startswith("test/"):
            archive.extract(member, sys.argv[2])
PY
fi
algorithms=("$@")
[[ ${#algorithms[@]} -eq 0 ]] && algorithms=(SUPERVISED MIXMATCH FIXMATCH SIMFIXMATCH)

model=${MODEL:-CNN_6}
size=${SIZE:-32}
for algorithm in "${algorithms[@]}"; do
  name=$(echo "$algorithm-$model-$size" | tr 'A-Z' 'a-z')
  java -Xmx6g -jar "$jar" train --algorithm "$algorithm" --dataset "folder:$folder" --image-size "$size" \
    --data-dir "$results/data" --model "$model" --epochs "${EPOCHS:-4}" --steps-per-epoch "${STEPS:-20}" --batch-size "${BATCH:-16}" \
    --unlabeled-ratio "${MU:-7}" --weighting FLEXMATCH --out "$results/checkpoints/$name" \
    --json-out "$results/$name.json" > "$results/$name.out" 2>&1
  python3 - "$results/$name.json" "$size" <<'PY'
import json, statistics, sys
s = json.load(open(sys.argv[1]))
hp = s["hyperparameters"]
epochs = s["curve"][1:]
images = hp["batchSize"] * (1 if s["algorithm"] == "SUPERVISED" else 1 + hp["unlabeledRatio"])
ms = statistics.median(1000 * images / e["imagesPerSecond"] for e in epochs)
share = statistics.median(e["dataShare"] for e in epochs)
print(f"{s['algorithm']:12} batch {hp['batchSize']} mu {hp['unlabeledRatio']} {hp['model']} at {sys.argv[2]} px: "
      f"{ms:.0f} ms per step (median of {len(epochs)} epochs after the first), data preparation {100 * share:.0f}%")
PY
done
