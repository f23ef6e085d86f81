#!/usr/bin/env python3
"""Compares two results files of one benchmark suite (NAME.jsonl) cell by cell: every recorded figure
(accuracies, retrieval and clustering metrics, steps, dimension) must be equal; timings, run folders,
commits and fingerprints are ignored. Prints a Markdown report and exits 1 on any difference.

Usage: python3 eval/compare_cells.py BEFORE.jsonl AFTER.jsonl [TITLE]
"""
import json
import sys

IGNORED = ("seconds", "run_dir", "commit", "finished", "fingerprint", "cores", "djl_version")


def cells(path):
    out = {}
    for line in open(path):
        if line.strip():
            m = json.loads(line)
            out[(m["label"], m["seed"])] = m
    return out


def flat(d, prefix=""):
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flat(v, prefix + k + "."))
        elif not any(s in k for s in IGNORED):
            out[prefix + k] = v
    return out


def main():
    before, after = cells(sys.argv[1]), cells(sys.argv[2])
    title = sys.argv[3] if len(sys.argv) > 3 else "Cell-by-cell comparison"
    rows, differences, compared = [], [], 0
    for key in sorted(set(before) | set(after)):
        if key not in before or key not in after:
            differences.append(f"{key}: only in {'after' if key in after else 'before'}")
            continue
        a, b = flat(before[key]), flat(after[key])
        keys = sorted(set(a) | set(b))
        diff = [k for k in keys if a.get(k) != b.get(k)]
        compared += len(keys)
        differences += [f"{key[0]} seed {key[1]}: {k} {a.get(k)} → {b.get(k)}" for k in diff]
        rows.append(f"| {key[0]} | {key[1]} | {a.get('linear_top1')} | {a.get('knn_top1')} | {len(keys)} | "
                    f"{'equal' if not diff else str(len(diff)) + ' differ'} |")
    print(f"# {title}\n")
    print(f"`python3 eval/compare_cells.py {sys.argv[1]} {sys.argv[2]}`\n")
    print("| cell | seed | linear top-1 | kNN top-1 | figures compared | result |\n|---|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    print(f"\n{len(before)} and {len(after)} cells, {compared} figures compared, {len(differences)} differences.")
    for d in differences:
        print(f"- {d}")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
