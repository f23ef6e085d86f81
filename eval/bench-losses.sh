#!/usr/bin/env bash
# Benchmark: forward + backward time and peak native memory of every loss for 256 to 4,096 rows of
# 128-d unit embeddings (org.selfsup4j.bench.LossBenchmark). Writes eval/results/losses.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/selfsup" --version >/dev/null   # build first
lib="$root/modules/bench/target"
table="$(OPT_OUT_TRACKING=true DJL_OFFLINE=true java -Xmx2g -XX:MaxDirectMemorySize=256m -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_threads="$(nproc)" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$lib/selfsup-bench.jar:$lib/lib/*" org.selfsup4j.bench.LossBenchmark)"
{
  echo "# Loss benchmark"
  echo
  echo "Forward + backward time (median of 5 after a warm-up) and peak resident memory above the baseline,"
  echo "for B rows of 128-d unit embeddings; self-supervised losses see two views of B/2 instances,"
  echo "supervised ones 10 balanced classes. Command: \`eval/bench-losses.sh\`."
  echo "The MoCo row adds B keys, a 4,096-entry bank and MoCHi's 160 synthetic negatives per anchor."
  echo "Batch-all and semi-hard triplet mining enumerate N³ triplets and are capped at 512 rows."
  echo
  echo "$table"
  echo
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), DJL 0.35.1, PyTorch 2.7.1 CPU, $(date -u +%Y-%m-%d)."
} > "$root/eval/results/losses.md"
cat "$root/eval/results/losses.md"
