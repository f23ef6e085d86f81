"""Helpers of eval/bench-mae.sh.
  mae_table.py --speed RUN_DIR          -> median images/s of the run's steps 4 onwards
  mae_table.py --table JSONL MACHINE    -> eval/results/mae.md on stdout (latest row of each recipe and budget;
                                           a row's optional "note" becomes a footnote)"""
import json, os, statistics, sys

if sys.argv[1] == "--speed":
    steps = [json.loads(l) for l in open(os.path.join(sys.argv[2], "metrics.jsonl")) if '"loss"' in l]
    print(round(statistics.median(s["images_per_sec"] for s in steps[3:]), 1))
    sys.exit(0)

rows, machine = sys.argv[2], sys.argv[3]
latest = {}
for line in open(rows):
    if line.strip():
        r = json.loads(line)
        latest[(r["backbone"], r["budget_s"])] = r
what = {"vit-random-init": ("none (1 step)", "ViT p4 d6 w192 (mean of tokens)"),
        "mae-fashion-mnist": ("MAE", "ViT p4 d6 w192 (mean of tokens) + decoder d2 w128"),
        "vit-fashion-mnist": ("SimCLR", "ViT p4 d6 w192 (CLS)"),
        "simclr-grayscale-fashion-mnist": ("SimCLR", "ConvNet [32, 64, 128]")}
print("# MAE beside SimCLR at equal pretraining time\n")
print("Command: `eval/bench-mae.sh [BUDGET_S] [RECIPE...]`. Fashion-MNIST 60k/10k, batch 256, seed 0. Each recipe")
print("first trains 25 steps to measure its speed (median images/s of steps 4-25); the budget then buys")
print("`budget × speed / 256` steps (warm-up 10 % of them, then cosine), followed by the standard probe")
print("(linear probe with the L2 strength chosen on a validation split, weighted kNN k = 200, T = 0.1).")
print("Images/s counts source images (SimCLR makes 2 views of each). Train time is the sum of the logged step times.\n")
print("| recipe | method | encoder | images/s | budget | steps | epochs | train time | loss first → last | linear probe | kNN |")
print("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|")
notes = []
for (name, budget), r in sorted(latest.items(), key=lambda kv: (kv[0][1], list(what).index(kv[0][0]))):
    method, enc = what[name]
    mark = ""
    if r.get("note"):
        notes.append(r["note"])
        mark = "\\*" * len(notes)
    speed = f"{r['speed_images_per_s']:.0f}" if r["speed_images_per_s"] else "–"
    budget = f"{r['budget_s']} s" if r["budget_s"] else "–"
    print(f"| `{name}`{mark} | {method} | {enc} | {speed} | {budget} | {r['steps']} | "
          f"{r['steps'] * 256 / 60000:.1f} | {r['train_s']} s | {r['first_loss']:.3f} → {r['final_loss']:.3f} | "
          f"{r['linear_probe_top1'] * 100:.2f} % | {r['knn_top1'] * 100:.2f} % |")
for i, n in enumerate(notes):
    print(f"\n{(chr(92) + '*') * (i + 1)} {n}")
print(f"\nMachine: {machine}.")
