#!/usr/bin/env python3
"""Kill/resume trials: SIGKILL real `selfsup pretrain` runs at random moments, resume them (killing some
resumes again), and check that every finished run has exactly the losses of an uninterrupted run.

Usage: python3 eval/bench_resume.py [TRIALS] [RECIPE-NAME]   (defaults: 10, moco-fashion-mnist)
Writes eval/results/resume.md. Settings: 2,048 images, batch 64, 2 epochs (64 steps), a training
state every 8 steps, no probe. Each kill is planned from a fixed seed: either after a random number of
logged steps (0 = as soon as the run directory exists, during start-up) or, one time in three, the
moment a training-state file is being written (its temporary file exists). A trial kills the first run
and, with probability 1/2, its first resume too.
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


def logged_steps(run):
    try:
        return sum(1 for line in open(run / "metrics.jsonl") if '"loss"' in line)
    except OSError:
        return 0


def writing_state(run):
    d = run / "checkpoints"
    return d.is_dir() and any(d.glob(".state-*.bin.tmp"))


def plan(rng, steps):
    """A kill moment: ('steps', k) or ('writing', None)."""
    return ("writing", None) if rng.random() < 1 / 3 else ("steps", rng.randrange(0, steps))


def kill_when(proc, out, run, moment):
    """SIGKILLs the process group (the launcher execs java) at `moment`; returns (killed, what, run)."""
    kind, k = moment
    while proc.poll() is None:
        if run is None and out.is_dir():
            run = next(out.iterdir(), None)
        if run is not None and (writing_state(run) if kind == "writing" else logged_steps(run) >= k):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            done = logged_steps(run)
            return True, ("while writing a state, " if kind == "writing" else "") + f"after {done} steps", run
        time.sleep(0.0005)
    return False, None, run


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
            proc = start(["pretrain", str(recipe), *SETTINGS, "--out", str(out)], log)
            killed, what, run = kill_when(proc, out, None, plan(rng, len(expected)))
            if killed:
                kills.append(what)
            run = run or next(out.iterdir())
            resumes = 0
            while json.load(open(run / "run.json"))["state"] != "complete":
                again = len(kills) == 1 and resumes == 0 and rng.random() < 0.5
                proc = start(["pretrain", "--resume", str(run)], log)
                resumes += 1
                if again:
                    killed, what, _ = kill_when(proc, out, run, plan(rng, len(expected)))
                    if killed:
                        kills.append("resume " + what)
                        continue
                if proc.wait() != 0:
                    break
        got = losses(run)
        ok = got == expected
        rows.append((t, "; ".join(kills) or "none (finished first)", resumes,
                     json.load(open(run / "run.json"))["state"], len(got), "identical" if ok else "DIFFERENT"))
        print(rows[-1], flush=True)

    res = ROOT / "eval" / "results" / "resume.md"
    with open(res, "w") as f:
        f.write("# Kill/resume trials\n\n")
        f.write(f"`python3 eval/bench_resume.py {trials} {name}`: recipe `{name}` with `{' '.join(SETTINGS)}` "
                f"({len(expected)} steps, a training state every 8 steps; the uninterrupted run took {duration:.0f} s "
                "with JVM start and data loading). Each trial starts a real `selfsup pretrain` and sends SIGKILL to "
                "the process at a planned moment: after a random number of logged steps (0 = during start-up), or, "
                "one time in three, while a training-state file is being written. Then `selfsup pretrain --resume` "
                "runs until the run is complete; half of the first resumes are killed again the same way. The "
                "finished run's `metrics.jsonl` losses are compared, bit for bit, with those of the uninterrupted "
                "run. The launcher does not set `MKL_CBWR`.\n\n")
        f.write("| trial | SIGKILL | resumes | final state | steps logged | losses vs uninterrupted |\n")
        f.write("|---|---|---|---|---|---|\n")
        for r in rows:
            f.write("| " + " | ".join(str(x) for x in r) + " |\n")
        same = sum(1 for r in rows if r[5] == "identical")
        f.write(f"\n{same} of {len(rows)} trials finished with losses identical to the uninterrupted run's "
                f"({sum(len(r[1].split('; ')) for r in rows if not r[1].startswith('none'))} kills in all). Machine: "
                f"{os.cpu_count()} cores, CPU.\n")
    print(open(res).read())


if __name__ == "__main__":
    main()
