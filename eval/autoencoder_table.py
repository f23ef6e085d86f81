"""Writes eval/results/autoencoders.md from autoencoders.jsonl (bench-autoencoders.sh), next to the
raw-pixel baseline (pixels.md's figures, re-read from its table) and the contrastive recipes (recipes.jsonl)."""
import json, os, re, sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
here = os.path.dirname(os.path.abspath(sys.argv[2]))
latest, angles, sae = {}, None, None
for r in rows:
    if "recipe" in r:
        latest[r["recipe"]] = r
    elif "subspace" in r:
        angles = r
    elif r.get("row") == "sae":
        sae = r

KIND = {"pca": "PCA, 64 components (closed form)", "kmeans": "k-means, 256 centroids, one-hot code",
        "kmeans-triangle": "k-means, 256 centroids, triangle code", "ae": "autoencoder 784-512-64",
        "dae": "denoising AE (masking 30 %)", "sparse-l1": "sparse AE, L1, 1024 ReLU units",
        "sparse-kl": "sparse AE, KL to rho = 0.05, 256 sigmoid units", "cae": "contractive AE, 256 sigmoid units",
        "vae": "VAE, 16-d latent (mu probed)", "beta-vae": "beta-VAE (beta = 4), 16-d latent",
        "psd": "predictive sparse decomposition, 256 atoms", "linear-ae": "linear AE, 64-d",
        "conv-ae": "convolutional AE, 64-d", "hashing": "denoising AE, 32-bit sigmoid code"}
ORDER = list(KIND)

out = ["# Autoencoders and classical baselines on Fashion-MNIST", "",
       "Each recipe in `recipes/` run as shipped by `eval/bench-autoencoders.sh` (full 60k training images, the "
       "recipe's epochs, seed 0), then the standard probe on the frozen code: L-BFGS linear probe with the L2 "
       "strength chosen on a validation split carved from train, and weighted kNN (k = 200, T = 0.1), on the "
       "full 60k/10k. *Test MSE* is the mean squared error per pixel of the reconstructions of the 10k test "
       "images (pixels in [0, 1]). Wall time covers training (or fitting), figures and the probe.", "",
       "| recipe | what | code dim | linear probe top-1 | top-5 | kNN top-1 | test MSE / pixel | steps | wall time |",
       "|---|---|---|---|---|---|---|---|---|"]
for name in ORDER:
    r = latest.get(name)
    if r is None:
        continue
    steps = r["steps"] if r["steps"] else f"{r.get('fit_iterations', 1)} fit iter."
    out.append(f"| {name} | {KIND[name]} | {r['dim']} | {r['linear_probe_top1']*100:.2f} % | "
               f"{r['linear_probe_top5']*100:.2f} % | {r['knn_top1']*100:.2f} % | {r['test_mse_per_pixel']:.4f} | "
               f"{steps} | {r['wall_s']} s |")

pix = open(os.path.join(here, "pixels.md")).read()
m = re.search(r"\| ([\d.]+) % \| ([\d.]+) % \| (\d+) s", pix)
out += ["", "## Next to the raw pixels and the contrastive methods", "",
        "| representation | linear probe top-1 | kNN top-1 | source |", "|---|---|---|---|"]
if m:
    out.append(f"| raw pixels (784) | {m.group(1)} % | {m.group(2)} % | `pixels.md` |")
best = sorted(latest.values(), key=lambda r: -r["linear_probe_top1"])
for r in best[:3]:
    out.append(f"| {r['recipe']} ({KIND[r['recipe']]}) | {r['linear_probe_top1']*100:.2f} % | {r['knn_top1']*100:.2f} % | this table |")
rec = os.path.join(here, "recipes.jsonl")
if os.path.exists(rec):
    con = {}
    for l in open(rec):
        if l.strip():
            c = json.loads(l)
            con[(c["recipe"], c["epochs"])] = c
    for c in sorted(con.values(), key=lambda c: -c["linear_probe_top1"]):
        if not c["labels"] and c["epochs"] == 5:
            out.append(f"| {c['recipe']} (contrastive, ConvNet, 5 epochs) | {c['linear_probe_top1']*100:.2f} % | "
                       f"{c['knn_top1']*100:.2f} % | `recipes.md` |")

if "hashing" in latest and "hashing" in latest["hashing"]:
    h = latest["hashing"]["hashing"]
    out += ["", "## Semantic hashing", "",
            f"`hashing`: the {h['bits']}-bit code binarised at each bit's training median; every test image queries "
            f"the 60k training images by Hamming distance (ties by index); relevant = same class.", "",
            "| bits | precision@%d | mAP (full ranking) |" % h["k"], "|---|---|---|",
            f"| {h['bits']} | {h['precision_at_k']*100:.2f} % | {h['map']*100:.2f} % |"]

if angles:
    a = angles["angles_deg"]
    q = len(a)
    out += ["", "## Linear autoencoder vs PCA", "",
            f"`selfsup subspace` on the `pca` and `linear-ae` runs: {q} principal angles between the column spaces "
            f"of their decoders. Smallest {a[0]:.2f}°, median {sorted(a)[q//2]:.2f}°, largest {a[-1]:.2f}°; "
            f"{sum(1 for x in a if x < 5)} of {q} below 5°, {sum(1 for x in a if x < 15)} below 15°."]
    if "pca" in latest and "linear-ae" in latest:
        out.append(f"Test MSE per pixel: PCA {latest['pca']['test_mse_per_pixel']:.5f}, linear AE "
                   f"{latest['linear-ae']['test_mse_per_pixel']:.5f}.")

if sae:
    t, s = sae["test"], sae["settings"]
    out += ["", "## Sparse autoencoder on the quickstart encoder's activations", "",
            f"`selfsup sae` on a quickstart run (SimCLR ConvNet; {sae['layer']}): {s['features']} features "
            f"({s['expansion']}× expansion), L1 {s['l1']}, {s['epochs']} epochs, batch {s['batch_size']}, lr {s['lr']}.", "",
            "| set | fraction of variance unexplained | L0 (active features per image) | dead features |", "|---|---|---|---|",
            f"| train | {sae['train']['fraction_of_variance_unexplained']:.4f} | {sae['train']['l0']:.2f} | {sae['train']['dead_features']} |",
            f"| test | {t['fraction_of_variance_unexplained']:.4f} | {t['l0']:.2f} | {t['dead_features']} |", "",
            "![top activations](figures/sae-top-activations.png)", "",
            "Each row is one feature (16 drawn at random among those active on at least 8 test images); the "
            "columns are its 8 most activating test images."]

machine = next((r["machine"] for r in reversed(rows) if "machine" in r), "")
out += ["", f"Machine: {machine}. The rows come from three passes of the script on this machine; while the "
        "second (sparse-l1 to hashing) ran, a test suite ran beside it at low priority, so those wall times are "
        "pessimistic. The 1,024-d probe of `sparse-l1` takes most of its time.", ""]
open(sys.argv[2], "w").write("\n".join(out))
print("\n".join(out))
