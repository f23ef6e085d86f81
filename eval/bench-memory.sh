#!/usr/bin/env bash
# Benchmark: native memory stays flat over thousands of training steps (every step in its own NDManager
# scope). Runs 2,000+ quickstart steps at batch 64 and records the process RSS from metrics.jsonl.
# Writes eval/results/memory.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
steps="${1:-3000}"
"$root/scripts/selfsup" pretrain "$root/recipes/quickstart.yaml" --out "$out/runs" --set eval=false \
  --set train.batch_size=64 --set train.epochs=10 --set train.max_steps="$steps" --set train.checkpoint_every_epoch=false \
  >"$out/stdout" 2>"$out/stderr"
run="$(tail -n 1 "$out/stdout")"
python3 - "$run" "$root/eval/results/memory.md" <<'PY'
import json, sys, os
run, dest = sys.argv[1], sys.argv[2]
steps = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"loss"' in l]
rss = {s["step"] + 1: s["rss_mb"] for s in steps}
marks = [m for m in (10, 100, 500, 1000, 2000, 3000, 5000) if m in rss]
with open(dest, "w") as f:
    f.write("# Memory over a long run\n\n")
    f.write(f"`eval/bench-memory.sh {len(steps)}`: quickstart recipe, batch 64, {len(steps)} steps, CPU. "
            "Process RSS (MiB) read from `/proc/self/statm` after the step, as logged in `metrics.jsonl`.\n\n")
    f.write("| step | RSS (MiB) |\n|---|---|\n")
    for m in marks:
        f.write(f"| {m} | {rss[m]:.0f} |\n")
    later = [rss[s] for s in rss if s >= 100]
    f.write(f"\nFrom step 100 to step {len(steps)}: min {min(later):.0f} MiB, max {max(later):.0f} MiB, "
            f"growth {rss[len(steps)] - rss[100]:+.0f} MiB.\n")
print(open(dest).read())
PY
