"""The real ``SettingsServices``: microphones through PortAudio, note servers through the notes
registry, templates on disk. No Qt here; ``app/`` calls ``real_services(paths=...)``.

Threads: ``level_meter``, ``list_models`` and ``enrol_voice`` run on a worker thread (they
block); the rest are quick and run on the GUI thread.
"""

from __future__ import annotations

import math
import time
from collections.abc import Generator
from typing import Any

import numpy as np

from desktop.audio.capture import MicrophoneSource
from desktop.audio.devices import input_device_names
from desktop.cancel import CancelToken
from desktop.config import NotesSettings
from desktop.errors import ScribeError
from desktop.notes import templates
from desktop.notes.base import Template
from desktop.notes.registry import create_writer
from desktop.paths import AppPaths
from desktop.speakers.encoder import installed_encoder
from desktop.speakers.enrolment import record_voice
from desktop.store.encounters import EncounterStore
from desktop.store.voice import (
    DoctorVoice,
    forget_doctor_voice,
    load_doctor_voice,
    save_doctor_voice,
)
from desktop.ui.settings.dialog_services import ConnectionProbe, SettingsServices

FLOOR_DBFS = -60.0  # the meter's empty end


def level_of(block: np.ndarray) -> float:
    """0..1 for the meter: RMS in dBFS mapped linearly from -60 dBFS (0) to 0 dBFS (1)."""
    if not block.size:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    if rms <= 0:
        return 0.0
    return max(0.0, min(1.0, (20 * math.log10(rms) - FLOOR_DBFS) / -FLOOR_DBFS))


def level_meter(device: str, *, cancel: CancelToken) -> Generator[float, None, None]:
    source = MicrophoneSource(device=device or None)
    for block in source.blocks(cancel):
        yield level_of(block)


def voice_services(store: EncounterStore | None) -> dict[str, Any]:
    """Enrolment of the doctor's voice, kept in ``store`` (sealed with its key)."""
    if store is None:
        return {}

    def enrol_voice(device: str, *, cancel: CancelToken) -> Generator[float, None, None]:
        source = MicrophoneSource(device=device or None)
        vector = yield from record_voice(
            source.blocks(cancel), encoder=installed_encoder, stop=source.stop
        )
        save_doctor_voice(store, DoctorVoice(vector, time.time()))

    def enrolled_at() -> float | None:
        try:
            voice = load_doctor_voice(store)
        except ScribeError:
            return None
        return voice.enrolled_at if voice is not None else None

    return {
        "enrol_voice": enrol_voice,
        "voice_enrolled_at": enrolled_at,
        "forget_voice": lambda: forget_doctor_voice(store),
    }


def real_services(*, paths: AppPaths, store: EncounterStore | None = None) -> SettingsServices:
    def list_models(probe: ConnectionProbe) -> list[str]:
        settings = NotesSettings(
            preset=probe.preset,
            base_url=probe.base_url,
            model=probe.model,
            azure_api_version=probe.azure_api_version or NotesSettings().azure_api_version,
        )
        writer = create_writer(settings, api_key=probe.api_key or None, paths=paths)
        return [m.id for m in writer.list_models()]

    def load() -> list[Template]:
        return templates.load_templates(user_dir=paths.templates_dir)

    def save(template: Template) -> None:
        templates.save_template(template, user_dir=paths.templates_dir)

    def delete(template: Template) -> None:
        templates.delete_template(template, user_dir=paths.templates_dir)

    return SettingsServices(
        list_input_devices=input_device_names,
        level_meter=level_meter,
        list_models=list_models,
        load_templates=load,
        save_template=save,
        delete_template=delete,
        **voice_services(store),
    )
