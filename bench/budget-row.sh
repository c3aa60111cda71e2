#!/usr/bin/env bash
# One row of the accuracy-per-hour table (docs/benchmarks.md): FixMatch with the photo-32
# preset on CIFAR-10 at 25 labels per class for MINUTES of this machine, three seeds, and
# supervised training for the same steps. Seed 0 trains alone on both cores with
# --max-minutes; the steps it made are the budget of seeds 1 and 2, which train side by
# side with one intra-op thread each (a clock budget would measure their sharing), then
# SUPERVISED trains seeds 0, 1 and 2 with one thread, two at a time. Each run prints its
# summary line; the JSON summaries are RESULTS/<algorithm>-<NAME>-seed<N>.json.
#
#   bench/budget-row.sh MINUTES [-- EXTRA TRAIN OPTIONS]
#   e.g. bench/budget-row.sh 60      (about three hours in all)
# NAME tags the files (default <MINUTES>min), RESULTS (bench/results/budget), FOLDER
# (/tmp/c25: bench/cifar10-archives.py 25, unpacked there), JAR as named. A series stopped
# part way goes on where it stopped: completed runs are skipped, and a run with a last.ckpt
# resumes from it (a resumed run counts the time its checkpoint trained). STEPS=N skips
# seed 0's timed FixMatch run and trains every other run for N steps: a row whose seed 0
# ran in an earlier session.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

minutes=$1
shift
[[ $# -gt 0 && "$1" == "--" ]] && shift
export JAR=$(bench_jar) RESULTS=${RESULTS:-bench/results/budget} PRESET=photo-32
name=${NAME:-${minutes}min}
folder=${FOLDER:-/tmp/c25}
data=(--dataset "folder:$folder" --data-dir /tmp/bench-data --steps-per-epoch 30)

# train ALGORITHM SEED THREADS OPTIONS...: one run of the series, skipped when done.
train() {
  local algorithm=$1 seed=$2 threads=$3
  shift 3
  local run=$(echo "$algorithm" | tr 'A-Z' 'a-z')-$name-seed$seed
  # A stopped run writes its summary too: done means completed.
  python3 -c "import json, sys; sys.exit(not json.load(open(sys.argv[1]))['completed'])" "$RESULTS/$run.json" \
    2>/dev/null && return
  local resume=()
  [[ -f "$RESULTS/checkpoints/$run/last.ckpt" ]] && resume=(--resume "$RESULTS/checkpoints/$run/last.ckpt")
  JAVA_OPTS="-Dai.djl.pytorch.num_threads=$threads" NAME=$name ALGORITHMS=$algorithm \
    bench/ssl-ablation.sh "$seed" -- "${data[@]}" "$@" "${resume[@]}"
}

if [[ -n ${STEPS:-} ]]; then
  steps=$STEPS
else
  train FIXMATCH 0 2 --epochs 10000 --max-minutes "$minutes" "$@"
  steps=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['curve'][-1]['step'])" \
    "$RESULTS/fixmatch-$name-seed0.json")
fi
epochs=$(( (steps + 15) / 30 ))
echo "seed 0 made $steps steps in $minutes minutes: seeds 1 and 2 and supervised train $epochs epochs of 30"
train FIXMATCH 1 1 --epochs "$epochs" "$@" &
train FIXMATCH 2 1 --epochs "$epochs" "$@"
wait
train SUPERVISED 0 1 --epochs "$epochs" &
train SUPERVISED 1 1 --epochs "$epochs"
wait
train SUPERVISED 2 1 --epochs "$epochs"
