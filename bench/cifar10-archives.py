#!/usr/bin/env python3
"""CIFAR-10 as archives the service imports, at the field's label budgets.

Reads ../shared/data/cifar10-jpg.tar.gz (cifar10/train/<class>/*.jpg, 50,000 images, and
cifar10/test/<class>/*.jpg, 10,000) and writes one tar per budget:

  labeled/<class>/  N images per class, picked with the seed
  val/<class>/      VAL images per class, picked with the seed from the rest of train/
                    (they choose the best checkpoint; 0 leaves val/ out)
  unlabeled/        the rest of train/, its class folders dropped
  test/<class>/     test/, whole

The JPEG bytes are copied as they are: nothing is decoded or re-encoded here.

  bench/cifar10-archives.py [--out DIR] [--seed S] [--val VAL] [N ...]   (default 4 25 400)
"""
import argparse
import io
import random
import tarfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent.parent / "shared/data/cifar10-jpg.tar.gz"


def read_source(path):
    """{split: {class: [(name, bytes)]}}, sorted by name so the pick depends on the seed alone."""
    images = {"train": {}, "test": {}}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            parts = member.name.split("/")
            if not member.isfile() or len(parts) != 4 or parts[1] not in images:
                continue
            _, split, label, name = parts
            images[split].setdefault(label, []).append((name, archive.extractfile(member).read()))
    for classes in images.values():
        for files in classes.values():
            files.sort()
    return images


def add(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def write_archive(images, per_class, val_per_class, seed, out):
    random.seed(seed)
    counts = {"labeled": 0, "val": 0, "unlabeled": 0, "test": 0}
    with tarfile.open(out, "w", format=tarfile.USTAR_FORMAT) as archive:
        for label, files in sorted(images["train"].items()):
            picked = random.sample(range(len(files)), per_class + val_per_class)
            labeled, val = set(picked[:per_class]), set(picked[per_class:])
            for i, (name, data) in enumerate(files):
                folder = "labeled/" + label if i in labeled else "val/" + label if i in val else "unlabeled"
                prefix = "" if folder != "unlabeled" else label + "-"
                add(archive, f"{folder}/{prefix}{name}", data)
                counts[folder.split("/")[0]] += 1
        for label, files in sorted(images["test"].items()):
            for name, data in files:
                add(archive, f"test/{label}/{name}", data)
                counts["test"] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labels", nargs="*", type=int, default=[4, 25, 400], help="labeled images per class")
    parser.add_argument("--out", default="bench/results/cifar10", help="where the archives go")
    parser.add_argument("--seed", type=int, default=0, help="seed of the labeled and validation pick")
    parser.add_argument("--val", type=int, default=50, help="validation images per class")
    parser.add_argument("--source", default=str(SOURCE))
    args = parser.parse_args()
    images = read_source(args.source)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    for per_class in args.labels:
        out = Path(args.out) / f"cifar10-{per_class}-seed{args.seed}.tar"
        counts = write_archive(images, per_class, args.val, args.seed, out)
        print(f"{out}: {counts}")


if __name__ == "__main__":
    main()
