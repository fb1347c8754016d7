"""``scribe doctor``: check this computer is ready for a consultation; exit 0 when all pass.

Also where the first-run checklist gets its real parts: ``build_setup`` turns the settings into
a ``DoctorSetup`` (microphone through PortAudio, the speech and note backends through their
registries, the OS keychain).

Threads: the checks run on the calling thread (the CLI's main thread, or the GUI's worker).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

import numpy as np

from desktop.asr.base import SAMPLE_RATE, Audio, Transcriber
from desktop.cancel import CancelToken
from desktop.config import Settings, load_settings
from desktop.doctor import CheckResult, DoctorSetup, Status, all_passed, run_checks
from desktop.notes.base import NoteWriter
from desktop.paths import AppPaths
from desktop.secrets import NOTES_API_KEY, TRANSCRIPTION_API_KEY, Secrets

HELP = (
    "Check that this computer is ready: microphone, speech model (and its speed here), note "
    "backend, keychain, data folder. Exits with 0 when every check passes."
)
SAMPLE_NAME = "audio/check_en.wav"  # a short English speech clip under resources/
TITLES = {
    "settings": "Settings file",
    "data_dir": "Data folder",
    "keychain": "Keychain",
    "microphone": "Microphone",
    "speech_model": "Speech model",
    "note_backend": "Note backend",
}
MARKS = {Status.PASS: "ok  ", Status.WARN: "warn", Status.FAIL: "FAIL"}


class MicrophoneProbe:
    """The real microphone (PortAudio through ``desktop.audio``)."""

    def input_devices(self) -> list[str]:
        from desktop.audio.devices import list_input_devices

        return [d.name for d in list_input_devices(refresh=True)]

    def record(self, device: str, seconds: float, cancel: CancelToken) -> Audio:
        from desktop.audio.capture import MicrophoneSource

        source = MicrophoneSource(device=device or None)
        wanted = int(seconds * SAMPLE_RATE)
        blocks: list[Audio] = []
        taken = 0
        for block in source.blocks(cancel):
            blocks.append(block)
            taken += block.size
            if taken >= wanted:
                source.stop()  # blocks() drains what is queued, then returns
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


def needed_secrets(settings: Settings) -> tuple[str, ...]:
    from desktop.notes.presets import get_preset

    needed = []
    if settings.notes.preset != "builtin" and get_preset(settings.notes.preset).needs_api_key:
        needed.append(NOTES_API_KEY)
    return tuple(needed)


def read_sample(path: Path | None) -> Audio | None:
    from desktop.audio.file_source import read_audio
    from desktop.resources import resources_dir

    target = path or resources_dir() / SAMPLE_NAME
    return read_audio(target) if target.is_file() else None


def build_setup(
    settings: Settings,
    *,
    paths: AppPaths,
    secrets: Secrets,
    sample: Audio | None,
    notice: str = "",
) -> DoctorSetup:
    def load_transcriber() -> Transcriber:
        from desktop.asr.registry import create_transcriber

        key = secrets.get(TRANSCRIPTION_API_KEY) or ""
        return create_transcriber(settings.transcription, paths=paths, api_key=key)

    def make_writer() -> NoteWriter:
        from desktop.notes.registry import create_writer

        return create_writer(settings.notes, api_key=secrets.get(NOTES_API_KEY), paths=paths)

    t = settings.transcription
    label = t.remote_url if t.backend == "remote" else (t.model or "bundled")
    return DoctorSetup(
        data_dir=paths.data_dir,
        secrets=secrets,
        microphone=MicrophoneProbe(),
        device=settings.audio.device,
        load_transcriber=load_transcriber,
        transcriber_label="Whisper base (bundled)" if label == "bundled" else label,
        sample=sample,
        make_note_writer=make_writer,
        needed_secrets=needed_secrets(settings),
        settings_notice=notice,
    )


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
        notice=loaded.notice.text if loaded.notice else "",
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
