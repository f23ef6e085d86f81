"""The torchvision twin of AugmentBenchmark: the same pipelines and parameters, applied the way
torchvision is used (per image, on 1x28x28 float tensors), over real Fashion-MNIST images.
Prints a Markdown table. Run by eval/bench-augment.sh with /usr/bin/python3."""
import gzip, os, statistics, sys, time

import torch
import torchvision
import torchvision.transforms as T

torch.set_num_threads(1)
DATA = sys.argv[1]
BATCH = 256


def load_images(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        raw = f.read()
    n, h, w = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    return torch.frombuffer(bytearray(raw[16:16 + n * h * w]), dtype=torch.uint8).view(n, 1, h, w)


class Noise:
    def __init__(self, sigma):
        self.sigma = sigma

    def __call__(self, x):
        return (x + self.sigma * torch.randn_like(x)).clamp(0, 1)


def rrc(scale, size=28):
    return T.RandomResizedCrop(size, scale=scale, ratio=(3 / 4, 4 / 3), antialias=False)


GRAYSCALE = T.Compose([rrc((0.2, 1.0)), T.RandomHorizontalFlip(),
                       T.RandomApply([T.ColorJitter(0.4, 0.4)], p=0.8),
                       T.RandomApply([T.GaussianBlur(3, sigma=(0.1, 1.0))], p=0.2),
                       T.RandomApply([Noise(0.05)], p=0.5)])
QUICKSTART = T.Compose([rrc((0.2, 1.0)), T.RandomHorizontalFlip(), T.RandomApply([Noise(0.05)], p=0.5)])
SIMCLR = T.Compose([rrc((0.08, 1.0)), T.RandomHorizontalFlip(),
                    T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8), T.RandomGrayscale(0.2),
                    T.RandomApply([T.GaussianBlur(3, sigma=(0.1, 2.0))], p=0.5)])
LOCAL = T.Compose([rrc((0.05, 0.3), 12), T.RandomHorizontalFlip(),
                   T.RandomApply([T.ColorJitter(0.4, 0.4)], p=0.8),
                   T.RandomApply([T.GaussianBlur(3, sigma=(0.1, 1.0))], p=0.2),
                   T.RandomApply([Noise(0.05)], p=0.5)])
CASES = [("grayscale preset (Fashion-MNIST SimCLR)", [GRAYSCALE, GRAYSCALE]),
         ("quickstart: crop + flip + noise", [QUICKSTART, QUICKSTART]),
         ("simclr preset (1 channel)", [SIMCLR, SIMCLR]),
         ("grayscale preset + 4 local crops 12²", [GRAYSCALE, GRAYSCALE] + [LOCAL] * 4)]


def batch(images, step, views):
    x = images[(step * BATCH) % len(images):][:BATCH].float().div(255)
    return [torch.stack([t(img) for img in x]) for t in views]


def main():
    images = load_images(DATA)
    torch.manual_seed(0)
    print(f"| pipeline | views per image | views/s | ms per batch of 256 |\n|---|---:|---:|---:|")
    for name, views in CASES:
        step = 0
        for _ in range(2):
            batch(images, step, views)
            step += 1
        rounds = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(3):
                batch(images, step, views)
                step += 1
            rounds.append((time.perf_counter() - t0) * 1e3 / 3)
        ms = statistics.median(rounds)
        print(f"| {name} | {len(views)} | {BATCH * len(views) / (ms / 1e3):,.0f} | {ms:.1f} |")
    print(f"\ntorch {torch.__version__}, torchvision {torchvision.__version__}, 1 thread, one process")


if __name__ == "__main__":
    main()
