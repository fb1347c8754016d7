"""``scribe doctor``: check this computer is ready for a consultation; exit 0 when all pass.

The real parts (microphone, backends, keychain) come from ``desktop.doctor.real_parts``.

Threads: the checks run on the calling thread (the CLI's main thread, or the GUI's worker).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

from desktop.cancel import CancelToken
from desktop.config import load_settings
from desktop.doctor import CheckResult, Status, all_passed, run_checks
from desktop.doctor.real_parts import build_setup, read_sample
from desktop.paths import AppPaths
from desktop.secrets import Secrets

HELP = (
    "Check that this computer is ready: microphone, speech model (and its speed here), note "
    "backend, keychain, data folder, consultation history (whole? encrypted?). Exits with 0 when "
    "every check passes."
)
TITLES = {
    "settings": "Settings file",
    "data_dir": "Data folder",
    "keychain": "Keychain",
    "database": "Consultation history",
    "microphone": "Microphone",
    "speech_model": "Speech model",
    "note_backend": "Note backend",
}
MARKS = {Status.PASS: "ok  ", Status.WARN: "warn", Status.FAIL: "FAIL"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sample", type=Path, help="speech clip to time the speech model on (default: bundled)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON lines")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    loaded = load_settings(paths.settings_file)
    import keyring

    secrets = Secrets(keyring_backend=keyring.get_keyring())
    setup = build_setup(
        loaded.settings,
        paths=paths,
        secrets=secrets,
        sample=read_sample(args.sample),
        notice=loaded.text,
    )
    if not args.json:
        print("Checking… (speak near the microphone for two seconds)", file=sys.stderr)
    results = report(run_checks(setup, CancelToken()), as_json=args.json, write=print)
    return 0 if all_passed(results) else 1


def report(
    results: Iterable[CheckResult], *, as_json: bool, write: Callable[[str], None]
) -> list[CheckResult]:
    seen: list[CheckResult] = []
    for result in results:
        seen.append(result)
        if as_json:
            row = asdict(result) | {"status": result.status.value}
            write(json.dumps(row, ensure_ascii=False))
            continue
        write(f"[{MARKS[result.status]}] {TITLES.get(result.check, result.check)}: {result.detail}")
        if result.fix:
            write(f"       fix: {result.fix}")
    if not as_json:
        failed = sum(1 for r in seen if r.status is Status.FAIL)
        write("All checks passed." if not failed else f"{failed} check(s) failed.")
    return seen
