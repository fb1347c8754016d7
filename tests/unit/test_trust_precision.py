"""Fewer false flags on notes that are right (issue 25): each case here was flagged before."""

from __future__ import annotations

from tests.support.trust import check_lines


def test_a_drug_the_patient_takes_is_no_allergy() -> None:
    report = check_lines(
        "No allergies.", ["Takes ibuprofen 400 mg twice daily. Allergic to penicillin."]
    )
    reasons = [f.reason for f in report.flags]
    assert not any("allergy to ibuprofen" in r for r in reasons), reasons
    allergy = report.flags_of("allergy")
    assert [f.reason for f in allergy] == ["The consultation mentions an allergy to penicillin."]
    omitted = {f.text: f.reason for f in report.flags_of("omission")}
    assert omitted["ibuprofen"].startswith("The medication ibuprofen")


def test_an_allergy_named_in_the_answer_to_the_question() -> None:
    report = check_lines(
        "No allergies.",
        ["Doctor: any allergies?", "Patient: I take ibuprofen daily. I'm allergic to penicillin."],
    )
    assert [f.reason for f in report.flags_of("allergy")] == [
        "The consultation mentions an allergy to penicillin."
    ]
