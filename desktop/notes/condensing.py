"""Condensing a long transcript: its split into parts, each part's condensing request, and the
condensed parts kept so that a part condensed during the visit is not condensed again at Stop.

A transcript over the budget is cut into parts at turn boundaries (``split_transcript``), greedily
from its start: as the transcript grows at its end, every part but the last stays exactly as it
was (``finished_parts``). Each part is condensed by the note model (``condense_request``: part
``n``, the note language; not the number of parts, which grows). ``CondensedParts`` keeps the
answers keyed by what the request really depends on (the writer's name and model, and the
messages sent: the part's text, its number, the note language and the condense prompt), so a
changed text, language or prompt is simply a miss.

During the visit ``pre_condense_job`` condenses finished parts in idle moments
(``desktop.session.pre_reading``); at Stop ``drafting.draft_job`` asks ``condense`` for each part:
kept, or under way in the background (it waits for that one), or asked now.

Threads: ``CondensedParts`` is shared by the pre-read worker and the draft worker (a lock and a
condition inside); ``condense`` and ``pre_condense_job`` run on those workers; ``cancel`` may be
set from the GUI thread.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
from collections.abc import Iterator

from desktop.cancel import CancelToken
from desktop.notes.base import BackendFailed, DraftRequest, NoteWriter
from desktop.notes.prompts import draft_messages
from desktop.notes.templates import condense_template
from desktop.progress import Progress

log = logging.getLogger(__name__)

CHARS_PER_TOKEN = 3.5  # conservative for English and French with Llama/Qwen/GPT tokenizers


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def split_transcript(text: str, *, max_tokens: int) -> list[str]:
    """Cut ``text`` into parts of at most ``max_tokens`` (estimated), at line (turn) boundaries
    where possible, else at sentence or word boundaries. Greedy from the start: text added at the
    end changes only the last part (and adds parts after it)."""
    limit = max(1, int(max_tokens * CHARS_PER_TOKEN))
    pieces: list[str] = []
    for line in text.splitlines():
        pieces.extend(_cut(line.strip(), limit) if line.strip() else [])
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n{piece}" if current else piece
        if len(candidate) > limit and current:
            parts.append(current)
            current = piece
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _cut(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    out: list[str] = []
    current = ""
    for word in re.split(r"(?<=[.!?])\s+|\s+", line):
        while len(word) > limit:  # a single word longer than a part (never in speech)
            if current:
                out.append(current)
                current = ""
            out.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > limit:
            out.append(current)
            current = word
        else:
            current = candidate
    if current:
        out.append(current)
    return out


def finished_parts(text: str, *, budget_tokens: int) -> list[str]:
    """The parts of ``text`` that stay as they are however the text grows at its end: all but
    the last (none while the text is within the budget: it is not condensed at all)."""
    if estimate_tokens(text.strip()) <= budget_tokens:
        return []
    return split_transcript(text, max_tokens=budget_tokens)[:-1]


def condense_request(part: str, *, number: int, note_language: str) -> DraftRequest:
    """The request that condenses part ``number`` (1-based) of a long transcript."""
    return DraftRequest(
        transcript=part,
        template=condense_template(note_language, part=number),
        note_language=note_language,
    )


def part_key(writer: NoteWriter, request: DraftRequest) -> str:
    """What a condensed part depends on: who condenses it and exactly what is sent."""
    sent = [
        getattr(writer, "name", ""),
        getattr(writer, "model", ""),
        [(m.role, m.content) for m in draft_messages(request)],
    ]
    return hashlib.sha256(json.dumps(sent).encode("utf-8")).hexdigest()


class CondensedParts:
    """Condensed parts by ``part_key``; a part being condensed is ``claim``ed so that another
    worker needing it waits for it rather than asking the model twice."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._done: dict[str, str] = {}
        self._pending: set[str] = set()

    def __len__(self) -> int:
        with self._changed:
            return len(self._done)

    def get(self, key: str) -> str | None:
        with self._changed:
            return self._done.get(key)

    def has(self, key: str) -> bool:
        """Kept, or being condensed now."""
        with self._changed:
            return key in self._done or key in self._pending

    def claim(self, key: str) -> bool:
        """True when the caller is now the one to condense ``key`` (neither kept nor claimed)."""
        with self._changed:
            if key in self._done or key in self._pending:
                return False
            self._pending.add(key)
            return True

    def release(self, key: str, text: str | None) -> None:
        """The claimed part is condensed (``text``), or not (None: failed or cancelled)."""
        with self._changed:
            self._pending.discard(key)
            if text:
                self._done[key] = text
            self._changed.notify_all()

    def wait(self, key: str, cancel: CancelToken) -> str | None:
        """The part once no one is condensing it any more: its text, or None (the one who was
        failed or was cancelled, or ``cancel`` was set)."""
        cancel.on_cancel(self._wake)
        with self._changed:
            while key in self._pending and not cancel.is_cancelled():
                self._changed.wait()
            return self._done.get(key)

    def clear(self) -> None:
        """A new consultation, or another note backend: nothing kept is of use any more."""
        with self._changed:
            self._done.clear()

    def _wake(self) -> None:
        with self._changed:
            self._changed.notify_all()


def condense(
    writer: NoteWriter, request: DraftRequest, *, parts: CondensedParts, cancel: CancelToken
) -> str:
    """The condensed notes of one part: kept, or waited for while another worker condenses it,
    or asked of ``writer`` now (and kept). Raises NoteError as a draft does; returns what was
    received when cancelled."""
    key = part_key(writer, request)
    while True:
        kept = parts.get(key)
        if kept is not None:
            return kept
        if parts.claim(key):
            text: str | None = None
            try:
                text = "".join(writer.stream(request, cancel=cancel)).strip()
                return text
            finally:
                parts.release(key, None if cancel.is_cancelled() else text)
        kept = parts.wait(key, cancel)
        if kept is not None or cancel.is_cancelled():
            return kept or ""
        # the worker that had it failed or was cancelled: ask for it here


def pre_condense_job(
    writer: NoteWriter, request: DraftRequest, *, parts: CondensedParts, cancel: CancelToken
) -> Iterator[Progress]:
    """A worker's generator: condense one finished part during the visit and keep it. Quiet:
    nothing is yielded but the writer's own preparation (starting the built-in server). An empty
    answer is not kept and raises BackendFailed, so that the caller rests before trying again
    (rather than asking for the same part at once, again and again)."""
    yield from writer.prepare(cancel)
    if cancel.is_cancelled():
        return
    text = condense(writer, request, parts=parts, cancel=cancel)
    log.info("pre-condense: part of %d chars -> %d chars", len(request.transcript), len(text))
    if not text and not cancel.is_cancelled():
        raise BackendFailed("The note model answered nothing for a part of the transcript.")
