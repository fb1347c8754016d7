"""One draft, start to finish: prepare the backend, condense a long transcript, stream the draft.

``draft_job`` is the generator the controller runs on a worker (``desktop.session.workers``): it
yields ``Progress`` while it waits (starting the local model, condensing, waiting for the first
words) and then the ``str`` chunks of the draft.

A 60-minute consultation does not fit a small model's context. When the transcript's estimated
size exceeds the budget (``NotesSettings.context_budget_tokens``), it is cut into parts at turn
boundaries, each part is condensed into short factual notes (in the note language) by the same
backend, and the draft is written from the condensed notes; the doctor sees
``CONDENSING_TRANSCRIPT`` with "part N of M" meanwhile.

Threads: runs on the worker thread; ``cancel`` may be set from the GUI thread at any time.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Generator
from dataclasses import dataclass, replace

from desktop.cancel import CancelToken
from desktop.config_values import BOUNDS
from desktop.notes.base import DraftRequest, NoteError, NoteWriter, require_transcript
from desktop.notes.loop_guard import without_repeats
from desktop.notes.standing import with_standing
from desktop.notes.templates import condense_template
from desktop.progress import CONDENSING_TRANSCRIPT, WAITING_FOR_FIRST_WORDS, Progress

log = logging.getLogger(__name__)

CHARS_PER_TOKEN = 3.5  # conservative for English and French with Llama/Qwen/GPT tokenizers
MIN_BUDGET_TOKENS = int(BOUNDS["notes.context_budget_tokens"][0])  # the settings' own minimum
MAX_ROUNDS = 3  # condensed notes that are still too long are condensed again, at most this often


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def split_transcript(text: str, *, max_tokens: int) -> list[str]:
    """Cut ``text`` into parts of at most ``max_tokens`` (estimated), at line (turn) boundaries
    where possible, else at sentence or word boundaries."""
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


@dataclass(frozen=True)
class Drafted:
    """What ``draft_job`` returns: the request the draft was written from (after condensing)
    and the model's own text (without the template's mark), for a follow-up such as a repair."""

    request: DraftRequest
    text: str


def draft_job(
    writer: NoteWriter,
    request: DraftRequest,
    *,
    cancel: CancelToken,
    budget_tokens: int = 6000,
) -> Generator[Progress | str, None, Drafted | None]:
    """Prepare ``writer``, condense the transcript if it is over ``budget_tokens``, then stream.
    Returns what was drafted (None when cancelled before the draft).

    A budget below ``MIN_BUDGET_TOKENS`` is refused before anything is sent: a budget of 0 or
    less would cut even a short transcript into one-character parts, each a request, round
    after round (thousands of requests)."""
    if budget_tokens < MIN_BUDGET_TOKENS:
        raise NoteError(
            f"The transcript budget ({budget_tokens} tokens) is too small to draft from: it must "
            f"be at least {MIN_BUDGET_TOKENS} tokens. Nothing was sent."
        )
    require_transcript(request)
    yield from writer.prepare(cancel)
    if cancel.is_cancelled():
        return None
    transcript = request.transcript
    for round_ in range(1, MAX_ROUNDS + 1):
        if estimate_tokens(transcript) <= budget_tokens:
            break
        parts = split_transcript(transcript, max_tokens=budget_tokens)
        log.info("draft: condensing round %d, %d parts", round_, len(parts))
        condensed: list[str] = []
        for n, part in enumerate(parts, start=1):
            detail = f"part {n} of {len(parts)}"
            yield Progress(CONDENSING_TRANSCRIPT, fraction=(n - 1) / len(parts), detail=detail)
            part_request = DraftRequest(
                transcript=part,
                template=condense_template(request.note_language, part=n, parts=len(parts)),
                note_language=request.note_language,
            )
            condensed.append("".join(writer.stream(part_request, cancel=cancel)).strip())
            if cancel.is_cancelled():
                return None
        yield Progress(CONDENSING_TRANSCRIPT, fraction=1.0, detail=f"{len(parts)} parts")
        transcript = "\n\n".join(condensed)
    yield Progress(WAITING_FOR_FIRST_WORDS)  # a small local model reads a long prompt for a while
    # The template's mark ("draft to verify") comes from us, not from the model: always there,
    # always spelled right; it arrives with the first words.
    prefix = f"{request.template.mark}\n\n" if request.template.mark else ""
    final = replace(request, transcript=transcript, template=with_standing(request.template))
    chunks: list[str] = []
    for chunk in without_repeats(writer.stream(final, cancel=cancel)):
        chunks.append(chunk)
        yield prefix + chunk
        prefix = ""
    return Drafted(final, "".join(chunks))
