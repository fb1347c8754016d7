"""Condensing parts of a long visit ahead (desktop.notes.condensing) and reusing them at Stop
(desktop.notes.drafting.draft_job), with the fake writer: a stable split as the transcript
grows, reuse, what makes a kept part unusable, a failed or cut pre-condense, a part still being
condensed when the draft needs it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import BackendFailed, DraftRequest
from desktop.notes.condensing import (
    CondensedParts,
    condense_request,
    finished_parts,
    part_key,
    pre_condense_job,
    split_transcript,
)
from desktop.notes.drafting import draft_job
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.templates import CONDENSE_KIND, find_template, load_templates
from desktop.progress import CONDENSING_TRANSCRIPT, Progress

BUDGET = 1000  # the settings' minimum: about 45 turns a part


class WaitingToken(CancelToken):
    """Says when a worker starts waiting on it (``CondensedParts.wait`` subscribes first)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def on_cancel(self, callback) -> None:
        super().on_cancel(callback)
        self.waiting.set()


def soap(transcript: str, lang: str = "en") -> DraftRequest:
    template = find_template(load_templates(user_dir=Path("/nonexistent")), "soap", lang)
    return DraftRequest(transcript=transcript, template=template, note_language=lang)


def turn(i: int) -> str:
    return f"Doctor: Question {i} about the knee?\nPatient: Answer {i}, it hurts when I walk."


def visit(n: int) -> str:
    return "\n".join(turn(i) for i in range(n))


def pre_condense(writer, text: str, parts: CondensedParts, lang: str = "en") -> int:
    """What the visit's idle moments do: condense every finished part of ``text``."""
    done = 0
    for n, part in enumerate(finished_parts(text, budget_tokens=BUDGET), start=1):
        request = condense_request(part, number=n, note_language=lang)
        list(pre_condense_job(writer, request, parts=parts, cancel=CancelToken()))
        done += 1
    return done


def draft(writer, text: str, parts: CondensedParts | None, lang: str = "en", cancel=None):
    items = list(draft_job(writer, soap(text, lang), cancel=cancel or CancelToken(),
                           budget_tokens=BUDGET, parts=parts))  # fmt: skip
    progress = [i.detail for i in items if isinstance(i, Progress) and i.detail.startswith("part")]
    condensed = [r for r in writer.requests if r.template.kind == CONDENSE_KIND]
    return "".join(i for i in items if isinstance(i, str)), progress, condensed


def test_finished_parts_stay_as_they_are_as_the_visit_grows():
    # Whole turns added, the last turn growing word by word, and one long line (no speakers).
    turns = [visit(n) for n in range(1, 200, 3)]
    long_turn = [visit(199) + "\nDoctor: " + " ".join(f"w{i}." for i in range(k))
                 for k in range(0, 1200, 41)]  # fmt: skip
    one_line = [" ".join(f"word{i}" for i in range(k)) for k in range(0, 5000, 113)]
    for growing in (turns, long_turn, one_line):
        for i, text in enumerate(growing):
            done = finished_parts(text, budget_tokens=BUDGET)
            for later in growing[i : i + 12]:
                assert later.startswith(text)
                assert split_transcript(later, max_tokens=BUDGET)[: len(done)] == done
    assert finished_parts(visit(40), budget_tokens=BUDGET) == []  # within the budget
    assert len(finished_parts(long_turn[-1], budget_tokens=BUDGET)) >= 4


def test_parts_condensed_during_the_visit_are_not_condensed_again_at_stop():
    parts = CondensedParts()
    writer = FakeNoteWriter()
    ahead = pre_condense(writer, visit(160), parts)
    assert ahead >= 3 and len(parts) == ahead
    writer.requests.clear()
    text, progress, condensed = draft(writer, visit(184), parts)
    total = len(split_transcript(visit(184), max_tokens=BUDGET))
    assert len(condensed) == total - ahead  # only the new parts
    assert progress == [f"part {n} of {total}" for n in range(ahead + 1, total + 1)]
    cold_text, cold_progress, _ = draft(FakeNoteWriter(), visit(184), None)
    assert text == cold_text  # the same note as condensing everything at Stop
    assert len(cold_progress) == total


def test_a_changed_part_or_note_language_is_condensed_again():
    parts = CondensedParts()
    pre_condense(FakeNoteWriter(), visit(160), parts)
    relabelled = visit(160).replace("Question 3 ", "Question three ", 1) + "\n" + turn(161)
    writer = FakeNoteWriter()
    _text, _progress, condensed = draft(writer, relabelled, parts)
    assert "Question three" in condensed[0].transcript  # part 1 changed: asked again
    writer = FakeNoteWriter()
    _text, progress, condensed = draft(writer, visit(160), parts, lang="fr")
    assert len(condensed) == len(split_transcript(visit(160), max_tokens=BUDGET))
    assert progress[0] == f"part 1 of {len(condensed)}"
    other_model = FakeNoteWriter(model="another-model")
    _text, _progress, condensed = draft(other_model, visit(160), parts)
    assert len(condensed) == len(progress)


def test_a_failed_or_cut_pre_condense_keeps_nothing_and_stop_condenses_it():
    parts = CondensedParts()
    part = condense_request(finished_parts(visit(160), budget_tokens=BUDGET)[0], number=1,
                            note_language="en")  # fmt: skip
    for broken in (FakeNoteWriter(fail_from=1), FakeNoteWriter(fail_after=1)):
        try:
            list(pre_condense_job(broken, part, parts=parts, cancel=CancelToken()))
        except Exception as exc:  # PreReading logs it and tries again later
            assert "stopped answering" in str(exc)
        else:
            raise AssertionError("the failure was swallowed")
        assert len(parts) == 0 and not parts.has(part_key(broken, part))
    writer = FakeNoteWriter()
    _text, progress, condensed = draft(writer, visit(160), parts)
    assert condensed[0] == part and progress[0].startswith("part 1 of")


def test_an_empty_answer_is_not_kept_and_fails_the_pre_condense():
    parts = CondensedParts()
    part = condense_request(finished_parts(visit(160), budget_tokens=BUDGET)[0], number=1,
                            note_language="en")  # fmt: skip
    with pytest.raises(BackendFailed):  # PreReading rests before asking again
        list(pre_condense_job(FakeNoteWriter(answers=[" "]), part, parts=parts,
                              cancel=CancelToken()))  # fmt: skip
    assert len(parts) == 0


def test_a_cancelled_pre_condense_keeps_nothing():
    parts = CondensedParts()
    part = condense_request(finished_parts(visit(160), budget_tokens=BUDGET)[0], number=1,
                            note_language="en")  # fmt: skip
    token = CancelToken()
    token.cancel()
    writer = FakeNoteWriter()
    list(pre_condense_job(writer, part, parts=parts, cancel=token))
    assert len(parts) == 0


def test_the_draft_waits_for_a_part_being_condensed_then_uses_it():
    parts = CondensedParts()
    writer = FakeNoteWriter()
    first = condense_request(split_transcript(visit(160), max_tokens=BUDGET)[0], number=1,
                             note_language="en")  # fmt: skip
    key = part_key(writer, first)
    assert parts.claim(key) and not parts.claim(key)  # the pre-read worker has it
    result: list[object] = []
    token = WaitingToken()
    drafting = threading.Thread(
        target=lambda: result.append(draft(writer, visit(160), parts, cancel=token))
    )
    drafting.start()
    assert token.waiting.wait(30)
    parts.release(key, "Knee pain when walking.")
    drafting.join(30)
    _text, progress, condensed = result[0]
    assert first not in condensed  # waited for, not asked again
    assert progress[0].startswith("part 1 of")  # the doctor waited for it: it is said
    assert writer.requests[-1].transcript.startswith("Knee pain when walking.")


def test_a_part_whose_background_condense_fails_is_asked_by_the_draft():
    parts = CondensedParts()
    writer = FakeNoteWriter()
    first = condense_request(split_transcript(visit(160), max_tokens=BUDGET)[0], number=1,
                             note_language="en")  # fmt: skip
    key = part_key(writer, first)
    parts.claim(key)
    result: list[object] = []
    token = WaitingToken()
    drafting = threading.Thread(
        target=lambda: result.append(draft(writer, visit(160), parts, cancel=token))
    )
    drafting.start()
    assert token.waiting.wait(30)
    parts.release(key, None)  # the pre-condense failed
    drafting.join(30)
    _text, _progress, condensed = result[0]
    assert condensed[0] == first


def test_cancel_while_waiting_for_a_part_ends_the_draft():
    parts = CondensedParts()
    writer = FakeNoteWriter()
    first = condense_request(split_transcript(visit(160), max_tokens=BUDGET)[0], number=1,
                             note_language="en")  # fmt: skip
    parts.claim(part_key(writer, first))  # and never released
    token = WaitingToken()
    items: list[object] = []

    def run() -> None:
        job = draft_job(writer, soap(visit(160)), cancel=token, budget_tokens=BUDGET, parts=parts)
        items.extend(job)

    drafting = threading.Thread(target=run)
    drafting.start()
    assert token.waiting.wait(30)  # waiting for part 1
    token.cancel()
    drafting.join(30)
    assert not drafting.is_alive()
    assert not any(isinstance(i, str) for i in items) and writer.requests == []
    assert all(i.stage == CONDENSING_TRANSCRIPT for i in items if isinstance(i, Progress))
