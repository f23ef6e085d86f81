#!/usr/bin/env bash
# Benchmark: Fashion-MNIST written as a PNG image folder (eval/fashion_png.py) read by selfsup4j — the
# first load (parallel decode into the decoded cache), later loads and epochs of batches from the mapped
# cache beside the IDX twin — and by torchvision's ImageFolder + PIL in a DataLoader (the Debian
# python3-torchvision twin); then pretraining images/s from the cache against the IDX path (quickstart,
# 120 steps, alternating, 3 rounds each). Usage: eval/bench-data.sh   Writes eval/results/data-bench.md
# (docs: eval/results/data.md). Run it alone on the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/selfsup" --version >/dev/null   # build first
lib="$root/modules/bench/target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
png="$work/fashion-png"
/usr/bin/python3 "$root/eval/fashion_png.py" "$png" >/dev/null
ours="$(OPT_OUT_TRACKING=true java -Xmx2g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$lib/selfsup-bench.jar:$lib/lib/*" \
  org.selfsup4j.bench.DataBenchmark "$png" 1 2>/dev/null)"
if /usr/bin/python3 -c "import torchvision" 2>/dev/null; then
  twin="$(OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/eval/folder_twin.py" "$png/train")"
else
  twin="| (not measured: needs python3-torchvision) | | |"
fi
# pretraining from the cache (its own, fresh) and from IDX, alternating
export XDG_CACHE_HOME="$work/cache"
folder=(--set data.dataset=image_folder --set "data.path=$png" --set data.channels=1)
"$root/scripts/selfsup" data inspect image_folder:"$png" --set channels=1 >/dev/null 2>&1   # decode once, untimed
rate() {  # median img/s of steps 20..120 of a run's metrics.jsonl
  python3 - "$1/metrics.jsonl" <<'PY'
import json, statistics, sys
steps = [json.loads(l) for l in open(sys.argv[1]) if '"loss"' in l][20:]
print(f"{statistics.median(s['images_per_sec'] for s in steps):.0f}")
PY
}
rows=""
for round in 1 2 3; do
  for source in idx cache; do
    args=(); [ "$source" = cache ] && args=("${folder[@]}")
    "$root/scripts/selfsup" pretrain "$root/recipes/quickstart.yaml" --out "$work/runs" --set train.max_steps=120 \
      --set eval=false "${args[@]}" >"$work/stdout" 2>/dev/null
    rows+="| $source | $round | $(rate "$(tail -n 1 "$work/stdout")") |"$'\n'
  done
done
{
  echo "# Reading your own data: decoding and throughput"
  echo
  echo "Command: \`eval/bench-data.sh\`. Fashion-MNIST written as a PNG image folder by"
  echo "\`eval/fashion_png.py\` (70,000 8-bit grey PNGs, \`train/<class>/NNNNN.png\`, \`test/…\`), read as"
  echo "\`data.dataset: image_folder\` with \`channels: 1\`."
  echo
  echo "## Decoding and reading"
  echo
  echo "selfsup4j decodes once (ImageIO, a parallel stream on $(nproc) cores) into the decoded cache and"
  echo "memory-maps it afterwards; an epoch is batches of 256 in random order copied to floats with"
  echo "\`ImageSet.fill\`, as training reads them. torchvision has no decoded cache: each epoch decodes every"
  echo "PNG again (PIL, \`Grayscale\`, \`ToTensor\`), so its row is its cost per epoch. The last rows decode"
  echo "to RGB resized (shorter side) and centre-cropped to 64×64: selfsup4j's triangle filter, torchvision's"
  echo "\`Resize(64)\` + \`CenterCrop(64)\` (antialiased bilinear)."
  echo
  echo "| what | time | throughput |"
  echo "|---|---:|---:|"
  echo "$ours"
  echo "$twin"
  echo
  echo "## Pretraining from the cache and from IDX"
  echo
  echo "\`recipes/quickstart.yaml\` for 120 steps (batch 256, 2 views, ConvNet), median images/s of steps"
  echo "20-120 from \`metrics.jsonl\`; the image-folder run reads the mapped cache, the IDX run the heap."
  echo
  echo "| source | round | images/s |"
  echo "|---|---:|---:|"
  echo -n "$rows"
  echo
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), DJL 0.35.1, PyTorch 2.7.1 CPU, $(date -u +%Y-%m-%d)."
} > "$root/eval/results/data-bench.md"
cat "$root/eval/results/data-bench.md"
