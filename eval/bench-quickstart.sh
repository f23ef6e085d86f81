#!/usr/bin/env bash
# Benchmark: the README's main command (quickstart pretraining + probe), timed end to end.
# Writes eval/results/quickstart.md with wall time, both accuracies, pretraining images/s and peak RSS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
"$root/scripts/selfsup" --version >/dev/null   # build first, so the timing covers the run only
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$out/maxrss" "$root/scripts/selfsup" pretrain "$root/recipes/quickstart.yaml" --out "$out/runs" \
  >"$out/stdout" 2>"$out/stderr"
end=$(date +%s.%N)
run="$(tail -n 1 "$out/stdout")"
python3 - "$run" "$start" "$end" "$out/maxrss" "$root/eval/results/quickstart.md" <<'PY'
import json, sys, statistics, platform, os
run, start, end, maxrss, dest = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
probe = json.load(open(os.path.join(run, "probe.json")))
steps = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl")) if '"loss"' in l]
rate = statistics.mean(s["images_per_sec"] for s in steps[20:])
wait = statistics.mean(s["data_wait_ms"] for s in steps[20:])
prov = json.load(open(os.path.join(run, "provenance.json")))
with open(dest, "w") as f:
    f.write("# Quickstart benchmark\n\n")
    f.write("Command: `scripts/selfsup pretrain recipes/quickstart.yaml` (pretraining + linear probe + kNN), "
            "measured by `eval/bench-quickstart.sh`.\n\n")
    f.write("| figure | value |\n|---|---|\n")
    f.write(f"| wall time, end to end | {end - start:.0f} s |\n")
    f.write(f"| linear probe top-1 (test) | {probe['linear_probe']['top1']*100:.2f} % |\n")
    f.write(f"| weighted kNN top-1 (k={probe['knn']['k']}, T={probe['knn']['temperature']}) | {probe['knn']['top1']*100:.2f} % |\n")
    f.write(f"| pretraining steps | {len(steps)} (batch 256, 2 views) |\n")
    f.write(f"| pretraining images/s (mean over steps 20+) | {rate:.0f} ({2*rate:.0f} views/s) |\n")
    f.write(f"| mean wait for data per step | {wait:.2f} ms |\n")
    f.write(f"| final loss | {steps[-1]['loss']:.4f} |\n")
    f.write(f"| peak RSS | {int(open(maxrss).read().split()[-1])/1024:.0f} MiB |\n")
    f.write(f"| probe time | {probe['seconds']} s (after feature extraction) |\n\n")
    f.write(f"Machine: {prov['available_processors']} cores, {prov['os']}, Java {prov['java_version']}, "
            f"DJL {prov['djl_version']}, PyTorch {prov['engine_version']}, device {prov['device']}, "
            f"{prov['engine_threads']} intra-op threads.\n")
print(open(dest).read())
PY
