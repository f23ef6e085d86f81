#!/usr/bin/env bash
# Benchmark: MAE beside SimCLR at equal pretraining time on Fashion-MNIST.  For each recipe a 25-step
# run measures its pretraining speed (median images/s of steps 4-25, as the run logs it); the budget of
# BUDGET seconds (default 600) then becomes a step count (warm-up 10 % of the steps, then cosine) and the
# recipe trains that long and is probed (linear probe + weighted kNN on the full 60k/10k).
# Rows: mae-fashion-mnist (ViT p4/d6/w192 + 2-layer decoder), vit-fashion-mnist (SimCLR, the same ViT)
# and simclr-grayscale-fashion-mnist (SimCLR, the small ConvNet).  The extra name vit-random-init probes
# the MAE recipe's ViT after one step (a reference: features of an untrained ViT).
# Usage: eval/bench-mae.sh [BUDGET_S] [RECIPE...]   -> eval/results/mae.jsonl (appended), eval/results/mae.md
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-600}"; shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(mae-fashion-mnist vit-fashion-mnist simclr-grayscale-fashion-mnist)
"$root/scripts/selfsup" --version >/dev/null   # build first
out="$(mktemp -d)"
for name in "${names[@]}"; do
  recipe="$root/recipes/$name.yaml"
  if [ "$name" = vit-random-init ]; then
    recipe="$root/recipes/mae-fashion-mnist.yaml"; ips=0; steps=1
  else
    "$root/scripts/selfsup" pretrain "$recipe" --out "$out/speed" --set train.max_steps=25 --set eval=false \
      --set train.checkpoint_every_epoch=false >"$out/stdout" 2>"$out/stderr"
    ips="$(python3 "$root/eval/mae_table.py" --speed "$(tail -n 1 "$out/stdout")")"
    steps="$(python3 -c "print(max(1, int($budget * $ips / 256)))")"
  fi
  warmup="$(python3 -c "print(round(max(1, $steps // 10) / 234, 4))")"
  "$root/scripts/selfsup" pretrain "$recipe" --out "$out" --set train.max_steps="$steps" \
    --set optimizer.warmup_epochs="$warmup" --set train.checkpoint_every_epoch=false >"$out/stdout" 2>"$out/stderr"
  python3 "$root/eval/encoder_row.py" "$(tail -n 1 "$out/stdout")" "$name" "$budget" \
    | python3 -c "import json,sys; r=json.loads(sys.stdin.read()); r['speed_images_per_s']=$ips; print(json.dumps(r))" \
    >> "$root/eval/results/mae.jsonl"
  tail -n 1 "$root/eval/results/mae.jsonl"
done
rm -rf "$out"
python3 "$root/eval/mae_table.py" --table "$root/eval/results/mae.jsonl" \
  "$(nproc) cores, $(java -version 2>&1 | head -1), DJL 0.35.1, PyTorch 2.7.1 CPU, $(date -u +%Y-%m-%d)" \
  > "$root/eval/results/mae.md"
cat "$root/eval/results/mae.md"
