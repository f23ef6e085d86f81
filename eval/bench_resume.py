#!/usr/bin/env python3
"""Stop/resume trials: stop real `selfsup pretrain` runs at random moments with SIGKILL, SIGTERM or SIGINT,
resume them (stopping some resumes again), and check that every finished run has exactly the losses of an
uninterrupted run.

Usage: python3 eval/bench_resume.py [TRIALS] [RECIPE-NAME] [SIGNALS]   (defaults: 10, moco-fashion-mnist, KILL)
SIGNALS is a comma-separated list (KILL, TERM, INT); TRIALS trials are run for each. Writes
eval/results/resume.md. Settings: 2,048 images, batch 64, 2 epochs (64 steps), a training state every 8
steps, no probe. Each stop is planned from a fixed seed: either after a random number of logged steps
(0 = as soon as the run directory exists, during start-up) or, one time in three, the moment a
training-state file is being written (its temporary file exists). A trial stops the first run and, with
probability 1/2, its first resume too. For TERM and INT, one stop in four sends a second signal (the other
of the two) 50 ms after the first, which must end the process at once. A graceful stop must exit with
143 (TERM) or 130 (INT), print `interrupted at step S by SIG...; resume with: ...` as its last line and
mark run.json `interrupted`; no stop may leave a JVM crash log (hs_err*) in the working directory or the
launcher's crash-log place.
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
TOTAL_STEPS = 64  # 2,048 images / batch 64 × 2 epochs
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


def default_signals():
    # A shell without job control starts background commands with SIGINT and SIGQUIT ignored, and an ignored
    # SIGINT is inherited by every child: the JVM would keep it ignored and never stop. A user's terminal
    # delivers it, so the trials restore the default disposition before starting selfsup.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args, log, cwd):
    return subprocess.Popen([str(SELFSUP)] + args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            cwd=cwd, preexec_fn=default_signals)


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


SIGNALS = {"KILL": signal.SIGKILL, "TERM": signal.SIGTERM, "INT": signal.SIGINT}
STATUS = {"TERM": 143, "INT": 130}


def crash_logs(cwd):
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    return sorted(p.name for p in list(cwd.glob("hs_err*")) + list(tmp.glob("selfsup-crash-*.log")))


def stop_when(proc, out, run, moment, sig, second, log_path):
    """Sends `sig` to the process group (the launcher execs java) at `moment` (and, when `second`, the other
    of TERM/INT 50 ms later); returns (stopped, what, run, problem)."""
    kind, k = moment
    while proc.poll() is None:
        if run is None and out.is_dir():
            run = next(out.iterdir(), None)
        if run is not None and (writing_state(run) if kind == "writing" else logged_steps(run) >= k):
            at = logged_steps(run)
            os.killpg(proc.pid, SIGNALS[sig])
            other = None
            if second:
                time.sleep(0.05)
                other = "INT" if sig == "TERM" else "TERM"
                if proc.poll() is None:
                    os.killpg(proc.pid, SIGNALS[other])
                else:
                    other = None
            code = proc.wait()
            what = f"SIG{sig}" + (f"+SIG{other}" if other else "") + (" while writing a state" if kind == "writing"
                                                                      else "") + f", after {at} steps"
            problem = check_stop(run, sig, other, code, log_path, at)
            return True, what, run, problem
        time.sleep(0.0005)
    return False, None, run, None


OUTCOMES = {}


def check_stop(run, sig, other, code, log_path, at):
    """What a stop did wrong, or None; counts the kind of each stop in OUTCOMES. `at`: steps logged when the
    signal was sent."""
    state = json.load(open(run / "run.json"))
    if sig == "KILL":
        return count("killed") if code == -signal.SIGKILL else f"exit {code}"
    if code == 0 and state["state"] == "complete":
        if at < TOTAL_STEPS - 1:  # more than the step in flight was left: the signal was lost
            return f"the signal sent after {at} of {TOTAL_STEPS} steps was ignored: the run finished, exit 0"
        return count("after the last step: finished, exit 0")
    if code == -SIGNALS[sig]:
        # killed by the signal's default action: only possible while the JVM was starting, before main()
        # installed the handler (after that a first signal stops gracefully and a second halts with 128 + n)
        return count("during JVM start-up: default action")
    if other:  # the second signal ends the process at once with its own status
        return count("two signals: ended at once") if code in (STATUS[other], STATUS[sig]) else \
            f"exit {code} after two signals"
    if code != STATUS[sig]:
        return f"exit {code}, not {STATUS[sig]}"
    last = open(log_path).read().strip().splitlines()[-1]
    want = f"by SIG{sig}; resume with: selfsup pretrain --resume {run}"
    if not (last.startswith("interrupted at step ") and last.endswith(want)):
        return "last line: " + last
    if state["state"] != "interrupted" or state.get("signal") != f"SIG{sig}":
        return "run.json: " + json.dumps(state)
    return count("graceful: state written, exit " + str(STATUS[sig]))


def count(kind):
    OUTCOMES[kind] = OUTCOMES.get(kind, 0) + 1
    return None


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    name = sys.argv[2] if len(sys.argv) > 2 else "moco-fashion-mnist"
    signals = (sys.argv[3] if len(sys.argv) > 3 else "KILL").split(",")
    recipe = ROOT / "recipes" / f"{name}.yaml"
    subprocess.run([str(SELFSUP), "--version"], check=True, capture_output=True)  # build first
    work = Path(tempfile.mkdtemp())
    rng = random.Random(2026)
    crashes_before = crash_logs(work)

    t0 = time.time()
    with open(work / "straight.log", "w") as log:
        subprocess.run([str(SELFSUP), "pretrain", str(recipe), *SETTINGS, "--out", str(work / "straight")],
                       stdout=log, stderr=subprocess.STDOUT, check=True, cwd=work)
    duration = time.time() - t0
    straight = next((work / "straight").iterdir())
    expected = losses(straight)

    rows = []
    for sig in signals:
        for t in range(trials):
            out = work / f"{sig}-{t}"
            log_path = work / f"{sig}-{t}.log"
            stops, problems = [], []
            with open(log_path, "w") as log:
                proc = start(["pretrain", str(recipe), *SETTINGS, "--out", str(out)], log, work)
                second = sig != "KILL" and rng.random() < 0.25
                stopped, what, run, problem = stop_when(proc, out, None, plan(rng, len(expected)), sig, second, log_path)
                if stopped:
                    stops.append(what)
                if problem:
                    problems.append(problem)
                run = run or next(out.iterdir())
                resumes = 0
                while json.load(open(run / "run.json"))["state"] != "complete":
                    again = len(stops) == 1 and resumes == 0 and rng.random() < 0.5
                    proc = start(["pretrain", "--resume", str(run)], log, work)
                    resumes += 1
                    if again:
                        stopped, what, _, problem = stop_when(proc, out, run, plan(rng, len(expected)), sig, False,
                                                              log_path)
                        if stopped:
                            stops.append("resume " + what)
                            if problem:
                                problems.append("resume " + problem)
                            continue
                    if proc.wait() != 0:
                        problems.append("resume failed")
                        break
            got = losses(run)
            ok = got == expected and not problems
            rows.append((f"{sig} {t}", "; ".join(stops) or "none (finished first)", resumes,
                         json.load(open(run / "run.json"))["state"], len(got),
                         ("identical" if got == expected else "DIFFERENT") + ("" if not problems else
                                                                            " — " + "; ".join(problems))))
            print(rows[-1], flush=True)
    new_crashes = [c for c in crash_logs(work) if c not in crashes_before]

    res = ROOT / "eval" / "results" / "resume.md"
    with open(res, "w") as f:
        f.write("# Stop/resume trials\n\n")
        f.write(f"`python3 eval/bench_resume.py {trials} {name} {','.join(signals)}`: recipe `{name}` with "
                f"`{' '.join(SETTINGS)}` ({len(expected)} steps, a training state every 8 steps; the uninterrupted run "
                f"took {duration:.0f} s with JVM start and data loading). Each trial starts a real `selfsup pretrain` "
                "through `scripts/selfsup` and sends the signal to it at a planned moment: after a random number of "
                "logged steps (0 = during start-up), or, one time in three, while a training-state file is being "
                "written. For SIGTERM and SIGINT, one stop in four is followed 50 ms later by the other signal, "
                "which must end the process at once. Then `selfsup pretrain --resume` runs until the run is "
                "complete; half of the first resumes are stopped again the same way. A graceful stop must exit "
                "with 143/130, end with the line `interrupted at step S by SIG…; resume with: selfsup pretrain "
                "--resume RUN` and leave run.json `interrupted` with the signal. The finished run's `metrics.jsonl` "
                "losses are compared, bit for bit, with those of the uninterrupted run.\n\n")
        f.write("| trial | stops | resumes | final state | steps logged | losses vs uninterrupted |\n")
        f.write("|---|---|---|---|---|---|\n")
        for r in rows:
            f.write("| " + " | ".join(str(x) for x in r) + " |\n")
        same = sum(1 for r in rows if r[5] == "identical")
        stops = sum(len(r[1].split("; ")) for r in rows if not r[1].startswith("none"))
        f.write("\nHow the stops ended: " + ", ".join(f"{k} {v}" for k, v in sorted(OUTCOMES.items())) + ". A signal "
                "that arrives while the JVM is still starting (before `main` installs the handler; here: a resume "
                "stopped at once) gets the signal's default action, like a kill; one that arrives after the last "
                "step lets the finished job exit normally.\n")
        f.write(f"\n{same} of {len(rows)} trials finished with losses identical to the uninterrupted run's and every "
                f"stop as required ({stops} stops in all). JVM crash logs left: {len(new_crashes)}"
                f"{' (' + ', '.join(new_crashes) + ')' if new_crashes else ''}. Machine: {os.cpu_count()} cores, CPU.\n")
    print(open(res).read())


if __name__ == "__main__":
    main()
