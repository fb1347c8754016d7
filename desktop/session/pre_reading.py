"""Pre-reading during the visit: the draft's prompt, with the settled transcript so far, sent to
the note server in idle moments (see ``desktop.notes.pre_read``), so that the draft at Stop has
little left to read.

The controller tells it the document the doctor would draft (``set_target``: the window's chosen
document and note language) and offers it the settled text as it grows (``offer``); it sends at
most one pre-read at a time, only once enough new text has settled (or the target changed), and
never while the live transcript is behind. A failure (the server not started yet, crashed or busy)
is logged and never shown: the next offer tries again after a short rest.

A long visit whose settled text is over the budget is condensed at Stop, so its raw prompt is never
worth sending: instead the finished parts (all but the last, still growing; see
``desktop.notes.condensing``) are condensed one at a time into the shared ``CondensedParts`` the
draft reuses, and once they all are, the last part's condensing prompt is pre-read (at Stop it is
the first request). The draft's own prompt is not pre-read then: llama.cpp keeps one prompt, and
condensing the last part at Stop replaces it. A note language change cancels a part under way
(the condensed notes are in the note language); a new recording cancels it and forgets the parts;
a live transcript far behind (``YIELD_BACKLOG_S``) makes it step aside until the next offer.

Threads: every method runs on the GUI thread; the pre-read runs in a
``desktop.session.workers.Worker`` thread whose signals come back into the bound slots below.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.notes.base import DraftRequest, NoteWriter, Template
from desktop.notes.condensing import (
    CondensedParts,
    condense_request,
    part_key,
    pre_condense_job,
    split_transcript,
)
from desktop.notes.pre_read import can_pre_read, pre_read_job, worth_pre_reading
from desktop.notes.templates import CONDENSE_KIND
from desktop.session.workers import Worker

log = logging.getLogger(__name__)

MIN_NEW_CHARS = 100  # about 30 tokens of new settled text before the next pre-read: each
# costs the server only the new tokens, and what is not read by Stop is read after it (on a
# 4-minute visit, 300 left 263 prompt tokens to read after Stop)
RETRY_AFTER_S = 20.0  # after a failed pre-read
# A part being condensed is given up when the live transcript is this far behind (its answer is
# streamed, so the server stops at once; its prompt stays in the server's cache for next time).
YIELD_BACKLOG_S = 3.0


class PreReading(QObject):
    def __init__(
        self,
        *,
        spawn: Callable[..., Worker],
        writer: Callable[[], NoteWriter],
        budget_tokens: int,
        parts: CondensedParts | None = None,
        idle: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._writer = writer
        self.budget_tokens = budget_tokens
        self.parts = parts if parts is not None else CondensedParts()  # shared with the drafts
        self._idle = idle  # False while the live transcript is behind: nothing is started then
        self._clock = clock
        self._target: tuple[Template, str, str] | None = None
        self._active = False  # a recording is under way (nothing is sent otherwise)
        self._text = ""  # the settled text offered last
        self._sent: DraftRequest | None = None  # what the server read last
        self._worker: Worker | None = None
        self._running: DraftRequest | None = None  # what the worker under way sends
        self._condensing = False  # the worker under way condenses a part (not a pre-read)
        self._failed_at: float | None = None
        self.sent = 0  # pre-reads sent (for tests and benches)
        self.condensed = 0  # parts condensed ahead (for tests and benches)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def set_target(self, template: Template | None, note_language: str, context: str = "") -> None:
        """The document the doctor would draft now (None: nothing to pre-read)."""
        self._target = None if template is None else (template, note_language, context)
        running = self._running
        if running is not None and running.template.kind == CONDENSE_KIND:
            wanted = None if template is None else note_language
            if running.note_language != wanted:
                self.cancel()  # notes in another language: started again once it ends
        self._maybe_send()

    def offer(self, settled_text: str) -> None:
        """The transcript's settled text so far (it only grows at its end)."""
        self._text = settled_text.strip()
        self._maybe_send()

    def begin(self) -> None:
        """A recording starts: the rules and instructions are read at once (and the built-in
        server started), the transcript as it settles. Parts of another visit are forgotten."""
        self.cancel()
        self.parts.clear()
        self._active, self._text, self._sent = True, "", None
        self._maybe_send()

    def end(self) -> None:
        """The recording is over (or the backend changed): nothing more is sent. One in flight
        goes on: it reads what the draft will read."""
        self._active, self._text, self._sent = False, "", None

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def live_backlog(self, seconds: float) -> None:
        """How far the live transcript is behind: a part being condensed steps aside when it is
        far behind (nothing new starts while it is behind at all: ``idle``)."""
        if seconds >= YIELD_BACKLOG_S and self._condensing:
            log.info("pre-condense: the live transcript is %.1f s behind; stepping aside", seconds)
            self.cancel()

    def _request(self) -> DraftRequest | None:
        if self._target is None or not self._active:
            return None
        template, note_language, context = self._target
        return DraftRequest(
            transcript=self._text, template=template, note_language=note_language, context=context
        )

    def _maybe_send(self) -> None:
        request = self._request()
        if request is None or self._worker is not None:
            return
        if self._idle is not None and not self._idle():
            return
        if self._failed_at is not None and self._clock() - self._failed_at < RETRY_AFTER_S:
            return
        try:
            writer = self._writer()
        except Exception as exc:  # e.g. "local only" refusing the server: the draft will say so
            log.info("pre-read: no writer (%s)", type(exc).__name__)
            return
        if not can_pre_read(writer):  # (a remote server without the setting: nothing at all)
            return
        if worth_pre_reading(request, budget_tokens=self.budget_tokens):
            self._pre_read(writer, request)
        else:
            self._pre_condense(writer, request)

    def _pre_read(self, writer: NoteWriter, request: DraftRequest) -> None:
        sent = self._sent
        same_target = sent is not None and (
            (sent.template, sent.note_language, sent.context)
            == (request.template, request.note_language, request.context)
        )
        if same_target and sent is not None:
            grown = len(request.transcript) - len(sent.transcript)
            if grown < MIN_NEW_CHARS:
                return
        self._sent = request
        self.sent += 1
        log.info("pre-read: sending %d transcript chars", len(request.transcript))
        self._start(pre_read_job, writer, request, name="pre-read")

    def _pre_condense(self, writer: NoteWriter, request: DraftRequest) -> None:
        """The first finished part not condensed yet; once none is left, the last part's
        condensing prompt is pre-read."""
        parts = split_transcript(request.transcript, max_tokens=self.budget_tokens)
        language = request.note_language
        for number, part in enumerate(parts[:-1], start=1):
            part_request = condense_request(part, number=number, note_language=language)
            if not self.parts.has(part_key(writer, part_request)):
                self.condensed += 1
                log.info("pre-condense: part %d (%d chars)", number, len(part))
                self._start(pre_condense_job, writer, part_request, name="pre-condense",
                            parts=self.parts)  # fmt: skip
                self._condensing = True
                return
        last = condense_request(parts[-1], number=len(parts), note_language=language)
        self._pre_read(writer, last)

    def _start(
        self, job: Callable[..., object], writer: NoteWriter, request: DraftRequest, **kw: object
    ) -> None:
        self._running = request
        self._worker = self._spawn(job, writer, request, **kw)
        self._worker.errored.connect(self._on_failed)
        self._worker.finished.connect(self._on_finished)
        self._worker.start()

    def _on_failed(self, exc: Exception) -> None:
        log.info("pre-read failed (%s); tried again later", type(exc).__name__)
        self._sent = None
        self._failed_at = self._clock()

    def _on_finished(self) -> None:
        self._worker, self._running, self._condensing = None, None, False
        self._maybe_send()
