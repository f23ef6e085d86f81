#!/usr/bin/env bash
# Benchmark: every loss recipe at equal compute (same ConvNet, batch 256, 2 views, EPOCHS epochs each,
# default 5), each followed by the standard probe (linear probe + weighted kNN on the full 60k/10k).
# Usage: eval/bench-recipes.sh [EPOCHS] [RECIPE-NAME...]   Writes eval/results/recipes.md (appending
# rows to the runs recorded so far in eval/results/recipes.jsonl).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${1:-5}"; shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(simclr moco hcl supcon triplet-batch-hard npairs siamese)
out="$(mktemp -d)"
"$root/scripts/selfsup" --version >/dev/null   # build first, so the timing covers the runs only
for n in "${names[@]}"; do
  recipe="$root/recipes/$n-fashion-mnist.yaml"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out/maxrss" "$root/scripts/selfsup" pretrain "$recipe" --out "$out/runs" \
    --set train.epochs="$epochs" >"$out/stdout" 2>"$out/stderr"
  end=$(date +%s.%N)
  python3 - "$n" "$(tail -n 1 "$out/stdout")" "$start" "$end" "$out/maxrss" "$epochs" \
    >>"$root/eval/results/recipes.jsonl" <<'PY'
import json, sys, statistics, os
name, run, start, end, maxrss, epochs = sys.argv[1:7]
probe = json.load(open(os.path.join(run, "probe.json")))
steps = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"loss"' in l]
prov = json.load(open(os.path.join(run, "provenance.json")))
recipe = open(os.path.join(run, "resolved-recipe.yaml")).read()
print(json.dumps({"recipe": name, "epochs": int(epochs), "steps": len(steps),
    "linear_probe_top1": probe["linear_probe"]["top1"], "knn_top1": probe["knn"]["top1"],
    "wall_s": round(float(end) - float(start)), "images_per_sec": round(statistics.median(s["images_per_sec"] for s in steps[20:])),
    "first_loss": steps[0]["loss"], "final_loss": steps[-1]["loss"],
    "rss_mb_step100": next((s["rss_mb"] for s in steps if s["step"] == 100), None), "rss_mb_last": steps[-1]["rss_mb"],
    "peak_rss_mb": round(int(open(maxrss).read().split()[-1]) / 1024),
    "machine": f"{prov['available_processors']} cores, Java {prov['java_version']}, DJL {prov['djl_version']}, "
               f"PyTorch {prov['engine_version']}, {prov['device']}",
    "labels": "metric" in recipe.split("method:")[1].split("augment:")[0]}))
PY
  tail -n 1 "$root/eval/results/recipes.jsonl"
done
python3 - "$root/eval/results/recipes.jsonl" "$root/eval/results/recipes.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
latest = {}
for r in rows:
    latest[(r["recipe"], r["epochs"])] = r
with open(sys.argv[2], "w") as f:
    f.write("# Loss recipes at equal compute\n\n")
    f.write("Each recipe in `recipes/` run by `eval/bench-recipes.sh EPOCHS` with `--set train.epochs=EPOCHS`: "
            "same ConvNet [32, 64, 128] + MLP head, batch 256, 2 views, Adam 2e-3 with warm-up + cosine, seed 0; "
            "then the standard probe on frozen f(x) (L-BFGS linear probe, weighted kNN k=200 T=0.1, full 60k/10k). "
            "Rows marked *labels* are supervised (they see class labels during pretraining).\n\n")
    f.write("| recipe | labels | epochs | linear probe | kNN | wall time | train images/s (median) | loss first → last | RSS step 100 → last | peak RSS |\n")
    f.write("|---|---|---|---|---|---|---|---|---|---|\n")
    for r in sorted(latest.values(), key=lambda r: (r["epochs"], r["labels"], -r["linear_probe_top1"])):
        f.write(f"| {r['recipe']} | {'yes' if r['labels'] else 'no'} | {r['epochs']} | {r['linear_probe_top1']*100:.2f} % | "
                f"{r['knn_top1']*100:.2f} % | {r['wall_s']} s | {r['images_per_sec']} | {r['first_loss']:.3f} → {r['final_loss']:.3f} | "
                f"{r['rss_mb_step100']} → {r['rss_mb_last']} MiB | {r['peak_rss_mb']} MiB |\n")
    f.write(f"\nMachine: {rows[-1]['machine']}. Wall time includes the probe (~60 s).\n")
print(open(sys.argv[2]).read())
PY
