"""The first-run check, also ``scribe doctor``: is this machine ready for a consultation?

Each check returns a ``CheckResult``: a stable ``check`` id and outcome ``code`` (the GUI shows a
translated sentence for each), a status (pass / warn / fail), and English sentences for what was
found and how to fix it (the command line prints those). Everything a check needs from outside
(the microphone, the speech model, the note backend, the keychain) is passed in, so tests inject
fakes and ``desktop.cli.doctor`` / the GUI pass the real parts. No Qt here.

Threads: ``run_checks`` is a generator for a worker thread (``desktop.workers``); it records from
the microphone and loads models, so never call it on the GUI thread.
"""

from __future__ import annotations

import enum
import logging
import math
import os
import shutil
import time
import uuid
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from desktop.asr.base import SAMPLE_RATE, Audio, DecodeOptions, Transcriber
from desktop.cancel import CancelToken
from desktop.errors import ScribeError
from desktop.notes.base import (
    AuthenticationFailed,
    BackendTimeout,
    BackendUnreachable,
    DraftRequest,
    LocalServerFailed,
    ModelNotFound,
    NoteWriter,
    RateLimited,
    Template,
)
from desktop.secrets import ENV_VARS, Secrets

log = logging.getLogger(__name__)

MIC_SECONDS = 2.0
HEARING_DBFS = -50.0  # a peak above this: the microphone hears something (speech, a room)
SILENT_DBFS = -90.0  # below this the stream is digital silence: muted or disconnected
SLOW_RTF = 0.5  # processing time / audio time above which live transcription lags
MIN_FREE_BYTES = 500 << 20


CHECKS = ("data_dir", "keychain", "microphone", "speech_model", "note_backend")


class Status(enum.Enum):
    PASS = "pass"
    WARN = "warn"  # works, but the doctor should know (shown, does not fail `scribe doctor`)
    FAIL = "fail"


@dataclass(frozen=True)
class CheckResult:
    check: str  # microphone | speech_model | note_backend | keychain | data_dir | settings
    status: Status
    code: str  # stable outcome code: "ok", "no_device", "silent", "insecure"...
    detail: str  # one English sentence: what was found
    fix: str = ""  # one English sentence: what to do ("" when nothing is needed)
    figure: float | None = None  # dBFS peak, real-time factor, or seconds, depending on check

    @property
    def ok(self) -> bool:
        return self.status is not Status.FAIL


class MicrophoneProbe(Protocol):
    """The audio engineer's capture, seen from here. Threads: called on the doctor's worker."""

    def input_devices(self) -> list[str]: ...

    def record(self, device: str, seconds: float, cancel: CancelToken) -> Audio: ...


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


def run_checks(setup: DoctorSetup, cancel: CancelToken) -> Generator[CheckResult, None, None]:
    """Yield one result per check, cheapest first."""
    steps: list[Callable[[], CheckResult]] = [
        lambda: check_data_dir(setup.data_dir),
        lambda: check_keychain(setup.secrets, setup.needed_secrets),
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


def check_data_dir(data_dir: Path) -> CheckResult:
    probe = data_dir / f".doctor-{uuid.uuid4().hex}"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with open(probe, "wb") as fh:
            fh.write(b"scribe")
            fh.flush()
            os.fsync(fh.fileno())
        probe.unlink()
        free = shutil.disk_usage(data_dir).free
    except OSError as exc:
        return CheckResult(
            "data_dir",
            Status.FAIL,
            "not_writable",
            f"Scribe cannot write in its data folder {data_dir} ({exc.strerror}).",
            "Make the folder writable for your user account, or set SCRIBE_HOME to another folder.",
        )
    if free < MIN_FREE_BYTES:
        return CheckResult(
            "data_dir",
            Status.WARN,
            "low_space",
            f"Only {free >> 20} MB are free where Scribe keeps recordings ({data_dir}).",
            "Free some disk space: an hour of recording takes about 115 MB.",
            figure=float(free),
        )
    return CheckResult(
        "data_dir", Status.PASS, "ok", f"The data folder {data_dir} is writable.", "", float(free)
    )


def check_keychain(secrets: Secrets, needed: tuple[str, ...]) -> CheckResult:
    if not secrets.is_secure():
        missing = [name for name in needed if not secrets.get(name)]
        reason = secrets.insecure_reason().split(". ", 1)[0].rstrip(".") + "."
        return CheckResult(
            "keychain",
            Status.FAIL if missing else Status.WARN,
            "insecure",
            reason + (" A backend you chose needs an API key that is not set." if missing else ""),
            "Install or unlock a keychain (GNOME Keyring or KWallet on Linux), or set the key in "
            f"the environment variable {' or '.join(sorted(ENV_VARS.values()))}.",
        )
    name = f"doctor_probe_{uuid.uuid4().hex[:8]}"
    try:
        secrets.set(name, "probe")
        back = secrets.get(name)
        secrets.delete(name)
    except ScribeError as exc:
        return CheckResult(
            "keychain", Status.FAIL, "failed", str(exc), "Unlock the system keychain and retry."
        )
    if back != "probe":
        return CheckResult(
            "keychain",
            Status.FAIL,
            "failed",
            "The keychain did not give back a secret it had just saved.",
            "Unlock the system keychain (GNOME Keyring, KWallet...) and retry.",
        )
    return CheckResult("keychain", Status.PASS, "ok", "The system keychain keeps API keys safely.")


def peak_dbfs(audio: Audio) -> float:
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    return 20.0 * math.log10(peak) if peak > 0 else -math.inf


def check_microphone(probe: MicrophoneProbe, device: str, cancel: CancelToken) -> CheckResult:
    try:
        devices = probe.input_devices()
        if not devices:
            return CheckResult(
                "microphone",
                Status.FAIL,
                "no_device",
                "No microphone was found.",
                "Plug in a microphone (or headset) and check it is enabled in the system sound "
                "settings.",
            )
        audio = probe.record(device, MIC_SECONDS, cancel)
    except ScribeError as exc:
        return CheckResult(
            "microphone",
            Status.FAIL,
            "failed",
            str(exc),
            "Choose another input device in Settings > Audio, or check the system sound settings.",
        )
    level = peak_dbfs(audio)
    shown = max(level, -120.0)
    if level < SILENT_DBFS:
        return CheckResult(
            "microphone",
            Status.FAIL,
            "silent",
            "The microphone is connected but records only silence.",
            "Unmute the microphone (a key on the laptop or the system sound settings) and raise "
            "its input volume.",
            shown,
        )
    if level < HEARING_DBFS:
        return CheckResult(
            "microphone",
            Status.WARN,
            "quiet",
            f"The microphone hears very little (peak {level:.0f} dBFS).",
            "Speak during the check, move the microphone closer or raise its input volume.",
            shown,
        )
    return CheckResult(
        "microphone",
        Status.PASS,
        "ok",
        f"The microphone hears sound (peak {level:.0f} dBFS).",
        "",
        shown,
    )


def check_speech_model(
    load: Callable[[], Transcriber],
    label: str,
    sample: Audio | None,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> CheckResult:
    started = clock()
    try:
        transcriber = load()
        loaded_s = clock() - started
        if sample is None or not sample.size:
            return CheckResult(
                "speech_model", Status.PASS, "ok", f"{label} loaded in {loaded_s:.1f} s."
            )
        transcriber.transcribe(sample[:SAMPLE_RATE], DecodeOptions(vad=False))  # warm-up
        started = clock()
        transcriber.transcribe(sample, DecodeOptions(language=None))
        rtf = (clock() - started) / (sample.size / SAMPLE_RATE)
    except ScribeError as exc:
        return CheckResult(
            "speech_model",
            Status.FAIL,
            "failed",
            str(exc),
            "Choose the bundled model in Settings > Transcription, or reinstall Scribe.",
        )
    speed = (
        f"{label} loaded in {loaded_s:.1f} s and transcribes {1 / rtf:.1f}× faster than real time"
    )
    if rtf > SLOW_RTF:
        return CheckResult(
            "speech_model",
            Status.WARN,
            "slow",
            speed + "; the live transcript will lag behind the conversation.",
            "Choose a smaller model (the bundled Whisper base) or a transcription server in "
            "Settings > Transcription.",
            rtf,
        )
    return CheckResult("speech_model", Status.PASS, "ok", speed + ".", "", rtf)


CHECK_TRANSCRIPT = "Doctor: Good morning, what brings you in? Patient: A dry cough for two days."
CHECK_TEMPLATE = Template(
    id="doctor-check",
    language="en",
    title="Check",
    kind="note",
    instructions="Write one short sentence summarising the visit.",
)
_NOTE_FIXES: tuple[tuple[type[Exception], str, str], ...] = (
    (
        BackendUnreachable,
        "unreachable",
        "Check the server address in Settings > Notes and that "
        "the server is running, or choose the built-in local model.",
    ),
    (AuthenticationFailed, "auth", "Enter a valid API key in Settings > Notes."),
    (
        ModelNotFound,
        "model_not_found",
        "Press Test connection in Settings > Notes and choose one of the models the server offers.",
    ),
    (
        BackendTimeout,
        "timeout",
        "The server is too slow: try again later, or choose a smaller model.",
    ),
    (
        RateLimited,
        "rate_limited",
        "Your account's limit is reached: wait, or raise the limit with your provider.",
    ),
    (
        LocalServerFailed,
        "local_failed",
        "Reinstall Scribe with its local note model, or choose a note server in Settings > Notes.",
    ),
)


def _note_failure(exc: ScribeError) -> CheckResult:
    for cls, code, fix in _NOTE_FIXES:
        if isinstance(exc, cls):
            return CheckResult("note_backend", Status.FAIL, code, str(exc), fix)
    return CheckResult(
        "note_backend",
        Status.FAIL,
        "failed",
        str(exc),
        "Check the note backend in Settings > Notes (Test connection shows what is wrong).",
    )


def check_note_backend(make_writer: Callable[[], NoteWriter], cancel: CancelToken) -> CheckResult:
    """Reachable (lists models), offers the chosen model, and answers a one-line request."""
    started = time.monotonic()
    writer: NoteWriter | None = None
    try:
        writer = make_writer()
        for _progress in writer.prepare(cancel):
            if cancel.is_cancelled():
                break
        models = [m.id for m in writer.list_models()]
        if writer.model and models and writer.model not in models:
            raise ModelNotFound(f'The note server does not offer the model "{writer.model}".')
        request = DraftRequest(CHECK_TRANSCRIPT, CHECK_TEMPLATE, note_language="en")
        stream = writer.stream(request)
        try:
            answered = any(chunk.strip() for chunk in stream)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
    except ScribeError as exc:
        return _note_failure(exc)
    finally:
        if writer is not None:
            close = getattr(writer, "close", None)
            if close is not None:
                close()  # stops the built-in model's server
    seconds = time.monotonic() - started
    if not answered:
        return CheckResult(
            "note_backend",
            Status.FAIL,
            "no_answer",
            "The note backend is reachable but answered with no text.",
            "Choose another model in Settings > Notes.",
        )
    return CheckResult(
        "note_backend",
        Status.PASS,
        "ok",
        f"The note backend ({writer.name}, {writer.model or 'default model'}) answered in "
        f"{seconds:.1f} s.",
        "",
        seconds,
    )
