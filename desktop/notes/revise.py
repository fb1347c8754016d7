"""Revising a document by asking: "shorter", "bullets in the plan", "the dose was 5 mg".

``revision_plan`` decides what part of the document the instruction is about and whether the
model is needed at all, ``revision_prompt`` asks the backend, ``revision_answer`` puts the answer
back. ``revise_job`` is the generator a worker runs (``Progress``, then the streamed
``str`` chunks, and it returns a ``Revision``); the CLI runs it on its own thread.

The document is never changed here: a ``Revision`` holds the old and the new text; the caller
shows the difference and the doctor accepts or discards it. A backend failure raises before any
``Revision`` exists, so the document stays as it was.

Threads: runs on the worker thread; ``cancel`` may be set from the GUI thread at any time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator
from dataclasses import dataclass, field

from desktop.cancel import CancelToken
from desktop.notes.base import NoteWriter
from desktop.notes.revision_answer import apply_answer
from desktop.notes.revision_plan import (
    RevisionPlan,
    RevisionRequest,
    UnclearInstruction,
    check_instruction,
    plan_revision,
)
from desktop.notes.revision_prompt import revision_prompt
from desktop.notes.text_diff import DiffPart, word_diff
from desktop.progress import WAITING_FOR_FIRST_WORDS, Progress

log = logging.getLogger(__name__)

__all__ = [
    "Revision",
    "RevisionPlan",
    "RevisionRequest",
    "UnclearInstruction",
    "plan_revision",
    "revise_job",
]


@dataclass(frozen=True)
class Revision:
    instruction: str
    old: str
    new: str
    plan: RevisionPlan
    diff: tuple[DiffPart, ...]
    chunks: int = 0  # streamed pieces (llama.cpp streams one token per piece)
    seconds: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def revise_job(
    writer: NoteWriter, request: RevisionRequest, *, cancel: CancelToken
) -> Generator[Progress | str, None, Revision | None]:
    """Plan, prepare the backend, stream the answer; returns the ``Revision`` (None when
    cancelled). Raises UnclearInstruction before any work, NoteError when the backend fails."""
    started = time.monotonic()
    plan = plan_revision(request)
    if plan.exact is not None:
        return _revision(request, plan, plan.exact, 0, started)
    yield from writer.prepare(cancel)
    if cancel.is_cancelled():
        return None
    yield Progress(WAITING_FOR_FIRST_WORDS)
    chunks: list[str] = []
    stream = writer.stream(revision_prompt(request, plan), cancel=cancel)
    try:
        for chunk in stream:
            chunks.append(chunk)
            yield chunk
            if plan.scope == "insert" and _sentence_done("".join(chunks)):
                break  # one sentence was asked for: what a small model adds after it is noise
    finally:
        close = getattr(stream, "close", None)
        if callable(close):
            close()
    if cancel.is_cancelled():
        return None
    new = apply_answer(request.document, plan, "".join(chunks))
    log.info(
        "revision: %s, %d chunks, %d -> %d chars",
        plan.scope,
        len(chunks),
        len(request.document),
        len(new),
    )
    return _revision(request, plan, new, len(chunks), started)


def _sentence_done(text: str) -> bool:
    """A line of text has been written and ended."""
    return "\n" in text.lstrip() and bool(text.strip())


def _revision(
    request: RevisionRequest, plan: RevisionPlan, new: str, chunks: int, started: float
) -> Revision:
    return Revision(
        instruction=check_instruction(request.instruction),
        old=request.document,
        new=new,
        plan=plan,
        diff=tuple(word_diff(request.document, new)),
        chunks=chunks,
        seconds=round(time.monotonic() - started, 3),
    )
