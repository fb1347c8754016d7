"""The checks of the computer itself: data folder, keychain, microphone, speech model.

Threads: run on the doctor's worker thread (they record and load models).
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from desktop.asr.base import DecodeOptions, Transcriber
from desktop.cancel import CancelToken
from desktop.doctor.result import CheckResult, Status
from desktop.errors import ScribeError
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.secrets import ENV_VARS, Secrets

log = logging.getLogger(__name__)

MIC_SECONDS = 2.0
HEARING_DBFS = -50.0  # a peak above this: the microphone hears something (speech, a room)
SILENT_DBFS = -90.0  # below this the stream is digital silence: muted or disconnected
SLOW_RTF = 0.5  # processing time / audio time above which live transcription lags
MIN_FREE_BYTES = 500 << 20


class MicrophoneProbe(Protocol):
    """The audio engineer's capture, seen from here. Threads: called on the doctor's worker."""

    def input_devices(self) -> list[str]: ...

    def record(self, device: str, seconds: float, cancel: CancelToken) -> Audio: ...


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
