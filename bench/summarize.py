#!/usr/bin/env python3
"""Turns the JSON summaries of bench/ssl-ablation.sh and bench/throughput.sh into the
markdown tables of docs/benchmarks.md.

    bench/summarize.py ablation DIR      # DIR/<algorithm>-seed<N>.json
    bench/summarize.py throughput DIR    # DIR/<algorithm>.json and DIR/<algorithm>-rss.csv
    bench/summarize.py studies DIR       # DIR/*.json: GET /api/v1/studies/{id} of bench/cifar10-study.sh
"""
import csv
import glob
import json
import os
import statistics
import sys

ALGORITHMS = ["SUPERVISED", "MIXMATCH", "SIMMIXMATCH"]


def pct(values):
    mean = 100 * statistics.mean(values)
    spread = 100 * statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:.2f} ± {spread:.2f}" if len(values) > 1 else f"{mean:.2f}"


def ablation(directory):
    runs = {}
    for path in sorted(glob.glob(os.path.join(directory, "*-seed*.json"))):
        with open(path) as file:
            summary = json.load(file)
        runs.setdefault(summary["algorithm"], []).append(summary)
    print("| algorithm | seeds | steps | test top-1 % (best ckpt) | test top-5 % | final EMA top-1 % "
          "| best epoch | images/s | data prep share | wall time |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for algorithm in ALGORITHMS:
        summaries = runs.get(algorithm, [])
        if not summaries:
            continue
        hp = summaries[0]["hyperparameters"]
        steps = hp["epochs"] * hp["stepsPerEpoch"]
        seeds = ",".join(str(s["hyperparameters"]["seed"]) for s in summaries)
        print(f"| {algorithm} | {seeds} | {steps} "
              f"| {pct([s['bestTest']['top1'] for s in summaries])} "
              f"| {pct([s['bestTest']['top5'] for s in summaries])} "
              f"| {pct([s['finalTest']['top1'] for s in summaries])} "
              f"| {', '.join(str(s['bestEpoch']) for s in summaries)} "
              f"| {statistics.median(s['imagesPerSecond'] for s in summaries):.0f} "
              f"| {100 * statistics.median(s['dataShare'] for s in summaries):.1f}% "
              f"| {statistics.median(s['wallSeconds'] for s in summaries) / 60:.1f} min |")


def throughput(directory):
    print("| algorithm | images/s | step time, ms | data prep share | RSS MiB at 10% / 50% / 100% of the run |")
    print("|---|---|---|---|---|")
    for algorithm in ALGORITHMS:
        name = algorithm.lower()
        path = os.path.join(directory, f"{name}.json")
        if not os.path.exists(path):
            continue
        with open(path) as file:
            summary = json.load(file)
        hp = summary["hyperparameters"]
        images_per_step = hp["batchSize"] * (1 if algorithm == "SUPERVISED" else 1 + hp["unlabeledRatio"])
        with open(os.path.join(directory, f"{name}-rss.csv")) as file:
            rss = [int(row["rss_mib"]) for row in csv.DictReader(file)]
        samples = [rss[min(len(rss) - 1, int(len(rss) * f))] for f in (0.1, 0.5, 1.0)] if rss else []
        ips = summary["imagesPerSecond"]
        print(f"| {algorithm} | {ips:.0f} | {1000 * images_per_step / ips:.0f} "
              f"| {100 * summary['dataShare']:.1f}% | {' / '.join(str(s) for s in samples)} |")


def studies(directory):
    print("| study (data set) | configuration | runs | test top-1 % per seed | test top-1 % | test top-5 % "
          "| wall time per run | images/s |")
    print("|---|---|---|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path) as file:
            study = json.load(file)
        if not isinstance(study, dict) or "configurations" not in study:
            continue
        for configuration in study["configurations"]:
            done = [run for run in configuration["runs"] if run["status"] == "SUCCEEDED"]
            if not done:
                continue
            seeds = ", ".join(f"{run['seed']}: {100 * run['top1']:.2f}" for run in done)
            wall = statistics.median(run["wallSeconds"] for run in done) / 60
            speed = statistics.median(run["imagesPerSecond"] for run in done)
            print(f"| {study['name']} ({study['datasetId']}) | {configuration['label']} "
                  f"| {len(done)} of {len(configuration['runs'])} | {seeds} "
                  f"| {pct([run['top1'] for run in done])} | {pct([run['top5'] for run in done])} "
                  f"| {wall:.1f} min | {speed:.0f} |")


if __name__ == "__main__":
    {"ablation": ablation, "throughput": throughput, "studies": studies}[sys.argv[1]](sys.argv[2])
