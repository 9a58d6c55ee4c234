#!/usr/bin/env python3
"""PyTorch eager peer of `pixmark_ml_quality_bench speed`.

The same ResNet-18 classifier (ml/engine/resnet.cpp, classifier.cpp) and the same training step
as ml/engine/trainer.cpp, written the way a PyTorch user would: a batch of uint8 records gathered
from the training cache that the C++ benchmark wrote (docs/training-cache.md), converted and
augmented on the device (flip, crop and scale, brightness, contrast, saturation, as augment.cpp),
cross-entropy, AdamW with the engine's warm-up and cosine learning rate; bfloat16 autocast and
channels-last on CUDA, pinned host memory for the copy. The first epoch warms up; the next two are
timed step by step, as the engine's progress reports time them. Then inference (softmax
probabilities) and featurization (penultimate-layer embeddings) of every record.

usage: ml_speed_peer.py CACHE.bin [BATCH] [STEPS] [THREADS] [DEVICE]
"""
import math
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HEADER_BYTES = 64


def read_cache(path):
    try:
        with open(path, "rb") as f:
            header = f.read(HEADER_BYTES)
    except OSError as error:
        sys.exit(f"error: cannot read the training cache {path}: {error.strerror}")
    if len(header) < HEADER_BYTES:
        sys.exit(f"error: {path} is not a training cache (docs/training-cache.md)")
    magic, _version, side, channels, record_bytes, count = struct.unpack_from("<8sIIIIQ", header)
    if magic != b"PXMKTC01" or record_bytes != side * side * channels:
        sys.exit(f"error: {path} is not a training cache (docs/training-cache.md)")
    pixels = np.memmap(path, dtype=np.uint8, mode="r", offset=HEADER_BYTES, shape=(count, side, side, channels))
    return pixels, side, channels


def conv(cin, cout, kernel, stride):
    return nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = conv(cin, cout, 3, stride)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = conv(cout, cout, 3, 1)
        self.bn2 = nn.BatchNorm2d(cout)
        nn.init.zeros_(self.bn2.weight)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (self.shortcut(x) if self.shortcut is not None else x))


class Classifier(nn.Module):
    """ResNet-18 (ImageNet stem), global average pooling, one linear layer."""

    def __init__(self, channels, classes, widths=(64, 128, 256, 512), blocks=(2, 2, 2, 2)):
        super().__init__()
        self.stem = nn.Sequential(conv(channels, widths[0], 7, 2), nn.BatchNorm2d(widths[0]), nn.ReLU(),
                                  nn.MaxPool2d(3, stride=2, padding=1))
        stages, cin = [], widths[0]
        for s, (width, count) in enumerate(zip(widths, blocks)):
            for b in range(count):
                stages.append(BasicBlock(cin, width, 2 if s > 0 and b == 0 else 1))
                cin = width
        self.stages = nn.Sequential(*stages)
        self.head = nn.Linear(cin, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        self.register_buffer("mean", torch.full((1, channels, 1, 1), 0.5))
        self.register_buffer("std", torch.full((1, channels, 1, 1), 0.25))

    def embed(self, x):
        return self.stages(self.stem((x - self.mean) / self.std)).mean((2, 3))

    def forward(self, x):
        return self.head(self.embed(x))


def load_batch(pixels, records, device, channels_last):
    host = torch.from_numpy(pixels[records])
    if device.type == "cuda":
        host = host.pin_memory()
    batch = host.to(device, non_blocking=True).permute(0, 3, 1, 2).float().div_(255.0)
    return batch.contiguous(memory_format=torch.channels_last if channels_last else torch.contiguous_format)


def uniform(n, lo, hi, like):
    return torch.rand(n, device=like.device) * (hi - lo) + lo


@torch.no_grad()
def augment(images, min_crop_area=0.6, max_aspect=1.25, brightness=0.2, contrast=0.2, saturation=0.2):
    n = images.size(0)
    log_aspect = math.log(max_aspect)
    area = uniform(n, min_crop_area, 1.0, images)
    aspect = torch.exp(uniform(n, -log_aspect, log_aspect, images))
    sx = torch.sqrt(area * aspect).clamp_max(1.0)
    sy = torch.sqrt(area / aspect).clamp_max(1.0)
    tx = (torch.rand(n, device=images.device) * 2 - 1) * (1 - sx)
    ty = (torch.rand(n, device=images.device) * 2 - 1) * (1 - sy)
    flip = torch.where(torch.rand(n, device=images.device) < 0.5, -1.0, 1.0)
    zero = torch.zeros(n, device=images.device)
    theta = torch.stack([torch.stack([sx * flip, zero, tx], 1), torch.stack([zero, sy, ty], 1)], 1)
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    out = F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    out = out * uniform(n, 1 - brightness, 1 + brightness, images).view(n, 1, 1, 1)
    mean = out.mean((1, 2, 3), keepdim=True)
    out = (out - mean) * uniform(n, 1 - contrast, 1 + contrast, images).view(n, 1, 1, 1) + mean
    gray = (out[:, 0] * 0.299 + out[:, 1] * 0.587 + out[:, 2] * 0.114).unsqueeze(1)
    out = (out - gray) * uniform(n, 1 - saturation, 1 + saturation, images).view(n, 1, 1, 1) + gray
    channels_last = images.is_contiguous(memory_format=torch.channels_last) and not images.is_contiguous()
    return out.clamp_(0, 1).contiguous(memory_format=torch.channels_last if channels_last else torch.contiguous_format)


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    cache = args[0]
    batch = int(args[1]) if len(args) > 1 else 16
    steps = int(args[2]) if len(args) > 2 else 8
    if len(args) > 3 and int(args[3]) > 0:
        torch.set_num_threads(int(args[3]))
    device = torch.device(args[4] if len(args) > 4 else ("cuda" if torch.cuda.is_available() else "cpu"))
    cuda = device.type == "cuda"
    torch.manual_seed(1)

    pixels, side, channels = read_cache(cache)
    training = steps * batch
    if len(pixels) < training:
        sys.exit(f"error: the cache holds {len(pixels)} records, fewer than {steps} batches of {batch}")
    targets = torch.arange(len(pixels)).remainder(10).to(device)
    model = Classifier(channels, 10).to(device)
    if cuda:
        model = model.to(memory_format=torch.channels_last)
    learning_rate, epochs = 2e-3, 3
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=5e-4)
    total_steps, warmup_steps = steps * epochs, min(steps * epochs / 2, steps)
    order = np.arange(training)
    rng = np.random.default_rng(1)
    global_step, timed_images, timed_seconds = 0, 0, 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        rng.shuffle(order)
        for step in range(steps):
            started = time.perf_counter()
            records = np.sort(order[step * batch:(step + 1) * batch])
            images = augment(load_batch(pixels, records, device, cuda))
            t = global_step
            global_step += 1
            lr = (learning_rate * (t + 1) / (warmup_steps + 1) if t < warmup_steps else
                  learning_rate * 0.5 * (1 + math.cos(math.pi * (t - warmup_steps) / max(1, total_steps - warmup_steps))))
            for group in optimizer.param_groups:
                group["lr"] = lr
            with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=cuda):
                logits = model(images)
            loss = F.cross_entropy(logits.float(), targets[torch.from_numpy(records).to(device)])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            synchronize(device)
            if epoch > 1:
                timed_images += len(records)
                timed_seconds += time.perf_counter() - started

    model.eval()

    def rate(outputs):
        everything = np.arange(len(pixels))
        with torch.inference_mode():
            for warm in (True, False):
                started = time.perf_counter()
                for begin in range(0, batch if warm else len(everything), batch):
                    images = load_batch(pixels, everything[begin:begin + batch], device, cuda)
                    with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=cuda):
                        out = outputs(images)
                    out.float().cpu()
        return len(everything) / (time.perf_counter() - started)

    infer = rate(lambda x: torch.softmax(model(x).float(), 1))
    featurize = rate(model.embed)
    print(f"PyTorch eager {torch.__version__} on {device}, {torch.get_num_threads()} threads: ResNet-18, {side} px "
          f"RGB, batch {batch}, {timed_images} training images timed: training {timed_images / timed_seconds:.1f} "
          f"images/s, inference {infer:.1f} images/s, featurization {featurize:.1f} images/s")


if __name__ == "__main__":
    main()
