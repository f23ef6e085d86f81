#!/usr/bin/env bash
# Benchmark: every backbone's parameter count and forward+backward images/s at batch 256 on 1x28x28
# (org.selfsup4j.bench.EncoderBenchmark), then the linear probe and kNN each reaches with the
# simclr-grayscale recipe at equal pretraining time: BUDGET seconds (default 240), turned into a step
# count from the measured speed (2 views per image, +15 % for augmentation and the loss), warm-up 10 %.
# Usage: eval/bench-encoders.sh [BUDGET_S] [BACKBONE...]   (backbones: mlp convnet resnet18 vit)
# Appends one line per backbone run to eval/results/encoders.jsonl and writes eval/results/encoders.md
# (the speed table of this invocation, and the latest probe row of each backbone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-240}"; shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(mlp convnet resnet18 vit)
"$root/scripts/selfsup" --version >/dev/null   # build first
lib="$root/modules/bench/target"
bench="$(OPT_OUT_TRACKING=true DJL_OFFLINE=true java -Xmx3g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$(nproc)" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$lib/selfsup-bench.jar:$lib/lib/*" org.selfsup4j.bench.EncoderBenchmark)"
echo "$bench" | grep '^|' > "$root/eval/results/encoders-speed.md"
ms="$(echo "$bench" | grep '^ms_per_batch')"
declare -A enc=(
  [mlp]="{type: mlp, widths: [512, 256]}"
  [convnet]="{type: convnet, channels: [32, 64, 128]}"
  [resnet18]="{type: resnet, depth: 18, width: 64, stem: small}"
  [vit]="{type: vit, patch: 4, depth: 6, width: 192, heads: 3, pooling: cls}")
out="$(mktemp -d)"
for name in "${names[@]}"; do
  per_batch="$(echo "$ms" | tr ' ' '\n' | awk -F= -v n="$name" '$1 == n {print $2}')"
  steps="$(python3 -c "print(max(1, int($budget * 1000 / (2 * $per_batch * 1.15))))")"
  warmup="$(python3 -c "print(round(max(1, $steps // 10) / 234, 4))")"
  "$root/scripts/selfsup" pretrain "$root/recipes/simclr-grayscale-fashion-mnist.yaml" --out "$out" \
    --set "model.encoder=${enc[$name]}" --set train.max_steps="$steps" --set optimizer.warmup_epochs="$warmup" \
    --set train.checkpoint_every_epoch=false >"$out/stdout" 2>"$out/stderr"
  python3 "$root/eval/encoder_row.py" "$(tail -n 1 "$out/stdout")" "$name" "$budget" >> "$root/eval/results/encoders.jsonl"
  tail -n 1 "$root/eval/results/encoders.jsonl"
done
rm -rf "$out"
python3 "$root/eval/encoder_row.py" --table "$root/eval/results/encoders.jsonl" "$root/eval/results/encoders-speed.md" \
  "$(nproc) cores, $(java -version 2>&1 | head -1), DJL 0.35.1, PyTorch 2.7.1 CPU, $(date -u +%Y-%m-%d)" \
  > "$root/eval/results/encoders.md"
cat "$root/eval/results/encoders.md"
