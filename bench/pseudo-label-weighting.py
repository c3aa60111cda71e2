#!/usr/bin/env python3
"""What FixMatch's pseudo-label weighting had learned at each checkpoint of a run.

FlexMatch: a checkpoint keeps the latest confident prediction of every unlabeled image
(-1 for none); from them the class thresholds follow as PseudoLabelThresholds computes them,
with FlexMatch's warm-up: beta_c = count_c / max(max_c count_c, unused),
threshold_c = tau * beta_c / (2 - beta_c). It needs the number of unlabeled images.

SoftMatch: a checkpoint keeps the moving averages of SoftMatchWeights (the class means
p_model, then mu and sigma^2 of the aligned confidences); the table shows them with the
weights of confidences 0.1 and 0.3 below mu, exp(-d^2 / (2 sigma^2 / 4)).

FreeMatch: a checkpoint keeps SelfAdaptiveThresholds' global threshold tau_t (the moving
average of the weak views' confidence) and the class means p_c; class c needs
tau_t * p_c / max p_c.

Distribution alignment (distributionAlignment): a checkpoint keeps p_model on its own
(distribution-alignment; SoftMatch's state is then mu and sigma^2 alone); FlexMatch rows
gain a column with its smallest and largest class mean.

    bench/pseudo-label-weighting.py [--unlabeled N] CHECKPOINT...
    e.g. bench/pseudo-label-weighting.py --unlabeled 49250 bench/results/budget/checkpoints/fixmatch-60min-cl-seed0/epoch-*.ckpt
"""
import argparse
import json
import math
import struct
import sys
import zipfile


def read(checkpoint):
    with zipfile.ZipFile(checkpoint) as archive:
        metadata = json.loads(archive.read("metadata.json"))
        names = archive.namelist()
        # Checkpoints from before SoftMatch kept FlexMatch's state under its old name.
        entries = [name for name in ("pseudo-label-weighting", "pseudo-labels.ints") if name in names]
        if not entries:
            sys.exit(f"{checkpoint}: no pseudo-label weighting learned (not FlexMatch, FreeMatch or SoftMatch)")
        alignment = archive.read("distribution-alignment") if "distribution-alignment" in names else b""
        return metadata, archive.read(entries[0]), floats(alignment)


def floats(state):
    return struct.unpack(">%df" % (len(state) // 4), state)


def spread(class_means):
    return f"{min(class_means):.3f} - {max(class_means):.3f}" if class_means else "-"


def flexmatch(metadata, state, unlabeled, class_means):
    counts = [0] * len(metadata["classNames"])
    for label in struct.unpack(">%di" % (len(state) // 4), state):
        if label >= 0:
            counts[label] += 1
    unused = unlabeled - sum(counts)
    largest = max(unused, max(counts))
    tau = metadata["hyperparameters"]["threshold"]
    betas = [0 if unused == unlabeled else count / largest for count in counts]
    thresholds = [tau * beta / (2 - beta) for beta in betas]
    aligned = f" {spread(class_means)} |" if class_means else ""
    return f"| {metadata['step']:,} | {unused:,} ({100 * unused / unlabeled:.0f}%) " \
           f"| {min(thresholds):.3f} | {max(thresholds):.3f} |" + aligned


def softmatch(metadata, state, aligned_means):
    values = floats(state)
    class_means, (mu, variance) = (values[:-2] or aligned_means), values[-2:]
    weights = " | ".join(f"{math.exp(-d * d / (2 * variance / 4)):.3f}" for d in (0.1, 0.3))
    return f"| {metadata['step']:,} | {spread(class_means)} | {mu:.3f} | {math.sqrt(variance):.3f} | {weights} |"


def freematch(metadata, state, aligned_means):
    (tau, *class_means) = floats(state)
    thresholds = [tau * mean / max(class_means) for mean in class_means]
    aligned = f" {spread(aligned_means)} |" if aligned_means else ""
    return f"| {metadata['step']:,} | {tau:.3f} | {min(thresholds):.3f} | {spread(class_means)} |" + aligned


def kind(metadata):
    hyperparameters = metadata["hyperparameters"]
    # Checkpoints written before 2026-12-08 name the weighting by three booleans.
    weighting = hyperparameters.get("weighting") or (
        "SOFTMATCH" if hyperparameters.get("softMatch") else "FREEMATCH" if hyperparameters.get("freeMatch") else "FLEXMATCH")
    return {"SOFTMATCH": "soft", "FREEMATCH": "free", "FLEXMATCH": "flex"}[weighting]


HEADERS = {
    "soft": "| step | class means (p_model) | mu | sigma | weight at mu - 0.1 | at mu - 0.3 |",
    "free": "| step | global threshold tau_t | lowest threshold | class means p_c, smallest - largest |",
    "flex": "| step | unlabeled images never confident | lowest threshold | highest threshold |",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--unlabeled", type=int, help="unlabeled images of the run (FlexMatch)")
    parser.add_argument("checkpoints", nargs="+")
    args = parser.parse_args()
    for index, checkpoint in enumerate(args.checkpoints):
        metadata, state, aligned_means = read(checkpoint)
        weighting = kind(metadata)
        if weighting == "flex" and args.unlabeled is None:
            parser.error("FlexMatch's thresholds need --unlabeled")
        if index == 0:
            aligned = aligned_means and weighting != "soft"
            print(HEADERS[weighting] + (" class means (p_model) |" if aligned else ""))
            print("|---" * HEADERS[weighting].count(" | ") + "|---|" + ("---|" if aligned else ""))
        print(softmatch(metadata, state, aligned_means) if weighting == "soft"
              else freematch(metadata, state, aligned_means) if weighting == "free"
              else flexmatch(metadata, state, args.unlabeled, aligned_means))


if __name__ == "__main__":
    main()
