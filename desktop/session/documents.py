"""The current encounter's documents: drafted through the notes backend, edited, autosaved, copied.

Threads: every public method runs on the GUI thread. Drafting runs in a
``desktop.session.workers.Worker`` thread (``desktop.session.repair.draft_and_repair``: the draft,
then its repair before the doctor reads it); its signals are
queued back onto the GUI thread into the bound ``_on_draft_*`` slots below, which update the
Encounter's documents and emit this object's signals (the Controller re-emits them as its own). The
autosave timer fires on the GUI thread. The Encounter is only touched on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.document_format import clean_markdown
from desktop.encounter import Encounter
from desktop.errors import ScribeError
from desktop.notes.base import DraftRequest, NoteWriter, RepairFailed, SharesCores, Template
from desktop.notes.condensing import CondensedParts
from desktop.progress import Progress
from desktop.session.journal import Journal
from desktop.session.repair import Repaired, RepairResult, draft_and_repair
from desktop.session.workers import Worker

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 800  # edits are saved this long after the doctor stops typing


class Documents(QObject):
    """Drafts, edits and saves the documents of the encounter ``encounter()`` returns."""

    draft_started = Signal(str)  # template id
    draft_chunk = Signal(str, str)  # template id, text
    draft_replaced = Signal(str, str)  # template id, the whole text (a repair landed)
    draft_finished = Signal(str, bool)  # template id, completed (False: cancelled or failed)
    progress = Signal(object)  # Progress of a long wait; None when it is over
    error = Signal(object)  # an exception

    def __init__(
        self,
        *,
        encounter: Callable[[], Encounter],
        journal: Journal,
        spawn: Callable[..., Worker],
        make_writer: Callable[[], NoteWriter],
        budget_tokens: int,
        repair: bool = True,
        parts: CondensedParts | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._parts = parts  # a long visit's condensed parts, reused from draft to draft
        self.repair = repair  # drafts are checked and repaired before the doctor reads them
        self._encounter = encounter
        self._journal = journal
        self._spawn = spawn
        self._make_writer = make_writer
        self._budget_tokens = budget_tokens
        self._writer: NoteWriter | None = None
        self._recording = False  # a recording under way: the transcriber needs every core
        self._drafter: Worker | None = None
        self._drafting: str = ""
        self._draft_waiting = False  # a Progress was shown and no text has arrived since
        self._first_kept = False  # the unrepaired first draft is in the history
        self._unsaved: dict[str, str] = {}  # template id -> text not yet autosaved
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)

    def reconfigure(
        self, *, make_writer: Callable[[], NoteWriter], budget_tokens: int, notes_changed: bool
    ) -> None:
        """New settings: the note writer is rebuilt on next use if its settings changed."""
        self._make_writer = make_writer
        self._budget_tokens = budget_tokens
        if notes_changed and self._writer is not None:
            self._writer.close()
            self._writer = None

    # --- drafting ----------------------------------------------------------------------------

    @property
    def drafting(self) -> str:
        """The template id being drafted, or ""."""
        return self._drafting

    def writer(self) -> NoteWriter:
        """The note writer, built on first use (drafts and revisions share it)."""
        if self._writer is None:
            self._writer = self._make_writer()
            self._share_cores()
        return self._writer

    def recording(self, under_way: bool) -> None:
        """A recording started or ended: a model on this computer leaves the cores to the
        transcriber meanwhile, and may use the idle ones otherwise."""
        self._recording = under_way
        self._share_cores()

    def _share_cores(self) -> None:
        if isinstance(self._writer, SharesCores):
            self._writer.use_spare_cores(not self._recording)

    def draft(self, template: Template, *, note_language: str, context: str = "") -> None:
        if self._drafting:
            return
        try:
            self.writer()
        except Exception as exc:
            self.error.emit(exc)
            return
        encounter = self._encounter()
        request = DraftRequest(
            transcript=encounter.dialogue_text,
            template=template,
            note_language=note_language,
            context=context,
        )
        self._drafting = template.id
        self._first_kept = False
        encounter.document(template.id).text = ""
        self._drafter = self._spawn(
            draft_and_repair,
            self.writer(),
            request,
            name="draft",
            segments=tuple(encounter.segments),
            budget_tokens=self._budget_tokens,
            repair=self.repair,
            parts=self._parts,
        )
        self._drafter.yielded.connect(self._on_draft_item)
        self._drafter.returned.connect(self._on_draft_done)
        self._drafter.errored.connect(self._on_draft_failed)
        self.draft_started.emit(template.id)
        log.info(
            "draft started: template=%s transcript_chars=%d", template.id, len(request.transcript)
        )
        self._drafter.start()

    def cancel_draft(self) -> None:
        if self._drafter is not None:
            self._drafter.cancel()
            self._end_draft(completed=False)

    def _on_draft_item(self, item: Any) -> None:
        if isinstance(item, Progress):
            self._draft_waiting = True
            self.progress.emit(item)
            return
        if isinstance(item, Repaired):
            self._on_repaired(item)
            return
        if self._draft_waiting:
            self._draft_waiting = False
            self.progress.emit(None)
        document = self._encounter().document(self._drafting)
        document.text += item
        self.draft_chunk.emit(self._drafting, item)

    def _on_repaired(self, item: Repaired) -> None:
        """A repair landed: the first draft goes to the history once, the text is replaced."""
        encounter = self._encounter()
        document = encounter.document(self._drafting)
        if not self._first_kept:
            self._first_kept = True
            first = clean_markdown(document.text)
            self._report(self._journal.document(encounter, self._drafting, first, new_version=True))
        document.text = item.text
        self.draft_replaced.emit(self._drafting, item.text)

    def _on_draft_done(self, result: Any) -> None:
        if isinstance(result, RepairResult) and result.failed:
            self.error.emit(
                RepairFailed(
                    "The draft could not be checked against the consultation and repaired "
                    f"({result.failed}); the first draft is shown as the model wrote it."
                )
            )
        self._end_draft(completed=True)

    def _on_draft_failed(self, exc: Exception) -> None:
        self.error.emit(exc)
        self._end_draft(completed=False)

    def _end_draft(self, *, completed: bool) -> None:
        template_id, self._drafting, self._drafter = self._drafting, "", None
        self.progress.emit(None)
        if template_id:
            encounter = self._encounter()
            text = encounter.document(template_id).text
            self._unsaved.pop(template_id, None)
            self._report(self._journal.document(encounter, template_id, text, new_version=True))
            self.draft_finished.emit(template_id, completed)

    # --- edits -------------------------------------------------------------------------------

    @property
    def has_unsaved(self) -> bool:
        """Edits are waiting for the autosave."""
        return bool(self._unsaved)

    def update_document(self, template_id: str, text: str) -> None:
        """An edit by the doctor: kept at once, saved to disk shortly after typing stops."""
        if template_id == self._drafting:
            return  # the stream is still writing it
        self._encounter().document(template_id).text = text
        self._unsaved[template_id] = text
        self._autosave.start()

    def save_now(self) -> None:
        self._autosave.stop()
        unsaved, self._unsaved = self._unsaved, {}
        for template_id, text in unsaved.items():
            self._report(self._journal.document(self._encounter(), template_id, text))

    def add_instruction(self, template_id: str, instruction: str) -> None:
        """An instruction the doctor accepted for a document: kept with it (and saved at once,
        with its text) as the doctor's own statement for the checks."""
        encounter = self._encounter()
        document = encounter.document(template_id)
        document.instructions.append(instruction)
        self._unsaved.pop(template_id, None)  # saved now, with the text
        self._report(self._journal.instructions(encounter, template_id))

    def instructions(self, template_id: str) -> list[str]:
        document = self._encounter().documents.get(template_id)
        return list(document.instructions) if document is not None else []

    def discard_unsaved(self) -> None:
        """The encounter is gone (deleted): its pending edits are dropped."""
        self._unsaved.clear()

    def mark_copied(self, template_id: str) -> None:
        encounter = self._encounter()
        document = encounter.document(template_id)
        document.copied_at = time.time()
        self._unsaved[template_id] = document.text
        self.save_now()
        self._report(self._journal.copied(encounter, template_id))

    def _report(self, exc: ScribeError | None) -> None:
        if exc is not None:
            self.error.emit(exc)

    # --- shutdown ----------------------------------------------------------------------------

    def shutdown(self, timeout: float) -> None:
        """Cancel a draft in progress, wait for its thread, stop the local note server."""
        if self._drafter is not None:
            self._drafter.cancel()
            self._drafter.wait(timeout)
        if self._writer is not None:
            self._writer.close()
            self._writer = None
