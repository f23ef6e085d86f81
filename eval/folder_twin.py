"""The torchvision twin of eval/bench-data.sh: one epoch of torchvision.datasets.ImageFolder (PIL decode,
grey, ToTensor; then RGB resized and centre-cropped to 64) through a DataLoader, batches of 256 in random
order, with W worker processes; prints a Markdown row per setting. torchvision has no decoded cache, so every epoch decodes again.
Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 eval/folder_twin.py FOLDER/train"""
import sys, time
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def main():
    root = sys.argv[1]
    torch.set_num_threads(1)
    ds = datasets.ImageFolder(root, transform=transforms.Compose([transforms.Grayscale(1), transforms.ToTensor()]))
    big = datasets.ImageFolder(root, transform=transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64),
                                                                    transforms.ToTensor()]))
    for workers, ds, what in ((0, ds, ""), (2, ds, ""), (2, big, ", resized to 3×64×64")):
        loader = DataLoader(ds, batch_size=256, shuffle=True, num_workers=workers, drop_last=True,
                            generator=torch.Generator().manual_seed(1))
        t0 = time.perf_counter()
        n = 0
        for x, _ in loader:
            n += x.shape[0]
        s = time.perf_counter() - t0
        print("| torchvision ImageFolder + PIL, DataLoader num_workers=%d, one epoch%s (%d images) | %.1f s | %.0f img/s |"
              % (workers, what, n, s, n / s))


if __name__ == "__main__":
    main()
