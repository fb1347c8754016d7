"""Pre-reading during the visit: the draft's prompt, with the settled transcript so far, sent to
the note server in idle moments (see ``desktop.notes.pre_read``), so that the draft at Stop has
little left to read.

The controller tells it the document the doctor would draft (``set_target``: the window's chosen
document and note language) and offers it the settled text as it grows (``offer``); it sends at
most one pre-read at a time, only once enough new text has settled (or the target changed), and
never while the live transcript is behind. A failure (the server not started yet, crashed or busy)
is logged and never shown: the next offer tries again after a short rest.

Threads: every method runs on the GUI thread; the pre-read runs in a
``desktop.session.workers.Worker`` thread whose signals come back into the bound slots below.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.notes.base import DraftRequest, NoteWriter, Template
from desktop.notes.pre_read import can_pre_read, pre_read_job, worth_pre_reading
from desktop.session.workers import Worker

log = logging.getLogger(__name__)

MIN_NEW_CHARS = 100  # about 30 tokens of new settled text before the next pre-read: each
# costs the server only the new tokens, and what is not read by Stop is read after it (on a
# 4-minute visit, 300 left 263 prompt tokens to read after Stop)
RETRY_AFTER_S = 20.0  # after a failed pre-read


class PreReading(QObject):
    def __init__(
        self,
        *,
        spawn: Callable[..., Worker],
        writer: Callable[[], NoteWriter],
        budget_tokens: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._writer = writer
        self.budget_tokens = budget_tokens
        self._clock = clock
        self._target: tuple[Template, str, str] | None = None
        self._active = False  # a recording is under way (nothing is sent otherwise)
        self._text = ""  # the settled text offered last
        self._sent: DraftRequest | None = None  # what the server read last
        self._worker: Worker | None = None
        self._failed_at: float | None = None
        self.sent = 0  # pre-reads sent (for tests and benches)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def set_target(self, template: Template | None, note_language: str, context: str = "") -> None:
        """The document the doctor would draft now (None: nothing to pre-read)."""
        self._target = None if template is None else (template, note_language, context)
        self._maybe_send()

    def offer(self, settled_text: str) -> None:
        """The transcript's settled text so far (it only grows at its end)."""
        self._text = settled_text.strip()
        self._maybe_send()

    def begin(self) -> None:
        """A recording starts: the rules and instructions are read at once (and the built-in
        server started), the transcript as it settles."""
        self._active, self._text, self._sent = True, "", None
        self._maybe_send()

    def end(self) -> None:
        """The recording is over (or the backend changed): nothing more is sent. One in flight
        goes on: it reads what the draft will read."""
        self._active, self._text, self._sent = False, "", None

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

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
        if self._failed_at is not None and self._clock() - self._failed_at < RETRY_AFTER_S:
            return
        sent = self._sent
        same_target = sent is not None and (
            (sent.template, sent.note_language, sent.context)
            == (request.template, request.note_language, request.context)
        )
        if same_target and sent is not None:
            grown = len(request.transcript) - len(sent.transcript)
            if grown < MIN_NEW_CHARS:
                return
        if not worth_pre_reading(request, budget_tokens=self.budget_tokens):
            return
        try:
            writer = self._writer()
        except Exception as exc:  # e.g. "local only" refusing the server: the draft will say so
            log.info("pre-read: no writer (%s)", type(exc).__name__)
            return
        if not can_pre_read(writer):
            return
        self._sent = request
        self._worker = self._spawn(pre_read_job, writer, request, name="pre-read")
        self._worker.errored.connect(self._on_failed)
        self._worker.finished.connect(self._on_finished)
        self.sent += 1
        log.info("pre-read: sending %d transcript chars", len(request.transcript))
        self._worker.start()

    def _on_failed(self, exc: Exception) -> None:
        log.info("pre-read failed (%s); tried again later", type(exc).__name__)
        self._sent = None
        self._failed_at = self._clock()

    def _on_finished(self) -> None:
        self._worker = None
        self._maybe_send()
