"""desktop.trust with who said each segment: a question is answered by the other speaker.

The doctor's own next words do not answer the doctor's question ("No rush" is no denial of
fever); the patient's "no" after the doctor went on speaking does."""

from __future__ import annotations

from desktop.asr.base import Segment
from desktop.trust import check

CHEST = [
    Segment(0, 2, "Any chest pain when you walk up the stairs?", "doctor"),
    Segment(2, 4, "I'll listen to your heart in a minute.", "doctor"),
    Segment(4, 5, "No, never.", "patient"),
]
FEVER = [
    Segment(0, 2, "Any fever?", "doctor"),
    Segment(2, 4, "No rush, take your time to think.", "doctor"),
    Segment(4, 6, "I had a fever on Sunday.", "patient"),
]


def negations(note: str, transcript: list[Segment]) -> list[str]:
    return [f.text.lower() for f in check(note, transcript, language="en").flags_of("negation")]


def unlabelled(transcript: list[Segment]) -> list[Segment]:
    return [Segment(s.start, s.end, s.text) for s in transcript]


def test_the_patients_no_after_the_doctor_went_on_answers_the_question() -> None:
    assert negations("Reports chest pain on exertion.", CHEST) == ["pain"]
    assert negations("Denies chest pain on exertion.", CHEST) == []
    assert negations("Reports chest pain on exertion.", unlabelled(CHEST)) == []  # unknowable


def test_the_doctors_own_no_is_not_the_patients_denial() -> None:
    assert negations("Denies fever.", FEVER) == ["fever"]
    assert negations("Denies fever.", unlabelled(FEVER)) == []  # "No rush" read as the answer
