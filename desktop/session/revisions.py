"""Revisions asked for by the doctor, run on a worker: "shorter", "the dose was 5 mg".

Threads: every public method runs on the GUI thread. ``desktop.notes.revise.revise_job`` runs in a
``desktop.session.workers.Worker`` thread; its signals are queued back onto the GUI thread into
the bound ``_on_*`` slots below, which check the revision against the consultation
(``desktop.session.revision_check``, fast) and emit ``ready``. The document itself is never
changed here: the window shows the difference and the doctor accepts or discards it. A revision
is refused while a draft is being written (the draft would replace the text under it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.asr.base import Segment
from desktop.errors import ScribeError
from desktop.notes.base import NoteWriter
from desktop.notes.revise import Revision, RevisionRequest, plan_revision, revise_job
from desktop.progress import Progress
from desktop.session.revision_check import RevisionCheck, check_revision
from desktop.session.workers import Worker

log = logging.getLogger(__name__)


class RevisionRefused(ScribeError):
    """A revision cannot start now (a draft or another revision is under way)."""


@dataclass(frozen=True)
class RevisionResult:
    template_id: str
    revision: Revision
    check: RevisionCheck
    evidence: tuple[str, ...] = field(default=())  # the instructions given before this one


class Revisions(QObject):
    started = Signal(str)  # template id
    streamed = Signal(str)  # the answer received so far
    waiting = Signal(object)  # Progress of a wait (starting the model...), None when over
    ready = Signal(object)  # RevisionResult
    failed = Signal(object)  # the exception; the document is unchanged
    cancelled = Signal()

    def __init__(
        self,
        *,
        spawn: Callable[..., Worker],
        writer: Callable[[], NoteWriter],
        drafting: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._writer = writer
        self._drafting = drafting
        self._worker: Worker | None = None
        self._pending: dict[str, Any] = {}
        self._answer = ""

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def revise(
        self,
        *,
        template_id: str,
        document: str,
        instruction: str,
        transcript: Sequence[Segment],
        note_language: str,
        evidence: Sequence[str] = (),
    ) -> None:
        """Start a revision; ``failed`` says at once why one cannot start."""
        request = RevisionRequest(
            document=document,
            instruction=instruction,
            transcript="\n".join(s.text for s in transcript),
            note_language=note_language,
        )
        try:
            if self._drafting():
                raise RevisionRefused(
                    "A draft is being written: ask for the change when it is done."
                )
            if self._worker is not None:
                raise RevisionRefused("A change is already being written: wait or cancel it.")
            plan_revision(request)  # an unclear instruction is refused before any work
            writer = self._writer()
        except Exception as exc:  # the writer could not be built: said like a draft's error
            self.failed.emit(exc)
            return
        self._pending = {
            "template_id": template_id,
            "transcript": tuple(transcript),
            "evidence": tuple(evidence),
            "language": note_language,
        }
        self._answer = ""
        self._worker = self._spawn(revise_job, writer, request, name="revise")
        self._worker.yielded.connect(self._on_item)
        self._worker.returned.connect(self._on_done)
        self._worker.errored.connect(self._on_failed)
        self.started.emit(template_id)
        log.info("revision started: document_chars=%d", len(document))
        self._worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
            self.waiting.emit(None)
            self.cancelled.emit()

    def _on_item(self, item: Any) -> None:
        if isinstance(item, Progress):
            self.waiting.emit(item)
            return
        if not self._answer:
            self.waiting.emit(None)
        self._answer += str(item)
        self.streamed.emit(self._answer)

    def _on_done(self, revision: Any) -> None:
        self._worker = None
        self.waiting.emit(None)
        if not isinstance(revision, Revision):
            self.cancelled.emit()
            return
        pending = self._pending
        try:
            checked = check_revision(
                revision,
                pending["transcript"],
                instructions=pending["evidence"],
                language=pending["language"],
            )
        except Exception:  # a check must never cost the doctor the revision
            log.warning("revision check failed", exc_info=True)
            checked = RevisionCheck((), ())
        self.ready.emit(
            RevisionResult(pending["template_id"], revision, checked, pending["evidence"])
        )

    def _on_failed(self, exc: Exception) -> None:
        self._worker = None
        self.waiting.emit(None)
        self.failed.emit(exc)
