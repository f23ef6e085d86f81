"""Writes Fashion-MNIST as a PNG image folder: OUT/train/<class>/NNNNN.png and OUT/test/<class>/NNNNN.png
(8-bit grey, NNNNN the image's index in its IDX file; '/' in a class name becomes '_').
Usage: python3 eval/fashion_png.py OUT [IDX_DIR]   (IDX_DIR default /usr/share/datasets/fashion-mnist)"""
import gzip, os, sys
from PIL import Image

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return shape, data[4 + 4 * dims:]


def main():
    out = sys.argv[1]
    src = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
    for split, prefix in (("train", "train"), ("test", "t10k")):
        (n, h, w), px = idx(os.path.join(src, prefix + "-images-idx3-ubyte.gz"))
        _, labels = idx(os.path.join(src, prefix + "-labels-idx1-ubyte.gz"))
        for c in CLASSES:
            os.makedirs(os.path.join(out, split, c.replace("/", "_")), exist_ok=True)
        for i in range(n):
            img = Image.frombytes("L", (w, h), px[i * h * w:(i + 1) * h * w])
            img.save(os.path.join(out, split, CLASSES[labels[i]].replace("/", "_"), "%05d.png" % i))
    print(out)


if __name__ == "__main__":
    main()
