"""An age the consultation never says is what a note takes from the patient's record: an amber
"age" flag (check it against the record), not a red wrong number. An age the consultation gives
otherwise is a red number (issue 25)."""

from __future__ import annotations

import pytest

from desktop.trust import SEVERITY
from tests.support.trust import check_lines

EN = ["Doctor: hi diana, what happened to your wrist?", "Patient: I slipped on the stairs."]
FR = ["Médecin : bonjour, qu'est-ce qui vous amène ?", "Patient : j'ai mal au poignet."]


@pytest.mark.parametrize(
    ("note", "language", "age"),
    [
        ("Diana Scott is a pleasant 61-year-old female with a wrist injury.", "en", "61"),
        ("Betty Hill is a 53 y.o. female with a wrist injury.", "en", "53"),
        ("Patient aged 61, wrist injury after a fall.", "en", "61"),
        ("She is 61 years old and slipped on the stairs.", "en", "61"),
        ("Patiente de 61 ans, douleur du poignet.", "fr", "61"),
        ("Mme S., âgée de 61 ans, a mal au poignet.", "fr", "61"),
    ],
)
def test_an_age_never_said_is_an_amber_age_flag(note: str, language: str, age: str) -> None:
    report = check_lines(note, EN if language == "en" else FR, language)
    assert report.flags_of("number") == []
    flags = report.flags_of("age")
    assert [f.text.split()[0].split("-")[0] for f in flags] == [age]
    assert flags[0].severity == "amber" == SEVERITY["age"]
    assert "record" in flags[0].reason
    assert not report.has_red


def test_an_age_said_is_no_flag() -> None:
    lines = ["Doctor: how old are you?", "Patient: sixty one."]
    report = check_lines("Diana is a 61-year-old female.", lines)
    assert report.flags == []


@pytest.mark.parametrize(
    ("note", "lines", "language"),
    [
        ("Diana is a 61-year-old female.", ["Patient: I am 54 years old."], "en"),
        ("Patiente de 61 ans.", ["Patient : j'ai 54 ans."], "fr"),
    ],
)
def test_an_age_the_consultation_gives_otherwise_is_a_red_number(
    note: str, lines: list[str], language: str
) -> None:
    report = check_lines(note, lines, language)
    assert report.flags_of("age") == []
    [flag] = report.flags_of("number")
    assert flag.severity == "red"
    assert "54" in flag.reason


def test_a_duration_in_years_is_no_age() -> None:
    report = check_lines("Smoker for 30 years. Symptoms for 2 years.", EN)
    assert report.flags_of("age") == []
    assert [f.text for f in report.flags_of("number")] == ["30 years", "2 years"]
    fr = check_lines("Fumeur depuis 30 ans.", FR, "fr")
    assert fr.flags_of("age") == [] and [f.text for f in fr.flags_of("number")] == ["30 ans"]


def test_a_relatives_age_is_neither_the_patients_nor_a_contradiction() -> None:
    lines = [
        "Patient : j'ai 42 ans.",
        "Médecin : et dans la famille ?",
        "Patient : ma grand-mère, infarctus, 87 ans.",
    ]
    note = "Patiente de 42 ans. Infarctus chez la grand-mère à 87 ans. Sa mère a 65 ans."
    report = check_lines(note, lines, "fr")
    assert [(f.kind, f.text) for f in report.flags if f.kind in ("age", "number")] == [
        ("number", "65 ans")
    ]
    en = ["Patient: I'm 54 years old. My son is nine, he has asthma."]
    assert check_lines("Her 9-year-old son has asthma.", en).flags == []


def test_an_age_given_as_the_answer_to_the_question() -> None:
    lines = ["Médecin : Quel âge avez-vous ?", "Patient : 42 ans.", "Médecin : D'accord."]
    report = check_lines("Patiente de 84 ans.", lines, "fr")
    assert [f.kind for f in report.flags] == ["number"]
    assert "42" in report.flags[0].reason
    assert check_lines("Patiente de 42 ans.", lines, "fr").flags == []
