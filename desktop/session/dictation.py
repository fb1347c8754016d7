"""Dictating an instruction: hold, speak, release; the same microphone and Whisper model as the
consultation.

Threads: every public method runs on the GUI thread. ``dictation_job`` runs in a
``desktop.session.workers.Worker`` thread: it records until ``release`` (which stops the audio
source from the GUI thread; the audio already captured is still drained), then transcribes the
clip; its signals are queued back onto the GUI thread into the bound ``_on_*`` slots below. The
speech model is loaded first if it is not yet (``desktop.session.speech_model``). Dictation is
refused while a consultation is being recorded: the microphone and the model are busy with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from desktop.asr.base import DecodeOptions, Transcriber
from desktop.audio.base import AudioSource
from desktop.cancel import CancelToken
from desktop.errors import ScribeError
from desktop.pcm import SAMPLE_RATE
from desktop.session.services import Services
from desktop.session.speech_model import SpeechModel
from desktop.session.workers import Worker

log = logging.getLogger(__name__)

MIN_SECONDS = 0.4  # shorter than this is a slip of the finger, not an instruction


class DictationFailed(ScribeError):
    """Nothing usable was heard, or dictation cannot start now."""


def dictation_job(
    source: AudioSource,
    transcriber: Transcriber,
    *,
    released: CancelToken,
    language: str | None,
    cancel: CancelToken,
) -> Generator[Any, None, str]:
    """Record until released (or cancelled), then transcribe; returns the words heard."""
    released.on_cancel(source.stop)
    pieces = [block for block in source.blocks(cancel)]
    if cancel.is_cancelled():
        return ""
    audio = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
    if audio.size < MIN_SECONDS * SAMPLE_RATE:
        raise DictationFailed("Hold the button while you speak, then let go.")
    yield "transcribing"
    text = transcriber.transcribe(audio, DecodeOptions(language=language, vad=True)).text
    if not text.strip():
        raise DictationFailed("Nothing was heard: speak closer to the microphone and try again.")
    log.info("dictation: %.1f s heard, %d chars", audio.size / SAMPLE_RATE, len(text))
    return text.strip()


class Dictation(QObject):
    listening = Signal()  # recording the instruction
    transcribing = Signal()  # released: turning it into words
    heard = Signal(str)  # the instruction, in words
    failed = Signal(object)  # the exception

    def __init__(
        self,
        *,
        spawn: Callable[..., Worker],
        speech: SpeechModel,
        services: Callable[[], Services],
        busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._speech = speech
        self._services = services
        self._busy = busy
        self._worker: Worker | None = None
        self._released = CancelToken()
        self._waiting_for_model = False
        speech.loaded.connect(self._on_model_loaded)
        speech.failed.connect(self._on_model_failed)

    @property
    def active(self) -> bool:
        return self._worker is not None or self._waiting_for_model

    def press(self) -> None:
        """Start listening (the button or key is held)."""
        if self.active:
            return
        if self._busy():
            self.failed.emit(
                DictationFailed("The microphone is recording the consultation: stop it first.")
            )
            return
        self._released = CancelToken()
        if self._speech.transcriber is None:
            self._waiting_for_model = True
            self._speech.load(self._services().load_transcriber)
            return
        self._start(self._speech.transcriber)

    def release(self) -> None:
        """Stop listening; what was said is transcribed."""
        self._released.cancel()

    def cancel(self) -> None:
        self._waiting_for_model = False
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def _start(self, transcriber: Transcriber) -> None:
        try:
            source = self._services().open_source()
        except ScribeError as exc:
            self.failed.emit(exc)
            return
        language = self._services().language
        self._worker = self._spawn(
            dictation_job,
            source,
            transcriber,
            name="dictation",
            released=self._released,
            language=None if language == "auto" else language,
        )
        self._worker.yielded.connect(self._on_transcribing)
        self._worker.returned.connect(self._on_heard)
        self._worker.errored.connect(self._on_failed)
        self.listening.emit()
        self._worker.start()

    def _on_model_loaded(self) -> None:
        if self._waiting_for_model and self._speech.transcriber is not None:
            self._waiting_for_model = False
            self._start(self._speech.transcriber)

    def _on_model_failed(self, exc: Exception) -> None:
        if self._waiting_for_model:
            self._waiting_for_model = False
            self.failed.emit(exc)

    def _on_transcribing(self, _item: Any) -> None:
        self.transcribing.emit()

    def _on_heard(self, text: Any) -> None:
        self._worker = None
        if text:
            self.heard.emit(str(text))

    def _on_failed(self, exc: Exception) -> None:
        self._worker = None
        self.failed.emit(exc)
