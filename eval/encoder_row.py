"""Helpers of eval/bench-encoders.sh.
  encoder_row.py RUN_DIR NAME BUDGET         -> one JSON line describing a finished run
  encoder_row.py --table JSONL SPEED_MD MACHINE -> eval/results/encoders.md on stdout"""
import json, os, sys

if sys.argv[1] != "--table":
    run, name, budget = sys.argv[1:4]
    probe = json.load(open(os.path.join(run, "probe.json")))
    steps = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"loss"' in l]
    print(json.dumps({"backbone": name, "budget_s": int(budget), "steps": len(steps),
                      "train_s": round(sum(256 / s["images_per_sec"] for s in steps)),
                      "first_loss": steps[0]["loss"], "final_loss": steps[-1]["loss"],
                      "linear_probe_top1": probe["linear_probe"]["top1"], "knn_top1": probe["knn"]["top1"],
                      "probe_s": round(probe["seconds"])}))
    sys.exit(0)

rows, speed, machine = sys.argv[2], sys.argv[3], sys.argv[4]
latest = {}
for line in open(rows):
    if line.strip():
        r = json.loads(line)
        latest[r["backbone"]] = r
print("# Backbones\n")
print("Command: `eval/bench-encoders.sh [BUDGET_S] [BACKBONE...]`. Inputs 1×28×28 (Fashion-MNIST), CPU.\n")
print("## Size and speed\n")
print("Trainable parameters of the backbone alone (no head, no BatchNorm running statistics), and forward +")
print("backward through backbone, SimCLR head (256 → 128) and L2 normalisation at batch 256 (median of 3).\n")
print("| backbone | spec | parameters | feature dim | forward+backward images/s | ms per batch of 256 |")
print("|---|---|---:|---:|---:|---:|")
print(open(speed).read().split("\n", 2)[2].rstrip())
print("\n## Linear probe at equal pretraining time\n")
print("`recipes/simclr-grayscale-fashion-mnist.yaml` with only `model.encoder` changed, for the number of steps")
print("that the budget buys at the measured speed (batch 256, 2 views; warm-up 10 % of the steps, then cosine;")
print("at most the recipe's 20 epochs), then the standard probe on the full 60k/10k. Train time is the sum of")
print("the step times as the run logged them.\n")
print("| backbone | budget | steps | train time | loss first → last | linear probe | kNN | probe time |")
print("|---|---:|---:|---:|---|---:|---:|---:|")
for name in ["mlp", "convnet", "resnet18", "vit"]:
    if name in latest:
        r = latest[name]
        print(f"| {name} | {r['budget_s']} s | {r['steps']} | {r['train_s']} s | {r['first_loss']:.3f} → {r['final_loss']:.3f} | "
              f"{r['linear_probe_top1'] * 100:.2f} % | {r['knn_top1'] * 100:.2f} % | {r['probe_s']} s |")
print(f"\nMachine: {machine}.")
