"""Past encounters in the store: open one, delete one, finish one a crash interrupted, retention.

Threads: every public method runs on the GUI thread. Recovery (``desktop.store.recovery``) and
retention run in ``desktop.session.workers.Worker`` threads; their signals are queued back onto the
GUI thread into the bound ``_on_*`` slots below (and, for retention errors, straight into
``error``). The Controller decides when these are allowed (its state) and re-emits the signals as
its own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.asr.base import Transcriber
from desktop.cancel import CancelToken
from desktop.encounter import Encounter
from desktop.errors import ScribeError
from desktop.progress import Progress
from desktop.session.documents import Documents
from desktop.session.workers import Worker
from desktop.store.encounters import EncounterStore
from desktop.store.recovery import recover_job
from desktop.store.retention import RetentionPolicy, apply_retention

log = logging.getLogger(__name__)


def _retention_job(
    store: EncounterStore, policy: RetentionPolicy, keep: set[str], cancel: CancelToken
) -> Iterator[Any]:
    report = apply_retention(store, now=time.time(), policy=policy, keep=keep)
    log.info(
        "retention: %d encounters and %d audio files deleted",
        report.encounters_deleted,
        report.audio_files_deleted,
    )
    yield from ()


class EncounterHistory(QObject):
    """The store side of past encounters; does nothing when there is no store."""

    opened = Signal(object)  # the Encounter to show now (loaded, recovered, or a fresh one)
    recovery_over = Signal()  # recovery finished or failed (before ``opened`` / ``error``)
    progress = Signal(object)  # Progress of a recovery; None when it is over
    error = Signal(object)  # an exception

    def __init__(
        self,
        *,
        store: EncounterStore | None,
        retention: RetentionPolicy | None,
        documents: Documents,
        spawn: Callable[..., Worker],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._retention = retention
        self._documents = documents
        self._spawn = spawn

    def reconfigure(
        self, *, store: EncounterStore | None, retention: RetentionPolicy | None
    ) -> None:
        self.store = store
        self._retention = retention

    def open(self, encounter_id: str) -> None:
        """Load a past encounter (the current one's edits are saved first)."""
        if self.store is None:
            return
        self._documents.save_now()
        try:
            encounter = self.store.load(encounter_id)
        except ScribeError as exc:
            self.error.emit(exc)
            return
        self.opened.emit(encounter)

    def delete(self, encounter_id: str, *, current_id: str) -> None:
        """Delete an encounter; deleting the current one opens a fresh, empty one."""
        if self.store is None:
            return
        try:
            self.store.delete(encounter_id)
        except ScribeError as exc:
            self.error.emit(exc)
            return
        if encounter_id == current_id:
            self._documents.discard_unsaved()
            self.opened.emit(Encounter())

    def recover(self, encounter_id: str, *, transcriber: Transcriber) -> None:
        """Transcribe the audio after an interrupted encounter's transcript (in the background)."""
        if self.store is None:
            return
        worker = self._spawn(
            recover_job,
            self.store,
            encounter_id,
            name="recover",
            transcriber=transcriber,
        )
        worker.yielded.connect(self._on_progress)
        worker.returned.connect(self._on_recovered)
        worker.errored.connect(self._on_recovery_failed)
        worker.start()

    def _on_progress(self, progress: Progress) -> None:
        self.progress.emit(progress)

    def _on_recovered(self, encounter: Encounter | None) -> None:
        self.progress.emit(None)
        self.recovery_over.emit()
        if encounter is not None:
            self.opened.emit(encounter)

    def _on_recovery_failed(self, exc: Exception) -> None:
        self.progress.emit(None)
        self.recovery_over.emit()
        self.error.emit(exc)

    def apply_retention(self, *, keep: set[str]) -> None:
        """Delete what the retention rules say is due (in the background), except ``keep``."""
        if self.store is None or self._retention is None:
            return
        worker = self._spawn(_retention_job, self.store, self._retention, keep, name="retain")
        worker.errored.connect(self.error)
        worker.start()
