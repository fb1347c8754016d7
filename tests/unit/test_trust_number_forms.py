"""Numbers that are no quantity the consultation should have said, or that it said in another
form (issue 25): dates with a two-digit year, the numbers of a list written on one line,
ordinals ("12th grade" / "twelfth") and decades ("in their 70s" / "seventies")."""

from __future__ import annotations

import pytest

from tests.support.trust import check_lines


def numbers(note: str, lines: list[str], language: str = "en") -> list[str]:
    return [f.text for f in check_lines(note, lines, language).flags_of("number")]


LINES = ["Doctor: how did physical therapy go?", "Patient: I went once or twice."]


@pytest.mark.parametrize(
    "note",
    [
        "Physical therapy was on 01/10/09, with a followup appointment on 02/10/09.",
        "I have last seen her on 06/19/07.",
        "Vue le 12/03/24 en consultation.",
    ],
)
def test_a_date_with_a_two_digit_year_is_from_the_record(note: str) -> None:
    language = "fr" if "Vue" in note else "en"
    assert numbers(note, LINES, language) == []


def test_a_date_does_not_hide_a_dose() -> None:
    assert numbers("Physical therapy twice, 10 sessions.", LINES) == ["10"]


def test_the_numbers_of_a_list_on_one_line_are_no_quantities() -> None:
    lines = ["Doctor: she has bipolar disorder, anxiety and anemia."]
    note = "1.  Bipolar disorder. 2.  Anemia. 3.  Anxiety disorder. 4) Fatigue."
    assert numbers(note, lines) == []
    assert numbers("Anemia. Hemoglobin 9.", lines) == ["9"]


@pytest.mark.parametrize(
    ("note", "said", "language"),
    [
        ("She completed 12th grade.", "I cleared my twelfth grade.", "en"),
        ("Attends 5th grade classes.", "He is in fifth grade.", "en"),
        ("Seen on the 4th of June.", "She came on the fourth of June.", "en"),
        ("Two brothers died in their 70s.", "My two brothers died in their seventies.", "en"),
        ("Accouchement au 3e trimestre.", "C'était au troisième trimestre.", "fr"),
    ],
)
def test_ordinals_and_decades_said_in_words(note: str, said: str, language: str) -> None:
    assert numbers(note, [f"Patient: {said}"], language) == []


def test_an_ordinal_not_said_is_still_a_number_not_said() -> None:
    assert numbers("She completed 10th grade.", ["Patient: I cleared my twelfth grade."]) == ["10"]
