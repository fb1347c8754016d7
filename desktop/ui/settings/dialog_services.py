"""What the Settings dialog needs from the rest of the app, as plain callables (no Qt).

``app/`` fills a ``SettingsServices`` with the real parts; tests pass fakes. The slow ones
(``list_models``, ``level_meter``) run on a worker thread (``desktop.session.workers``); the others
are quick and run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Protocol

from desktop.cancel import CancelToken
from desktop.notes.base import Template


class LevelMeterFn(Protocol):
    """Yields the input level (0..1) of ``device`` a few times a second until cancelled.

    Thread: a worker thread. Raises MicrophoneError when the device cannot be opened.
    """

    def __call__(self, device: str, *, cancel: CancelToken) -> Generator[float, None, None]: ...


class EnrolVoiceFn(Protocol):
    """Records the doctor reading aloud from ``device``, yielding the seconds recorded, then
    learns and keeps the voice (returns when it is saved).

    Thread: a worker thread. Raises EnrolmentTooShort, VoiceNotProtected (no keychain),
    WeightsError (no voice model), MicrophoneError.
    """

    def __call__(self, device: str, *, cancel: CancelToken) -> Generator[float, None, None]: ...


def _not_enrolled() -> float | None:
    return None


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class ConnectionProbe:
    """What "Test connection" tries: the fields as they are in the dialog, not yet saved."""

    preset: str
    base_url: str
    api_key: str  # typed in the dialog, or the saved one; never logged
    model: str
    azure_api_version: str = ""


@dataclass(frozen=True)
class SettingsServices:
    # Names of the audio input devices, in the order to show them.
    list_input_devices: Callable[[], list[str]]
    level_meter: LevelMeterFn
    # The model ids a note server offers. Thread: a worker thread. Raises NoteError subclasses.
    list_models: Callable[[ConnectionProbe], list[str]]
    # Templates: all of them (built-in first), and saving / deleting the doctor's own.
    load_templates: Callable[[], list[Template]]
    save_template: Callable[[Template], None]
    delete_template: Callable[[Template], None]
    # The doctor's voice (Settings ▸ Audio): record it (None: enrolment is not offered), when it
    # was recorded (None: never), and forget it.
    enrol_voice: EnrolVoiceFn | None = None
    voice_enrolled_at: Callable[[], float | None] = _not_enrolled
    forget_voice: Callable[[], None] = _nothing
