"""A whole draft with the fake writer: prepare, condensing a long transcript in parts, streaming."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest, EmptyTranscript
from desktop.notes.drafting import draft_job, estimate_tokens, split_transcript
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.templates import CONDENSE_KIND, find_template, load_templates
from desktop.progress import CONDENSING_TRANSCRIPT, WAITING_FOR_FIRST_WORDS, Progress


def soap(lang: str = "en") -> DraftRequest:
    template = find_template(load_templates(user_dir=Path("/nonexistent")), "soap", lang)
    return DraftRequest(transcript="", template=template, note_language=lang)


def turns(n: int) -> str:
    return "\n".join(
        f"[doctor] Question {i} about the pain in the left knee?\n[patient] Answer {i}, it hurts."
        for i in range(n)
    )


def test_split_keeps_turns_whole_and_parts_under_the_budget() -> None:
    text = turns(200)
    parts = split_transcript(text, max_tokens=300)
    assert len(parts) > 1
    assert all(estimate_tokens(p) <= 300 for p in parts)
    assert "\n".join(parts) == text  # nothing lost, nothing reordered, turns never cut


def test_split_cuts_an_overlong_turn_at_sentences_or_words() -> None:
    line = "[patient] " + " ".join(f"Sentence number {i} about my cough." for i in range(300))
    parts = split_transcript(line, max_tokens=100)
    assert all(estimate_tokens(p) <= 100 for p in parts)
    assert " ".join(parts).split() == line.split()


def test_short_transcript_is_drafted_directly() -> None:
    writer = FakeNoteWriter()
    request = soap()
    request = DraftRequest(turns(3), request.template, "en")
    items = list(draft_job(writer, request, cancel=CancelToken(), budget_tokens=6000))
    assert items[0] == Progress(WAITING_FOR_FIRST_WORDS)
    assert not any(isinstance(i, Progress) for i in items[1:])
    assert "".join(i for i in items if isinstance(i, str)) == writer.draft_text(request)
    assert [r.template.id for r in writer.requests] == ["soap"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_long_transcript_is_condensed_in_parts_and_says_so(lang: str) -> None:
    writer = FakeNoteWriter()
    request = DraftRequest(turns(400), soap(lang).template, lang)
    assert estimate_tokens(request.transcript) > 2000
    items = list(draft_job(writer, request, cancel=CancelToken(), budget_tokens=2000))
    progress = [i for i in items if isinstance(i, Progress)]
    assert progress.pop() == Progress(WAITING_FOR_FIRST_WORDS)
    condense_calls = [r for r in writer.requests if r.template.kind == CONDENSE_KIND]
    assert len(condense_calls) >= 3
    assert all(r.note_language == lang and r.template.language == lang for r in condense_calls)
    assert {p.stage for p in progress} == {CONDENSING_TRANSCRIPT}
    assert progress[0].detail == f"part 1 of {len(condense_calls)}" and progress[-1].fraction == 1.0
    final = writer.requests[-1]
    assert final.template.id == "soap"
    assert estimate_tokens(final.transcript) <= 2000
    assert final.transcript == "\n\n".join(writer.draft_text(r).strip() for r in condense_calls)
    assert "".join(i for i in items if isinstance(i, str)) == writer.draft_text(final)


def test_cancel_during_condensing_stops_before_the_draft() -> None:
    writer = FakeNoteWriter()
    request = DraftRequest(turns(400), soap().template, "en")
    token = CancelToken()
    items = []
    for item in draft_job(writer, request, cancel=token, budget_tokens=2000):
        items.append(item)
        if isinstance(item, Progress):
            token.cancel()
    assert not any(isinstance(i, str) for i in items)
    assert all(r.template.kind == CONDENSE_KIND for r in writer.requests)


def test_empty_transcript_fails_before_anything_starts() -> None:
    writer = FakeNoteWriter()
    with pytest.raises(EmptyTranscript):
        list(draft_job(writer, soap(), cancel=CancelToken()))
    assert writer.requests == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_prescription_draft_always_starts_with_its_mark(lang: str) -> None:
    rx = find_template(load_templates(user_dir=Path("/nonexistent")), "prescription", lang)
    writer = FakeNoteWriter()
    request = DraftRequest("[doctor] Amoxicillin 1 g twice a day for 7 days.", rx, lang)
    chunks = [i for i in draft_job(writer, request, cancel=CancelToken()) if isinstance(i, str)]
    assert chunks[0].startswith(rx.mark + "\n\n")
    assert "".join(chunks) == f"{rx.mark}\n\n{writer.draft_text(request)}"
