"""The first-run check, also ``scribe doctor``: is this machine ready for a consultation?

Each check returns a ``CheckResult``: a stable ``check`` id and outcome ``code`` (the GUI shows a
translated sentence for each), a status (pass / warn / fail), and English sentences for what was
found and how to fix it (the command line prints those). Everything a check needs from outside
(the microphone, the speech model, the note backend, the keychain) is passed in, so tests inject
fakes and ``desktop.cli.doctor`` / the GUI pass the real parts. No Qt here.

Threads: ``run_checks`` is a generator for a worker thread (``desktop.session.workers``); it
records from the microphone and loads models, so never call it on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from desktop.asr.base import Transcriber
from desktop.cancel import CancelToken
from desktop.doctor.database_check import check_database
from desktop.doctor.machine_checks import (
    HEARING_DBFS,
    MIC_SECONDS,
    SILENT_DBFS,
    SLOW_RTF,
    MicrophoneProbe,
    check_data_dir,
    check_keychain,
    check_microphone,
    check_speech_model,
    peak_dbfs,
)
from desktop.doctor.note_check import check_note_backend
from desktop.doctor.result import CHECKS, CheckResult, Status
from desktop.notes.base import NoteWriter
from desktop.pcm import Audio
from desktop.secrets import Secrets

__all__ = [
    "CHECKS",
    "HEARING_DBFS",
    "MIC_SECONDS",
    "SILENT_DBFS",
    "SLOW_RTF",
    "CheckResult",
    "DoctorSetup",
    "MicrophoneProbe",
    "Status",
    "all_passed",
    "check_data_dir",
    "check_database",
    "check_keychain",
    "check_microphone",
    "check_note_backend",
    "check_speech_model",
    "peak_dbfs",
    "run_checks",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DoctorSetup:
    data_dir: Path
    secrets: Secrets
    microphone: MicrophoneProbe
    device: str  # the input device from settings ("" = system default)
    load_transcriber: Callable[[], Transcriber]
    transcriber_label: str  # "Whisper base (bundled)", a folder name...
    sample: Audio | None  # speech to time the model on (None: load only)
    make_note_writer: Callable[[], NoteWriter]
    needed_secrets: tuple[str, ...] = ()  # secret names the chosen backends need
    settings_notice: str = ""  # load_settings' notice (a damaged file set aside...)
    database_file: Path | None = None  # the consultation history (None: scribe.db in data_dir)


def run_checks(setup: DoctorSetup, cancel: CancelToken) -> Generator[CheckResult, None, None]:
    """Yield one result per check, cheapest first."""
    steps: list[Callable[[], CheckResult]] = [
        lambda: check_data_dir(setup.data_dir),
        lambda: check_keychain(setup.secrets, setup.needed_secrets),
        lambda: check_database(setup.database_file or setup.data_dir / "scribe.db", setup.secrets),
        lambda: check_microphone(setup.microphone, setup.device, cancel),
        lambda: check_speech_model(setup.load_transcriber, setup.transcriber_label, setup.sample),
        lambda: check_note_backend(setup.make_note_writer, cancel),
    ]
    if setup.settings_notice:
        yield CheckResult(
            "settings",
            Status.WARN,
            "repaired",
            setup.settings_notice,
            "Open Settings and check your choices, then press OK to save them.",
        )
    for check, step in zip(CHECKS, steps, strict=True):
        if cancel.is_cancelled():
            return
        try:
            yield step()
        except Exception as exc:  # a bug in a check must not hide the other checks
            log.exception("doctor: check %s crashed", check)
            yield CheckResult(
                check,
                Status.FAIL,
                "crashed",
                f"The check stopped on an error ({type(exc).__name__}).",
                "Send Scribe's log file to your support contact.",
            )


def all_passed(results: list[CheckResult]) -> bool:
    return all(r.ok for r in results)
