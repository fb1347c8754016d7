"""Pre-reading: the draft's prompt sent to the note server during the visit, so that at Stop it
reads only what is new.

llama.cpp keeps the tokens of the last prompt it read and reuses the longest common prefix with
the next one. The draft's prompt is stable: the rules, the document's instructions, the doctor's
context, then the transcript; the settled transcript only grows at its end. So sending the prompt
of the settled transcript so far (for one generated token) in idle moments leaves the server with
all of it read, and the draft at Stop starts after the last stretch. A template, note language or
context change simply sends another prompt (the cache follows the last one).

``pre_read_job`` is a worker's generator (``desktop.session.workers``); a writer that cannot
pre-read (no ``pre_read`` method: the fake, or a remote server without the setting) does nothing.
Over the budget the draft's prompt is not sent: the finished parts are condensed ahead instead
(``desktop.notes.condensing``, scheduled by ``desktop.session.pre_reading``).

Threads: runs on a worker thread; ``cancel`` may be set from the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest, NoteWriter
from desktop.notes.drafting import estimate_tokens
from desktop.notes.standing import with_standing
from desktop.progress import Progress


def as_drafted(request: DraftRequest) -> DraftRequest:
    """The request exactly as ``drafting.draft_job`` sends it (standing instructions added)."""
    return replace(request, template=with_standing(request.template))


def can_pre_read(writer: NoteWriter) -> bool:
    """Whether ``writer`` may be sent work ahead during the visit (pre-reading, and condensing
    the finished parts of a long one): the built-in server always, a remote server only with
    the setting (``pre_reads``), a writer without ``pre_read`` never."""
    allowed = getattr(writer, "pre_reads", True) is not False  # (OpenAICompatibleWriter's flag)
    return callable(getattr(writer, "pre_read", None)) and allowed


def worth_pre_reading(request: DraftRequest, *, budget_tokens: int) -> bool:
    """A transcript over the budget is condensed at Stop: its raw prompt is never sent. (An empty
    one is worth it: the rules and the document's instructions are most of a short visit's
    prompt.)"""
    return estimate_tokens(request.transcript.strip()) <= budget_tokens


def pre_read_job(
    writer: NoteWriter, request: DraftRequest, *, cancel: CancelToken
) -> Iterator[Progress]:
    pre_read = getattr(writer, "pre_read", None)
    if callable(pre_read):
        yield from pre_read(as_drafted(request), cancel)
