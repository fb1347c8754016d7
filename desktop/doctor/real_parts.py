"""The real parts of the machine check: ``build_setup`` turns the settings into a ``DoctorSetup``.

The microphone through PortAudio, the speech and note backends through their registries, the OS
keychain. ``scribe doctor`` (``desktop.cli.doctor``) and the first-run checklist
(``desktop.ui.first_run``) both start from here. No Qt.

Threads: ``MicrophoneProbe.record`` and the loaders run on the thread that runs the checks (the
CLI's main thread, or the GUI's worker).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from desktop.asr.base import Transcriber
from desktop.cancel import CancelToken
from desktop.config import Settings
from desktop.doctor import DoctorSetup
from desktop.notes.base import NoteWriter
from desktop.paths import AppPaths
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.redact import redact
from desktop.secrets import NOTES_API_KEY, TRANSCRIPTION_API_KEY, Secrets
from desktop.urls import refuse_if_not_local

SAMPLE_NAME = "audio/check_en.wav"  # a short English speech clip under resources/


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

        if settings.transcription.backend == "remote":  # "local only" holds for the checks too
            refuse_if_not_local(settings.privacy.local_only, settings.transcription.remote_url)
        key = secrets.get(TRANSCRIPTION_API_KEY) or ""
        return create_transcriber(settings.transcription, paths=paths, api_key=key)

    def make_writer() -> NoteWriter:
        from desktop.notes.presets import get_preset
        from desktop.notes.registry import create_writer

        if settings.notes.preset != "builtin":
            url = settings.notes.base_url or get_preset(settings.notes.preset).base_url
            refuse_if_not_local(settings.privacy.local_only, url)
        return create_writer(settings.notes, api_key=secrets.get(NOTES_API_KEY), paths=paths)

    t = settings.transcription
    label = redact(t.remote_url) if t.backend == "remote" else (t.model or "bundled")
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
        database_file=paths.database_file,
    )
