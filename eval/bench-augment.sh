#!/usr/bin/env bash
# Benchmark: the augmentation pipelines on real Fashion-MNIST batches of 256 (views/s, ms per batch),
# beside torchvision's transforms with the same ops and parameters (per image, as torchvision is used),
# and the share of a pretraining step spent waiting on data or augmenting (simclr-grayscale recipe,
# 150 steps). Usage: eval/bench-augment.sh   Writes eval/results/augment.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/selfsup" --version >/dev/null   # build first
lib="$root/modules/bench/target"
data=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
ours="$(OPT_OUT_TRACKING=true DJL_OFFLINE=true java -Xmx2g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$(nproc)" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$lib/selfsup-bench.jar:$lib/lib/*" org.selfsup4j.bench.AugmentBenchmark)"
if /usr/bin/python3 -c "import torchvision" 2>/dev/null && [ -f "$data" ]; then
  twin="$(OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/eval/augment_twin.py" "$data")"
else
  twin="(not measured: needs python3-torchvision and dataset-fashion-mnist)"
fi
out="$(mktemp -d)"
"$root/scripts/selfsup" pretrain "$root/recipes/simclr-grayscale-fashion-mnist.yaml" --out "$out" \
  --set train.max_steps=150 --set eval=false >"$out/stdout" 2>/dev/null
run="$(tail -n 1 "$out/stdout")"
aug_ms="$(echo "$ours" | awk -F'|' '/grayscale preset \(Fashion/ {gsub(/ /, "", $5); print $5}')"
share="$(python3 - "$run/metrics.jsonl" "$aug_ms" <<'PY'
import json, statistics, sys
steps = [json.loads(l) for l in open(sys.argv[1]) if '"loss"' in l][20:]
step_ms = statistics.median(256 / s["images_per_sec"] * 1e3 for s in steps)
wait = statistics.mean(s["data_wait_ms"] for s in steps)
aug = float(sys.argv[2])
print(f"| {len(steps)} | {step_ms:.0f} | {wait:.2f} ({100 * wait / step_ms:.2f} %) | {aug:.1f} ({100 * aug / step_ms:.0f} %) |")
PY
)"
{
  echo "# Augmentation benchmark"
  echo
  echo "Command: \`eval/bench-augment.sh\`. Real Fashion-MNIST batches of 256 images, each view of each image"
  echo "with its own random parameters; the time includes the upload from host memory. selfsup4j runs"
  echo "each pipeline on the whole batch as NDArray operations (PyTorch CPU, $(nproc) threads); the"
  echo "torchvision twin applies the same transforms and parameters to each image tensor, as a torchvision"
  echo "Dataset does (one process, one thread; a DataLoader with W workers divides its time by about W"
  echo "at the cost of W processes)."
  echo
  echo "## selfsup4j"
  echo
  echo "$ours"
  echo
  echo "## torchvision twin"
  echo
  echo "$twin"
  echo
  echo "## Share of a pretraining step"
  echo
  echo "\`simclr-grayscale-fashion-mnist\` for 150 steps (batch 256, 2 views, ConvNet), steps 20-150."
  echo "Data wait: the time the step waits for the prefetching loader (mean). Augmenting runs on the"
  echo "training device inside the step; its cost is the grayscale row above."
  echo
  echo "| steps | step ms (median) | data wait ms (share) | augmentation ms (share) |"
  echo "|---:|---:|---:|---:|"
  echo "$share"
  echo
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), DJL 0.35.1, PyTorch 2.7.1 CPU, $(date -u +%Y-%m-%d)."
} > "$root/eval/results/augment.md"
rm -rf "$out"
cat "$root/eval/results/augment.md"
