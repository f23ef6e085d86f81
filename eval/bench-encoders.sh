#!/usr/bin/env bash
# Benchmark: every backbone's parameter count and forward+backward images/s at batch 256 on 1x28x28
# (org.selfsup4j.cli.EncoderBenchmark), then the linear probe and kNN each reaches with the
# simclr-grayscale recipe at equal pretraining time: BUDGET seconds (default 240), turned into a step
# count from the measured speed (2 views per image, +15 % for augmentation and the loss), warm-up 10 %.
# Usage: eval/bench-encoders.sh [BUDGET_S]   Writes eval/results/encoders.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-240}"
"$root/scripts/selfsup" --version >/dev/null   # build first
lib="$root/modules/cli/target"
bench="$(OPT_OUT_TRACKING=true DJL_OFFLINE=true java -Xmx3g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$(nproc)" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$lib/selfsup.jar:$lib/lib/*" org.selfsup4j.cli.EncoderBenchmark)"
table="$(echo "$bench" | grep '^|')"
ms="$(echo "$bench" | grep '^ms_per_batch')"
declare -A enc=(
  [mlp]="{type: mlp, widths: [512, 256]}"
  [convnet]="{type: convnet, channels: [32, 64, 128]}"
  [resnet18]="{type: resnet, depth: 18, width: 64, stem: small}"
  [vit]="{type: vit, patch: 4, depth: 6, width: 192, heads: 3, pooling: cls}")
out="$(mktemp -d)"
rows=""
for name in mlp convnet resnet18 vit; do
  per_batch="$(echo "$ms" | tr ' ' '\n' | awk -F= -v n="$name" '$1 == n {print $2}')"
  steps="$(python3 -c "print(max(1, int($budget * 1000 / (2 * $per_batch * 1.15))))")"
  warmup="$(python3 -c "print(round(max(1, $steps // 10) / 234, 4))")"
  "$root/scripts/selfsup" pretrain "$root/recipes/simclr-grayscale-fashion-mnist.yaml" --out "$out" \
    --set "model.encoder=${enc[$name]}" --set train.max_steps="$steps" --set optimizer.warmup_epochs="$warmup" \
    --set train.checkpoint_every_epoch=false >"$out/stdout" 2>"$out/stderr"
  run="$(tail -n 1 "$out/stdout")"
  row="$(python3 - "$run" "$name" "$steps" <<'PY'
import json, os, sys
run, name, steps = sys.argv[1:4]
probe = json.load(open(os.path.join(run, "probe.json")))
lines = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"loss"' in l]
train_s = sum(256 / l["images_per_sec"] for l in lines)
print(f"| {name} | {steps} | {train_s:.0f} s | {lines[0]['loss']:.3f} → {lines[-1]['loss']:.3f} | "
      f"{probe['linear_probe']['top1'] * 100:.2f} % | {probe['knn']['top1'] * 100:.2f} % | {probe['seconds']:.0f} s |")
PY
)"
  echo "$row"
  rows="$rows$row"$'\n'
done
{
  echo "# Backbones"
  echo
  echo "Command: \`eval/bench-encoders.sh $budget\`. Inputs 1×28×28 (Fashion-MNIST), 2 cores, CPU."
  echo
  echo "## Size and speed"
  echo
  echo "Trainable parameters of the backbone alone (no head, no BatchNorm running statistics), and forward +"
  echo "backward through backbone, SimCLR head (256 → 128) and L2 normalisation at batch 256 (median of 3)."
  echo
  echo "$table"
  echo
  echo "## Linear probe at equal pretraining time"
  echo
  echo "\`recipes/simclr-grayscale-fashion-mnist.yaml\` with only \`model.encoder\` changed, for the number of steps"
  echo "that ${budget} s of compute buys at the speed above (batch 256, 2 views; warm-up 10 % of the steps, then"
  echo "cosine), then the standard probe on the full 60k/10k. Train time is the sum of the step times."
  echo
  echo "| backbone | steps | train time | loss first → last | linear probe | kNN | probe time |"
  echo "|---|---:|---:|---|---:|---:|---:|"
  printf "%s" "$rows"
  echo
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), DJL 0.35.1, PyTorch 2.7.1 CPU, $(date -u +%Y-%m-%d)."
} > "$root/eval/results/encoders.md"
rm -rf "$out"
cat "$root/eval/results/encoders.md"
