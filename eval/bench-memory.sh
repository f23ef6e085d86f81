#!/usr/bin/env bash
# Benchmark: native memory stays flat over thousands of training steps (every step in its own NDManager
# scope). Runs 2,000+ steps of a recipe (default quickstart) at batch 64 and records the process RSS from
# metrics.jsonl. Usage: eval/bench-memory.sh [STEPS] [RECIPE-NAME] [--set KEY=VALUE]...
# The JVM heap is fixed and pre-touched (resident from the start), so any RSS growth is native memory.
# Writes eval/results/memory.md (quickstart) or eval/results/memory-RECIPE-NAME.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
steps="${1:-3000}"
name="${2:-quickstart}"
shift 2 || shift $#
recipe="$root/recipes/$name.yaml"
dest="$root/eval/results/memory.md"
[ "$name" = quickstart ] || dest="$root/eval/results/memory-$name.md"
SELFSUP_JAVA_OPTS="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:MaxDirectMemorySize=256m" \
  "$root/scripts/selfsup" pretrain "$recipe" --out "$out/runs" --set eval=false \
  --set train.batch_size=64 --set train.epochs=10 --set train.max_steps="$steps" --set train.checkpoint_every_epoch=false "$@" \
  >"$out/stdout" 2>"$out/stderr"
run="$(tail -n 1 "$out/stdout")"
python3 - "$run" "$dest" "$name" "$*" <<'PY'
import json, sys, os
run, dest, name, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
steps = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"loss"' in l]
rss = {s["step"] + 1: s["rss_mb"] for s in steps}
marks = [m for m in (10, 100, 500, 1000, 2000, 3000, 5000) if m in rss]
with open(dest, "w") as f:
    f.write("# Memory over a long run\n\n")
    f.write(f"`eval/bench-memory.sh {len(steps)} {name}{' ' + extra if extra else ''}`: recipe `{name}`, batch 64, {len(steps)} steps, CPU, JVM heap fixed "
            "at 1 GiB and pre-touched (`-Xms1g -Xmx1g -XX:+AlwaysPreTouch`), direct memory capped at 256 MiB as the "
            "launcher does. Process RSS (MiB) (`VmRSS`) after the step, as logged in "
            "`metrics.jsonl`: with the heap resident from the start, RSS growth is native memory.\n\n")
    f.write("| step | RSS (MiB) |\n|---|---|\n")
    for m in marks:
        f.write(f"| {m} | {rss[m]:.0f} |\n")
    later = [rss[s] for s in rss if s >= 100]
    n = len(steps)
    f.write(f"\nFrom step 100 to step {n}: RSS min {min(later):.0f} MiB, max {max(later):.0f} MiB, "
            f"growth {rss[n] - rss[100]:+.0f} MiB.\n")
    if 1000 in rss:
        f.write(f"From step 1,000 to step {n}: growth {rss[n] - rss[1000]:+.0f} MiB.\n")
print(open(dest).read())
PY
