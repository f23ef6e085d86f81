#!/usr/bin/env python3
"""Kill/resume trials: SIGKILL real `selfsup pretrain` runs at random moments, resume them (killing some
resumes again), and check that every finished run has exactly the losses of an uninterrupted run.

Usage: python3 eval/bench_resume.py [TRIALS] [RECIPE-NAME]   (defaults: 10, moco-fashion-mnist)
Writes eval/results/resume.md. Settings: 2,048 images, batch 64, 2 epochs (64 steps), a training
state every 8 steps, no probe. Kill moments are drawn uniformly over the run's measured duration from
a fixed seed; a trial kills the first run and, with probability 1/2, its first resume too.
"""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELFSUP = ROOT / "scripts" / "selfsup"
SETTINGS = ["--set", "data.limit=2048", "--set", "train.batch_size=64", "--set", "train.epochs=2",
            "--set", "train.state_every_steps=8", "--set", "eval=false", "--device", "cpu"]


def losses(run):
    out = []
    for line in open(run / "metrics.jsonl"):
        n = json.loads(line)
        if "loss" in n:
            assert n["step"] == len(out), f"{run}: step {n['step']} out of order"
            out.append(n["loss"])
    return out


def states(run):
    d = run / "checkpoints"
    names = sorted(p.name for p in d.glob("state-*.bin")) if d.is_dir() else []
    tmp = sorted(p.name for p in d.glob(".*.tmp")) if d.is_dir() else []
    return names, tmp


def start(args, log):
    return subprocess.Popen([str(SELFSUP)] + args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def kill_after(proc, seconds):
    """SIGKILLs the whole process group (the launcher execs java) after `seconds`, unless it ended."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    name = sys.argv[2] if len(sys.argv) > 2 else "moco-fashion-mnist"
    recipe = ROOT / "recipes" / f"{name}.yaml"
    subprocess.run([str(SELFSUP), "--version"], check=True, capture_output=True)  # build first
    work = Path(tempfile.mkdtemp())
    rng = random.Random(2026)

    t0 = time.time()
    with open(work / "straight.log", "w") as log:
        subprocess.run([str(SELFSUP), "pretrain", str(recipe), *SETTINGS, "--out", str(work / "straight")],
                       stdout=log, stderr=subprocess.STDOUT, check=True)
    duration = time.time() - t0
    straight = next((work / "straight").iterdir())
    expected = losses(straight)

    rows = []
    for t in range(trials):
        out = work / f"trial-{t}"
        kills = []
        with open(work / f"trial-{t}.log", "w") as log:
            at = rng.uniform(2.0, duration)
            proc = start(["pretrain", str(recipe), *SETTINGS, "--out", str(out)], log)
            if kill_after(proc, at):
                kills.append(at)
            run = next(out.iterdir())
            resumes = 0
            while True:
                found, tmp = states(run)
                state = json.load(open(run / "run.json"))["state"]
                if state == "complete":
                    break
                kills_left = len(kills) < 2 and rng.random() < 0.5
                proc = start(["pretrain", "--resume", str(run)], log)
                resumes += 1
                if kills_left:
                    at2 = rng.uniform(1.0, duration / 2)
                    if kill_after(proc, at2):
                        kills.append(at2)
                        continue
                if proc.wait() != 0:
                    break
        got = losses(run)
        ok = got == expected
        rows.append((t, ", ".join(f"{k:.1f} s" for k in kills) or "none", resumes,
                     json.load(open(run / "run.json"))["state"], len(got), "identical" if ok else "DIFFERENT"))
        print(rows[-1], flush=True)

    res = ROOT / "eval" / "results" / "resume.md"
    with open(res, "w") as f:
        f.write("# Kill/resume trials\n\n")
        f.write(f"`python3 eval/bench_resume.py {trials} {name}`: recipe `{name}` with `{' '.join(SETTINGS)}` "
                f"({len(expected)} steps, a training state every 8 steps). Each trial starts a real `selfsup pretrain`, "
                "sends SIGKILL to it at a random moment (uniform over the uninterrupted run's "
                f"{duration:.0f} s, which includes JVM start and data loading), then runs `selfsup pretrain --resume` "
                "until the run is complete; half of the first resumes are killed again. The finished run's "
                "`metrics.jsonl` losses are compared, bit for bit, with those of the uninterrupted run.\n\n")
        f.write("| trial | SIGKILL after | resumes | final state | steps logged | losses vs uninterrupted |\n")
        f.write("|---|---|---|---|---|---|\n")
        for r in rows:
            f.write("| " + " | ".join(str(x) for x in r) + " |\n")
        same = sum(1 for r in rows if r[5] == "identical")
        f.write(f"\n{same} of {len(rows)} trials finished with losses identical to the uninterrupted run's "
                f"({sum(len(r[1].split(', ')) for r in rows if r[1] != 'none')} kills in all). Machine: "
                f"{os.cpu_count()} cores, CPU.\n")
    print(open(res).read())


if __name__ == "__main__":
    main()
