#!/usr/bin/env python3
"""FlexMatch's class-wise thresholds as a run had them at each of its checkpoints.

A checkpoint keeps the latest confident prediction of every unlabeled image
(pseudo-label-weighting, pseudo-labels.ints before SoftMatch; -1 for none); from them the
thresholds follow as PseudoLabelThresholds computes them, with FlexMatch's warm-up:
beta_c = count_c / max(max_c count_c, unused), threshold_c = tau * beta_c / (2 - beta_c).

    bench/flexmatch-thresholds.py UNLABELED CHECKPOINT...
    e.g. bench/flexmatch-thresholds.py 49250 bench/results/budget/checkpoints/fixmatch-60min-cl-seed0/epoch-*.ckpt
"""
import json
import struct
import sys
import zipfile


def thresholds(checkpoint, unlabeled):
    with zipfile.ZipFile(checkpoint) as archive:
        metadata = json.loads(archive.read("metadata.json"))
        names = archive.namelist()
        latest = archive.read("pseudo-label-weighting" if "pseudo-label-weighting" in names else "pseudo-labels.ints")
    counts = [0] * len(metadata["classNames"])
    for label in struct.unpack(">%di" % (len(latest) // 4), latest):
        if label >= 0:
            counts[label] += 1
    unused = unlabeled - sum(counts)
    largest = max(unused, max(counts))
    tau = metadata["hyperparameters"]["threshold"]
    betas = [0 if unused == unlabeled else count / largest for count in counts]
    return metadata["step"], unused, [tau * beta / (2 - beta) for beta in betas]


def main():
    unlabeled = int(sys.argv[1])
    print("| step | unlabeled images never confident | lowest threshold | highest threshold |")
    print("|---|---|---|---|")
    for checkpoint in sys.argv[2:]:
        step, unused, values = thresholds(checkpoint, unlabeled)
        print(f"| {step:,} | {unused:,} ({100 * unused / unlabeled:.0f}%) | {min(values):.3f} | {max(values):.3f} |")


if __name__ == "__main__":
    main()
