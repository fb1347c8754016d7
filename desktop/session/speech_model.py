"""The speech model: loaded once in the background, kept until the speech settings change.

Threads: every public method runs on the GUI thread. The model loads in a
``desktop.session.workers.Worker`` thread (the bundled model is joined on first start); its signals
are queued back onto the GUI thread into the bound ``_on_*`` slots below, which emit this object's
signals. The Controller decides what a load is for (recording, recovery) and re-emits the
progress as its own.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.asr.base import Transcriber
from desktop.cancel import CancelToken
from desktop.progress import Progress, ProgressFn
from desktop.session.workers import Worker, progress_generator


def _load_job(
    load: Callable[[ProgressFn], Transcriber], cancel: CancelToken
) -> Generator[Any, None, Transcriber]:
    transcriber: Transcriber = yield from progress_generator(load)
    return transcriber


class SpeechModel(QObject):
    """At most one load at a time; the loaded transcriber is kept until ``forget``."""

    progress = Signal(object)  # Progress of the load (the Controller says when it is over)
    loaded = Signal()  # ``transcriber`` is ready
    failed = Signal(object)  # the exception

    def __init__(self, *, spawn: Callable[..., Worker], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._transcriber: Transcriber | None = None
        self._loader: Worker | None = None

    @property
    def transcriber(self) -> Transcriber | None:
        """The loaded model, or None (not loaded yet, still loading, or forgotten)."""
        return self._transcriber

    def load(self, load_transcriber: Callable[[ProgressFn], Transcriber]) -> None:
        """Load in the background, unless the model is loaded or loading already."""
        if self._transcriber is None and self._loader is None:
            self._loader = self._spawn(_load_job, load_transcriber, name="load")
            self._loader.yielded.connect(self._on_progress)
            self._loader.returned.connect(self._on_loaded)
            self._loader.errored.connect(self._on_failed)
            self._loader.start()

    def forget(self) -> None:
        """The speech settings changed: the model is loaded again on next use."""
        self._transcriber = None

    def _on_progress(self, progress: Progress) -> None:
        self.progress.emit(progress)

    def _on_loaded(self, transcriber: Transcriber) -> None:
        self._transcriber = transcriber
        self._loader = None
        self.loaded.emit()

    def _on_failed(self, exc: Exception) -> None:
        self._loader = None
        self.failed.emit(exc)
