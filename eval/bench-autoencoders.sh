#!/usr/bin/env bash
# Benchmark: the autoencoder family and the classical baselines on Fashion-MNIST, each recipe as shipped
# (full 60k train, its own epochs), then the standard probe (linear probe + weighted kNN on the full
# 60k/10k, the code as features) and the test reconstruction error; semantic hashing for the hashing
# recipe; principal angles between the linear AE and PCA; the SAE on the quickstart run's encoder.
# Usage: eval/bench-autoencoders.sh [RECIPE-NAME...]   (default: all)  Needs a quickstart run for the SAE:
#   QUICKSTART_RUN=runs/quickstart-... (skipped when unset).
# Appends rows to eval/results/autoencoders.jsonl and writes eval/results/autoencoders.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(pca kmeans kmeans-triangle ae dae sparse-l1 sparse-kl cae vae beta-vae psd linear-ae conv-ae hashing)
out="$(mktemp -d)"
jsonl="$root/eval/results/autoencoders.jsonl"
"$root/scripts/selfsup" --version >/dev/null   # build first, so the timing covers the runs only
for n in "${names[@]}"; do
  extra=()
  recipe="$root/recipes/$n-fashion-mnist.yaml"
  if [ "$n" = kmeans-triangle ]; then
    recipe="$root/recipes/kmeans-fashion-mnist.yaml"; extra=(--set model.encoder.encoding=triangle --set name=kmeans-triangle)
  fi
  start=$(date +%s.%N)
  "$root/scripts/selfsup" pretrain "$recipe" --out "$out/runs" "${extra[@]}" >"$out/stdout" 2>"$out/stderr"
  end=$(date +%s.%N)
  run="$(tail -n 1 "$out/stdout")"
  echo "$n $run"
  mkdir -p "$root/eval/results/figures"
  for f in "$run"/{reconstructions,samples,traversals,dictionary,components,centroids}.png; do
    [ -f "$f" ] && cp "$f" "$root/eval/results/figures/$n-$(basename "$f")"
  done
  [ "$n" = pca ] && echo "$run" >"$out/pca-run"
  [ "$n" = linear-ae ] && echo "$run" >"$out/linear-ae-run"
  python3 - "$n" "$run" "$start" "$end" >>"$jsonl" <<'PY'
import json, sys, os
name, run, start, end = sys.argv[1:5]
probe = json.load(open(os.path.join(run, "probe.json")))
rec = json.load(open(os.path.join(run, "reconstruction.json")))
lines = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl"))]
steps = [l for l in lines if "loss" in l]
prov = json.load(open(os.path.join(run, "provenance.json")))
row = {"recipe": name, "steps": len(steps), "linear_probe_top1": probe["linear_probe"]["top1"],
       "linear_probe_top5": probe["linear_probe"]["top5"], "knn_top1": probe["knn"]["top1"],
       "dim": probe["features"]["dim"], "test_mse_per_pixel": rec["mse_per_pixel"],
       "wall_s": round(float(end) - float(start)),
       "first_loss": steps[0]["loss"] if steps else None, "final_loss": steps[-1]["loss"] if steps else None,
       "machine": f"{prov['available_processors']} cores, Java {prov['java_version']}, DJL {prov['djl_version']}, "
                  f"PyTorch {prov['engine_version']}, {prov['device']}"}
fits = [l for l in lines if l.get("event") == "fit"]
if fits:
    row["fit_iterations"] = len(fits)
    if "explained_variance_ratio" in fits[-1]:
        row["explained_variance_ratio"] = fits[-1]["explained_variance_ratio"]
if "hashing" in probe:
    row["hashing"] = probe["hashing"]
print(json.dumps(row))
PY
  tail -n 1 "$jsonl"
done
if [ -f "$out/pca-run" ] && [ -f "$out/linear-ae-run" ]; then
  "$root/scripts/selfsup" subspace "$(cat "$out/pca-run")" "$(cat "$out/linear-ae-run")" >"$out/angles"
  python3 - "$out/angles" >>"$jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().split()
angles = [float(a) for a in lines[0].split("=")[1].split(",")]
print(json.dumps({"subspace": "linear-ae vs pca", "angles_deg": angles}))
PY
  tail -n 1 "$jsonl" | cut -c1-200
fi
if [ -n "${QUICKSTART_RUN:-}" ]; then
  "$root/scripts/selfsup" sae "$QUICKSTART_RUN" --out "$out/sae" >"$out/sae.out" 2>"$out/sae.err"
  cp "$out/sae/top-activations.png" "$root/eval/results/figures/sae-top-activations.png"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["row"]="sae"; print(json.dumps(r))' "$out/sae/sae.json" >>"$jsonl"
  tail -n 1 "$jsonl" | cut -c1-200
fi
python3 "$root/eval/autoencoder_table.py" "$jsonl" "$root/eval/results/autoencoders.md"
