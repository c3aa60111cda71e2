#!/usr/bin/env python3
"""The reference twin of one training step of ours, in PyTorch eager, for timing only.

Same network (the small CNN: conv3x3+BN+ReLU at 32/64/128 channels, max-pooled, global
average pool, a linear classifier and a 128-64 projection head), batch, K views, losses
(soft-target cross entropy, MSE consistency, K-view NT-Xent), MixUp, Adam with decoupled
decay of the kernels, EMA with warm-up, and batched pad-crop + flip augmentation on the
device. Images are random bytes shaped like Fashion-MNIST: speed does not depend on them.

    python3 bench/pytorch/step.py --algorithm SIMMIXMATCH --steps 150 --chunk 15 [--device cuda] [--channels-last]

With --channels-last the network's weights and every batch are laid out channels-last,
as ours lays out its batches on the CPU.

Prints one JSON line: the median over chunks of the mean step time, in ms.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


class Net(nn.Module):
    def __init__(self, classes=10, projection=64):
        super().__init__()
        self.backbone = nn.Sequential(*conv_bn_relu(1, 32), nn.MaxPool2d(2), *conv_bn_relu(32, 64), nn.MaxPool2d(2),
                                      *conv_bn_relu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.classifier = nn.Linear(128, classes)
        self.projector = nn.Sequential(nn.Linear(128, 2 * projection), nn.ReLU(), nn.Linear(2 * projection, projection))

    def forward(self, x):
        features = self.backbone(x)
        return self.classifier(features), self.projector(features)


def augment(images, padding=3):
    n, c, h, w = images.shape
    padded = F.pad(images, (padding,) * 4)
    top = torch.randint(0, 2 * padding + 1, (n, 1), device=images.device)
    left = torch.randint(0, 2 * padding + 1, (n, 1), device=images.device)
    rows = (top + torch.arange(h, device=images.device)).view(n, 1, h, 1).expand(n, c, h, w + 2 * padding)
    picked = padded.gather(2, rows)
    cols = (left + torch.arange(w, device=images.device)).view(n, 1, 1, w).expand(n, c, h, w)
    cropped = picked.gather(3, cols)
    flip = (torch.rand(n, 1, 1, 1, device=images.device) < 0.5).float()
    return cropped + (cropped.flip(3) - cropped) * flip


def soft_cross_entropy(logits, targets):
    return -(targets * logits.log_softmax(-1)).sum(-1).mean()


def contrastive(z, views, tau):
    z = F.normalize(z, dim=1)
    n = z.shape[0]
    self_mask = torch.eye(n, device=z.device)
    similarity = z @ z.t() / tau - 1e4 * self_mask
    log_probability = similarity - similarity.logsumexp(1, keepdim=True)
    image = torch.arange(n, device=z.device) % (n // views)
    positives = (image[:, None] == image[None, :]).float() - self_mask
    return -((positives * log_probability).sum(1) / (views - 1)).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--algorithm", required=True, choices=["SUPERVISED", "MIXMATCH", "SIMMIXMATCH"])
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--chunk", type=int, default=15)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--k", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--channels-last", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    device = torch.device(args.device)

    pool = torch.randint(0, 256, (60000, 1, 28, 28), dtype=torch.uint8, device=device)
    labels = torch.randint(0, 10, (60000,), device=device)
    layout = torch.channels_last if args.channels_last else torch.contiguous_format
    model, average = Net().to(device, memory_format=layout), Net().to(device, memory_format=layout)
    average.load_state_dict(model.state_dict())
    lr, wd = 2e-3, 0.02
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    kernels = [p for name, p in model.named_parameters() if name.endswith("weight") and p.dim() > 1]
    supervised = args.algorithm == "SUPERVISED"
    sim = args.algorithm == "SIMMIXMATCH"
    beta = torch.distributions.Beta(0.75, 0.75)

    def batch(count):
        index = torch.randint(0, pool.shape[0], (count,), device=device)
        return ((pool[index].float() / 255 - 0.286) / 0.353).contiguous(memory_format=layout), index

    def step(t):
        x, index = batch(args.batch)
        x = augment(x)
        y = F.one_hot(labels[index], 10).float()
        if supervised:
            loss = soft_cross_entropy(model(x)[0], y)
        else:
            u, _ = batch(args.batch)
            views = torch.cat([augment(u) for _ in range(args.k)])
            with torch.set_grad_enabled(sim):
                logits_u, projections = model(views)
            q = logits_u.detach().softmax(-1).view(args.k, -1, 10).mean(0)
            q = q ** 2  # T = 0.5
            q = q / q.sum(1, keepdim=True)
            inputs = torch.cat([x, views])
            targets = torch.cat([y, q.repeat(args.k, 1)])
            lam = float(beta.sample())
            lam = max(lam, 1 - lam)
            partners = torch.randperm(inputs.shape[0], device=device)
            mixed = lam * inputs + (1 - lam) * inputs[partners]
            mixed_targets = lam * targets + (1 - lam) * targets[partners]
            logits = model(mixed)[0]
            b = args.batch
            loss_x = soft_cross_entropy(logits[:b], mixed_targets[:b])
            loss_u = (logits[b:].softmax(-1) - mixed_targets[b:]).square().mean()
            loss = loss_x + 75 * min(1.0, t / 1600) * loss_u
            if sim:
                loss = loss + contrastive(projections, args.k, 0.5)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for kernel in kernels:
                kernel.mul_(1 - lr * wd)
            decay = min(0.999, (1 + t) / (10 + t))
            for a, w in zip(average.parameters(), model.parameters()):
                a.mul_(decay).add_(w, alpha=1 - decay)
            for a, w in zip(average.buffers(), model.buffers()):
                a.copy_(w)
        return loss.item()  # ours reads the loss values back every step too

    chunks = []
    for chunk in range(args.steps // args.chunk):
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        for t in range(chunk * args.chunk, (chunk + 1) * args.chunk):
            step(t)
        if device.type == "cuda":
            torch.cuda.synchronize()
        chunks.append((time.perf_counter() - started) / args.chunk * 1000)
    # The first two chunks warm up, as ours skips its first two epochs.
    print(json.dumps({"algorithm": args.algorithm, "impl": "pytorch", "torch": torch.__version__,
                      "stepMs": statistics.median(chunks[2:]), "chunksMs": [round(c, 1) for c in chunks]}))


if __name__ == "__main__":
    main()
