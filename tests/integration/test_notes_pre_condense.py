"""Pre-condensing a long visit with the real llama.cpp server (SmolLM2-135M, the smallest budget
the settings allow, so a few minutes of talk are over it): the finished parts are condensed during
the visit, the last part's prompt is pre-read, and at Stop the draft condenses only the last part
(reading only its new tail) and writes the note from the parts kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest
from desktop.notes.condensing import (
    CondensedParts,
    condense_request,
    finished_parts,
    part_key,
    pre_condense_job,
    split_transcript,
)
from desktop.notes.drafting import MIN_BUDGET_TOKENS, draft_job
from desktop.notes.local_server import LocalServerWriter
from desktop.notes.pre_read import pre_read_job
from desktop.paths import AppPaths
from desktop.progress import Progress
from tests.integration.test_notes_local_server import smollm2, soap_request
from tests.integration.test_notes_pre_read import reused_tokens

pytestmark = pytest.mark.integration

BUDGET = MIN_BUDGET_TOKENS


def said(turns: int) -> str:
    return "\n".join(
        f"Doctor: How is the knee since visit {i}?\n"
        f"Patient: It swells at night, I take ibuprofen 400 mg twice a day ({i})."
        for i in range(turns)
    )


@pytest.fixture
def writer(tmp_path) -> Iterator[LocalServerWriter]:
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path)})
    paths.ensure()
    w = LocalServerWriter(
        paths=paths, model_path=smollm2(), n_ctx=2048, max_tokens=8, startup_timeout_s=60
    )
    yield w
    w.close()


def test_parts_condensed_during_the_visit_are_reused_at_stop(writer: LocalServerWriter):
    during = said(90)  # the settled text when the doctor presses Stop, about 2.5 parts
    finished = finished_parts(during, budget_tokens=BUDGET)
    assert len(finished) == 2
    parts = CondensedParts()
    for number, part in enumerate(finished, start=1):
        request = condense_request(part, number=number, note_language="en")
        list(pre_condense_job(writer, request, parts=parts, cancel=CancelToken()))
        assert parts.get(part_key(writer, request))  # the model's notes, kept
    pieces = split_transcript(during, max_tokens=BUDGET)
    last = condense_request(pieces[-1], number=len(pieces), note_language="en")
    list(pre_read_job(writer, last, cancel=CancelToken()))  # idle: the last part's prompt

    at_stop = said(92)  # the last stretch settled after Stop
    assert split_transcript(at_stop, max_tokens=BUDGET)[:2] == finished
    log_path = writer.server.log_path
    before = log_path.read_text(errors="replace")
    request = DraftRequest(at_stop, soap_request("").template, "en")
    items = list(draft_job(writer, request, cancel=CancelToken(), budget_tokens=BUDGET,
                           parts=parts))  # fmt: skip
    details = [i.detail for i in items if isinstance(i, Progress) and i.detail.startswith("part")]
    assert details == ["part 3 of 3"]  # parts 1 and 2 were not asked again
    # One line per request, written as the server starts it (its access-log line comes later).
    reused = reused_tokens(log_path.read_text(errors="replace")[len(before) :])
    assert len(reused) == 2  # the last part, then the draft
    assert reused[0] > 300  # the last part's prompt had been read during the visit
    assert "".join(i for i in items if isinstance(i, str)).strip()
