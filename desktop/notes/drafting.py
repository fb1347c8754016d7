"""One draft, start to finish: prepare the backend, condense a long transcript, stream the draft.

``draft_job`` is the generator the controller runs on a worker (``desktop.session.workers``): it
yields ``Progress`` while it waits (starting the local model, condensing, waiting for the first
words) and then the ``str`` chunks of the draft.

A 60-minute consultation does not fit a small model's context. When the transcript's estimated
size exceeds the budget (``NotesSettings.context_budget_tokens``), it is cut into parts at turn
boundaries, each part is condensed into short factual notes (in the note language) by the same
backend, and the draft is written from the condensed notes; the doctor sees
``CONDENSING_TRANSCRIPT`` with "part N of M" meanwhile, for the parts really condensed now: parts
condensed during the visit (``desktop.notes.condensing``, kept in ``CondensedParts``) are reused.

Threads: runs on the worker thread; ``cancel`` may be set from the GUI thread at any time.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from dataclasses import dataclass, replace

from desktop.cancel import CancelToken
from desktop.config_values import BOUNDS
from desktop.notes.base import DraftRequest, NoteError, NoteWriter, require_transcript
from desktop.notes.condensing import (
    CondensedParts,
    condense,
    condense_request,
    estimate_tokens,
    part_key,
    split_transcript,
)
from desktop.notes.loop_guard import without_repeats
from desktop.notes.section_guard import template_headings, within_template
from desktop.notes.standing import with_standing
from desktop.progress import CONDENSING_TRANSCRIPT, WAITING_FOR_FIRST_WORDS, Progress

log = logging.getLogger(__name__)

MIN_BUDGET_TOKENS = int(BOUNDS["notes.context_budget_tokens"][0])  # the settings' own minimum
MAX_ROUNDS = 3  # condensed notes that are still too long are condensed again, at most this often


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
    parts: CondensedParts | None = None,
) -> Generator[Progress | str, None, Drafted | None]:
    """Prepare ``writer``, condense the transcript if it is over ``budget_tokens``, then stream.
    Returns what was drafted (None when cancelled before the draft). ``parts`` holds the parts
    condensed before (during the visit, or for another document): those are not asked again.

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
    kept = parts if parts is not None else CondensedParts()
    transcript = request.transcript
    for round_ in range(1, MAX_ROUNDS + 1):
        if estimate_tokens(transcript) <= budget_tokens:
            break
        requests = [
            condense_request(part, number=n, note_language=request.note_language)
            for n, part in enumerate(split_transcript(transcript, max_tokens=budget_tokens), 1)
        ]
        todo = [r for r in requests if kept.get(part_key(writer, r)) is None]
        log.info("draft: condensing round %d, %d parts, %d new", round_, len(requests), len(todo))
        condensed: list[str] = []
        for n, part_request in enumerate(requests, start=1):
            if part_request in todo:  # (one condensed during the visit is not said again)
                done = todo.index(part_request)
                detail = f"part {n} of {len(requests)}"
                yield Progress(CONDENSING_TRANSCRIPT, fraction=done / len(todo), detail=detail)
            condensed.append(condense(writer, part_request, parts=kept, cancel=cancel))
            if cancel.is_cancelled():
                return None
        if todo:
            yield Progress(CONDENSING_TRANSCRIPT, fraction=1.0, detail=f"{len(requests)} parts")
        transcript = "\n\n".join(condensed)
    yield Progress(WAITING_FOR_FIRST_WORDS)  # a small local model reads a long prompt for a while
    # The template's mark ("draft to verify") comes from us, not from the model: always there,
    # always spelled right; it arrives with the first words.
    prefix = f"{request.template.mark}\n\n" if request.template.mark else ""
    final = replace(request, transcript=transcript, template=with_standing(request.template))
    chunks: list[str] = []
    headings = template_headings(request.template.instructions)
    stream = within_template(without_repeats(writer.stream(final, cancel=cancel)), headings)
    for chunk in stream:
        chunks.append(chunk)
        yield prefix + chunk
        prefix = ""
    return Drafted(final, "".join(chunks))
