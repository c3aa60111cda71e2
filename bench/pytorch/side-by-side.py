#!/usr/bin/env python3
"""Step times of ours and of the PyTorch twin (bench/pytorch/step.py), run alternately on
the same machine, and the ratio of their medians per algorithm.

    bench/pytorch/side-by-side.py [--repeats 3] [--steps 300] [--device cpu|gpu] [--jar JAR] [--twin-channels-last]
                                  [-- EXTRA OPTIONS OF OURS, e.g. -Dsimmixmatch.native-allocator=glibc]

Ours is the `train` command with the fashion-mnist preset (batch 64, mu 1, K 2) on the
one-convolution-per-stage SMALL_CNN that the twin builds (not the preset's CNN_6), for
steps/15 epochs of 15 steps; its step time per epoch excludes evaluation, and the first
two epochs (warm-up) are left out, as the twin leaves out its first two chunks. Ours
warms up for longer (about five epochs: 74, 49, 43, 40, 56 ms, then 29-33; the JIT
compilers, docs/benchmarks.md), so the default of 300 steps puts the median of the 18
epochs counted past it. A second table gives the mean over all steps, warm-up included,
which is what a short run pays. On a GPU machine, ours finds the CUDA build of libtorch
through PYTORCH_LIBRARY_PATH. Debian's python3-torch is the reference
build on CPU; it is installed when missing.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ALGORITHMS = ["SUPERVISED", "MIXMATCH", "SIMMIXMATCH"]
CHUNK = 15
HERE = os.path.dirname(os.path.abspath(__file__))


def ensure_torch(python):
    if subprocess.run([python, "-c", "import torch"], capture_output=True).returncode == 0:
        return
    print("installing Debian's python3-torch", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-qq", "python3-torch"], check=True)


def ours(jar, algorithm, steps, device, jvm_options, work):
    summary = os.path.join(work, "summary.json")
    command = ["java", "-Xmx4g", *jvm_options, "-jar", jar, "train", "--algorithm", algorithm,
               "--preset", "fashion-mnist", "--model", "SMALL_CNN", "--epochs", str(steps // CHUNK),
               "--steps-per-epoch", str(CHUNK),
               "--validation-per-class", "5", "--test-per-class", "5", "--device", device,
               "--out", os.path.join(work, "checkpoints"), "--json-out", summary]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(summary) as file:
        run = json.load(file)
    hp = run["hyperparameters"]
    images = hp["batchSize"] * (1 if algorithm == "SUPERVISED" else 1 + hp["unlabeledRatio"])
    shutil.rmtree(os.path.join(work, "checkpoints"), ignore_errors=True)
    return [images / epoch["imagesPerSecond"] * 1000 for epoch in run["curve"]]


def twin(python, algorithm, steps, device, channels_last):
    command = [python, os.path.join(HERE, "step.py"), "--algorithm", algorithm, "--steps", str(steps),
               "--chunk", str(CHUNK), "--device", "cuda" if device.startswith("gpu") else "cpu"]
    output = subprocess.run(command + (["--channels-last"] if channels_last else []),
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])["chunksMs"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--device", default="cpu", help="cpu or gpu (ours trains on gpu0, the twin on cuda)")
    parser.add_argument("--jar", default=os.environ.get("JAR"))
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS))
    parser.add_argument("--twin-channels-last", action="store_true",
                        help="lay out the twin's weights and batches channels-last too")
    args, jvm_options = parser.parse_known_args()
    jvm_options = [option for option in jvm_options if option != "--"]
    jar = args.jar or sorted(glob.glob("target/simmixmatch-*.jar"))[0]
    device = "gpu0" if args.device == "gpu" else "cpu"
    ensure_torch(args.python)
    algorithms = args.algorithms.split(",")
    times = {(algorithm, impl): [] for algorithm in algorithms for impl in ("ours", "pytorch")}
    with tempfile.TemporaryDirectory() as work:
        for repeat in range(args.repeats):
            for algorithm in algorithms:
                # Alternate which one goes first, so neither always gets the cooler machine.
                order = ("ours", "pytorch") if repeat % 2 == 0 else ("pytorch", "ours")
                for impl in order:
                    chunks = ours(jar, algorithm, args.steps, device, jvm_options, work) if impl == "ours" \
                        else twin(args.python, algorithm, args.steps, device, args.twin_channels_last)
                    times[(algorithm, impl)].append(chunks)
                    print(f"repeat {repeat + 1} {algorithm} {impl}: {' '.join(f'{c:.0f}' for c in chunks)} ms",
                          file=sys.stderr, flush=True)
    # Past the warm-up: the median chunk after the first two; with it: the mean of all.
    for title, measure in (("past the first two chunks", lambda chunks: statistics.median(chunks[2:])),
                           ("all steps, warm-up included", statistics.mean)):
        print(f"\n{title}:\n")
        print("| algorithm | ours, median ms | PyTorch, median ms | ratio | ours, each | PyTorch, each |")
        print("|---|---|---|---|---|---|")
        for algorithm in algorithms:
            mine = [measure(chunks) for chunks in times[(algorithm, "ours")]]
            theirs = [measure(chunks) for chunks in times[(algorithm, "pytorch")]]
            print(f"| {algorithm} | {statistics.median(mine):.1f} | {statistics.median(theirs):.1f} "
                  f"| {statistics.median(mine) / statistics.median(theirs):.2f} "
                  f"| {' / '.join(f'{t:.0f}' for t in mine)} | {' / '.join(f'{t:.0f}' for t in theirs)} |")


if __name__ == "__main__":
    main()
