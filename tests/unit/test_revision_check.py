"""A revision checked like a draft: the doctor's instruction is evidence, the consultation wins."""

from __future__ import annotations

from desktop.asr.base import Segment
from desktop.notes.revise import Revision, RevisionPlan
from desktop.notes.text_diff import word_diff
from desktop.session.revision_check import check_revision, stated

OLD = (
    "SUBJECTIVE:\nMr Smith, 54, has had chest pain for two days.\n\n"
    "PLAN:\nStart ramipril 5 mg daily. Refer to cardiology.\n"
)
TRANSCRIPT = [
    Segment(0, 3, "Doctor: What brings you in today?"),
    Segment(3, 6, "Patient: I have had chest pain for two days."),
    Segment(6, 9, "Doctor: I will start ramipril 5 mg daily and refer you to cardiology."),
]


def revision(new: str, instruction: str) -> Revision:
    plan = RevisionPlan("section", 0, len(OLD), ("plan",), "en")
    return Revision(instruction, OLD, new, plan, tuple(word_diff(OLD, new)))


def test_a_dose_the_consultation_contradicts_is_flagged_with_its_evidence() -> None:
    result = check_revision(
        revision(OLD.replace("5 mg", "50 mg"), "make the dose 50 mg"), TRANSCRIPT
    )
    (flag,) = result.contradictions
    assert flag.kind == "number" and flag.text == "50 mg"
    assert "5 mg" in flag.evidence_text
    assert result.unsupported == ()


def test_a_fact_the_doctor_states_is_supported() -> None:
    new = OLD.replace("two days.", "two days. He does not smoke.")
    assert check_revision(revision(new, "add that he does not smoke"), TRANSCRIPT).clean


def test_a_fact_nobody_stated_is_flagged_as_unsupported() -> None:
    new = OLD.replace("two days.", "two days. He takes metformin 500 mg twice daily.")
    result = check_revision(revision(new, "add that he has diabetes"), TRANSCRIPT)
    assert [f.kind for f in result.unsupported if f.kind == "drug"] == ["drug"]
    assert result.contradictions == ()


def test_earlier_instructions_stay_evidence() -> None:
    new = OLD.replace("two days.", "two days. He does not smoke. He lives alone.")
    result = check_revision(
        revision(new, "add that he lives alone"),
        TRANSCRIPT,
        instructions=["add that he does not smoke"],
    )
    assert result.clean


def test_without_a_transcript_nothing_is_flagged() -> None:
    assert check_revision(revision(OLD.replace("5", "50"), "dose 50"), []).clean


def test_instructions_come_after_the_consultation() -> None:
    segments = stated(TRANSCRIPT, ["one", "two"])
    assert [s.text for s in segments[-2:]] == ["one", "two"]
    assert segments[-2].start > TRANSCRIPT[-1].end
