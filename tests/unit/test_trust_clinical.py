"""Each finding's severity (red / amber / grey) and whether its sentence states a clinical fact:
what the repair loop reads to decide what to rewrite."""

from __future__ import annotations

import pytest

from desktop.trust import KINDS, SEVERITY, Flag
from tests.support.trust import check_lines

HEADACHE = ["Doctor: hello.", "Patient: I have a headache since two days."]


def test_every_kind_has_a_severity() -> None:
    assert set(SEVERITY) == set(KINDS)
    assert Flag("number", (0, 1), "4", "r").severity == "red"
    assert Flag("unsupported", (0, 1), "x", "r").severity == "amber"
    assert Flag("omission", None, "x", "r").severity == "grey"


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        ("Temperature of 37.2°C and blood pressure of 120/80 mmHg.", "vital"),
        ("No significant change in heart rate.", "vital"),
        ("On examination the lungs are clear and the abdomen is soft.", "exam"),
        ("The chest x-ray from last week showed no consolidation at all.", "result"),
        ("Her cough is most consistent with a bacterial pneumonia, likely.", "diagnosis"),
        ("We will refer her to cardiology and follow up in three months.", "plan"),
        ("She is also currently pregnant with her second child this year.", "condition"),
        ("La patiente est enceinte à 8 à 9 sur 10 pendant son accouchement.", "condition"),
        ("Tension artérielle à 12/8 et fréquence cardiaque normale ce jour.", "vital"),
        ("Examiné par un médecin spécialiste la semaine dernière en ville.", "exam"),
    ],
)
def test_unsupported_clinical_sentences_say_which_fact(sentence: str, fact: str) -> None:
    report = check_lines(sentence, HEADACHE, language="auto")
    unsupported = report.flags_of("unsupported")
    assert unsupported, report.flags
    assert all(f.clinical and f.fact == fact for f in unsupported)
    assert report.sentences[0].fact == fact


@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for letting me take part in the care of this lovely patient today.",
        "She works as a primary school teacher and lives with her two sons.",
        "Il travaille comme boulanger dans le quartier depuis plusieurs années.",
    ],
)
def test_sentences_stating_no_clinical_fact_are_not_clinical(sentence: str) -> None:
    report = check_lines(sentence, HEADACHE, language="auto")
    unsupported = report.flags_of("unsupported")
    assert unsupported and not any(f.clinical or f.fact for f in unsupported)
    assert not report.has_red


def test_red_numbers_carry_their_sentence_fact() -> None:
    report = check_lines("Blood pressure 150/90 mmHg today.", HEADACHE)
    numbers = report.flags_of("number")
    assert numbers and all(f.severity == "red" and f.fact == "vital" for f in numbers)
    assert report.has_red
    assert report.of_severity("red") == [f for f in report.flags if f.kind != "unsupported"]
