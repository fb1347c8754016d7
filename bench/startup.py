"""Start-up time to the window: the frozen build against ``python -m desktop``. Prints JSON.

    .venv/bin/python bench/startup.py [--app build/dist/scribe] [--runs 5] [--out FILE]

Each run starts a new process and takes the time from ``Popen`` to the app's own log line
"window shown" (its timestamp, millisecond resolution; logged right after ``window.show()``),
then closes it with SIGTERM (the app's normal quit path) and records how long the exit took.
One unmeasured warm-up run per variant first joins the bundled speech model into the cache, so
the measured runs see an installed app on its second and later starts. "Cold" here means a new
process with the files in the OS cache (dropping the page cache needs root and would disturb
the other work on a shared machine); the load average is recorded next to the figures.
Both variants run offscreen (QT_QPA_PLATFORM=offscreen) unless ``--platform xcb`` with DISPLAY.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {
    "schema_version": 1,
    "privacy": {"allow_unencrypted_store": True},
    "interface": {"first_run_done": True, "language": "en"},
}
NEEDLE = "window shown"


def shown_at(log: Path, after_line: int) -> float | None:
    """Epoch time of the first "window shown" line past ``after_line`` lines of the log."""
    if not log.is_file():
        return None
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[after_line:]
    for line in lines:
        if NEEDLE in line:
            stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
            return stamp.timestamp()
    return None


def one_run(cmd: list[str], env: dict[str, str], log: Path, timeout: float) -> dict[str, float]:
    before = len(log.read_text(encoding="utf-8").splitlines()) if log.is_file() else 0
    started = time.time()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while (shown := shown_at(log, before)) is None:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}) before the window")
            if time.monotonic() > deadline:
                raise RuntimeError(f"no window after {timeout} s")
            time.sleep(0.02)
        quit_started = time.time()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(60)
        return {
            "to_window_s": round(shown - started, 3),
            "exit_s": round(time.time() - quit_started, 3),
            "exit_code": code,
        }
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def summarise(cmd: list[str], warmup: dict[str, float], results: list[dict[str, float]]) -> dict:
    times = [r["to_window_s"] for r in results]
    return {
        "command": " ".join(cmd),
        "warmup_to_window_s": warmup["to_window_s"],
        "runs": results,
        "median_to_window_s": round(statistics.median(times), 3),
        "min_to_window_s": min(times),
        "max_to_window_s": max(times),
        "median_exit_s": round(statistics.median(r["exit_s"] for r in results), 3),
        "all_exit_codes_zero": all(r["exit_code"] == 0 for r in results),
    }


def measure(variants: dict[str, list[str]], runs: int, platform: str, timeout: float) -> dict:
    """Warm each variant up once, then alternate them run by run (a shared machine's load then
    weighs on both alike)."""
    with tempfile.TemporaryDirectory(prefix="scribe-startup-") as tmp:
        setups = {}
        for name in variants:
            home = Path(tmp) / name
            (home / "config").mkdir(parents=True)
            (home / "config" / "settings.json").write_text(json.dumps(SETTINGS), encoding="utf-8")
            env = {k: v for k, v in os.environ.items() if not k.startswith("QT_QPA")}
            env.update(SCRIBE_HOME=str(home), HF_HUB_OFFLINE="1", QT_QPA_PLATFORM=platform)
            setups[name] = (env, home / "logs" / "scribe.log")
        warmups = {n: one_run(cmd, *setups[n], timeout) for n, cmd in variants.items()}
        results: dict[str, list[dict[str, float]]] = {n: [] for n in variants}
        for _ in range(runs):
            for name, cmd in variants.items():
                results[name].append(one_run(cmd, *setups[name], timeout))
    return {n: summarise(cmd, warmups[n], results[n]) for n, cmd in variants.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=ROOT / "build" / "dist" / "scribe")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", choices=("offscreen", "xcb"))
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args()
    variants = {"python_m_desktop": [args.python, "-m", "desktop"]}
    exe = args.app / "scribe"
    if exe.is_file():
        variants = {"frozen": [str(exe)], **variants}
    else:
        print(f"startup: no frozen build at {exe}; only python -m desktop", file=sys.stderr)
    report: dict[str, object] = {
        "platform": args.platform,
        "runs": args.runs,
        "cpu_count": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }
    report.update(measure(variants, args.runs, args.platform, args.timeout))
    report["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    if "frozen" in report:
        frozen = report["frozen"]["median_to_window_s"]  # type: ignore[index]
        source = report["python_m_desktop"]["median_to_window_s"]  # type: ignore[index]
        report["frozen_vs_python_ratio"] = round(frozen / source, 2)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
