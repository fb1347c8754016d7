"""Durations and spelled-out numbers are checked like digits (issue 25): "two weeks" where the
patient said "two days" is a wrong number, in words or in digits, in English and French."""

from __future__ import annotations

import pytest

from tests.support.trust import check_lines

EN = ["Doctor: hello.", "Patient: I have a headache since two days."]
FR = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]


def numbers(note: str, lines: list[str], language: str = "en") -> list[str]:
    return [f.text for f in check_lines(note, lines, language).flags_of("number")]


def test_the_french_thin_case_two_weeks_never_said() -> None:
    note = "Antécédents utiles :\n- Mal de tête dans le passé (deux semaines)"
    report = check_lines(note, FR, "fr")
    flagged = report.flags_of("number")
    assert [f.text for f in flagged] == ["deux semaines"]
    assert flagged[0].severity == "red"
    assert "not said" in flagged[0].reason


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Headache for two weeks.", ["two weeks"]),
        ("Headache for 2 weeks.", ["2 weeks"]),
        ("Headache for fourteen days.", ["fourteen days"]),
        ("Headache for two days.", []),
        ("Headache for 2 days.", []),
        ("Headache for 48 hours.", []),
        ("Headache since two days, one of the worst he had.", []),
    ],
)
def test_english_durations_compare_as_durations(note: str, expected: list[str]) -> None:
    assert numbers(note, EN) == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Céphalées depuis deux semaines.", ["deux semaines"]),
        ("Céphalées depuis 2 semaines.", ["2 semaines"]),
        ("Céphalées depuis deux jours.", []),
        ("Céphalées depuis 48 heures.", []),
    ],
)
def test_french_durations_compare_as_durations(note: str, expected: list[str]) -> None:
    assert numbers(note, FR, "fr") == expected


@pytest.mark.parametrize(
    ("said", "note"),
    [
        ("it's been two or three weeks", "Cough for 2-3 weeks."),
        ("it's been two or three weeks", "Cough for two weeks."),
        ("it's been two or three weeks", "Cough for 3 weeks."),
        ("it started a day or two ago", "Cough for 1-2 days."),
        ("it's been about a week", "Cough for one week."),
        ("how long? about five", "Cough for five weeks."),
        ("ça fait deux ou trois semaines", "Toux depuis 2 à 3 semaines."),
    ],
)
def test_a_range_said_supports_its_ends(said: str, note: str) -> None:
    language = "fr" if "semaines" in note else "en"
    assert numbers(note, ["Doctor: how long?", f"Patient: {said}."], language) == []


def test_a_dose_in_words_is_checked_like_digits() -> None:
    lines = ["Doctor: you take lisinopril?", "Patient: yes, ten milligrams a day."]
    assert numbers("Lisinopril 10 mg daily.", lines) == []
    assert numbers("Lisinopril ten milligrams daily.", lines) == []
    assert numbers("Lisinopril twenty milligrams daily.", lines) == ["twenty milligrams"]


def test_the_smaller_part_of_a_compound_duration_is_compared_by_its_number() -> None:
    lines = ["Doctor: she is a former 34 and 3-week-old twin."]
    assert numbers("Born at 34 weeks +3 days gestation.", lines) == []
    assert numbers("Born at 34 weeks +4 days gestation.", lines) == ["4 days"]


@pytest.mark.parametrize(
    ("note", "lines", "language", "expected"),
    [
        ("La douleur a commencé il y a une semaine.", FR, "fr", ["une semaine"]),
        ("Contrôle dans un mois.", FR, "fr", ["un mois"]),
        ("Headache for one week.", EN, "en", ["one week"]),
        ("Headache for a week.", EN, "en", []),  # "a week" may be any week: not judged
        ("Douleur depuis une semaine.", ["Patient : ça a commencé la semaine dernière."], "fr", []),
        ("Pain for one week.", ["Patient: it started last week."], "en", []),
        ("Revoir dans un mois.", ["Médecin : on se revoit le mois prochain."], "fr", []),
    ],
)
def test_one_spelled_out_is_a_number_too(
    note: str, lines: list[str], language: str, expected: list[str]
) -> None:
    assert numbers(note, lines, language) == expected


def test_one_said_alone_supports_no_duration() -> None:
    lines = ["Patient : j'ai un peu mal depuis hier soir, un coup de poignard."]
    assert numbers("Douleur depuis une semaine.", lines, "fr") == ["une semaine"]


def test_a_rate_is_no_duration() -> None:
    lines = ["Patient: I range from twenty six to thirty points."]
    assert numbers("Calorie points ranged 26 to 30 per day.", lines) == []
    assert numbers("Calorie points ranged 26 to 30 for 2 days.", lines) == ["2 days"]


def test_a_number_in_words_is_supported_by_its_digits_and_back() -> None:
    lines = ["Médecin : avez-vous des enfants ?", "Patient : J'ai 2 enfants, ils ont 7 et 9 ans."]
    words = check_lines("Mode de vie : deux enfants de sept et neuf ans.", lines, "fr")
    digits = check_lines("Mode de vie : 2 enfants de 7 et 9 ans.", lines, "fr")
    assert words.flags == [] and digits.flags == []
    assert words.sentences[0].score == digits.sentences[0].score == 1.0


def test_three_days_is_not_evidenced_by_three_times_a_day() -> None:
    lines = ["I have had a dry cough for three days.", "I take amoxicillin three times a day."]
    report = check_lines("Dry cough for three days.", lines)
    assert report.sentences[0].segments == (0,)


@pytest.mark.parametrize(
    ("said", "note", "language"),
    [
        (
            "stay off your leg for a couple of weeks",
            "Avoid strenuous activity for 2-3 weeks.",
            "en",
        ),
        ("stay off your leg for two weeks", "Avoid exertion for 2 to 3 weeks.", "en"),
        ("it started a couple of days ago", "Cough for 2 or 3 days.", "en"),
        ("restez au repos deux semaines", "Repos pendant 2 à 3 semaines.", "fr"),
        ("une quinzaine de jours", "Arrêt de travail de 2 à 3 semaines.", "fr"),
    ],
)
def test_a_range_in_the_note_holding_the_said_duration_is_supported(
    said: str, note: str, language: str
) -> None:
    """The note widens what was said into a range ("a couple of weeks": "2-3 weeks"): both its
    ends hold the duration said, neither is a number nobody said."""
    assert numbers(note, ["Doctor: how long?", f"Patient: {said}."], language) == []


@pytest.mark.parametrize(
    ("said", "note", "language", "expected"),
    [
        ("stay off your leg for a couple of weeks", "Rest for 4-6 weeks.", "en", ["4", "6 weeks"]),
        (
            "restez au repos deux semaines",
            "Repos pendant 3 à 4 semaines.",
            "fr",
            ["3", "4 semaines"],
        ),
        ("stay off your leg for two days", "Rest for 2-3 weeks.", "en", ["2", "3 weeks"]),
        ("rest for three weeks", "Rest for 1-3 weeks.", "en", ["1"]),
    ],
)
def test_a_range_that_holds_nothing_said_is_flagged(
    said: str, note: str, language: str, expected: list[str]
) -> None:
    assert numbers(note, ["Doctor: how long?", f"Patient: {said}."], language) == expected


def test_a_widened_range_or_dose_range_is_still_flagged() -> None:
    """Only into the usual range of two neighbouring numbers: "two hours" is not "2 to 4
    hours" nor "1 to 4 hours", and a dose is written as it was said."""
    hours = ["Doctor: when did it start?", "Patient: two hours after, or one or two hours."]
    assert numbers("Pain 1 to 4 hours after meals.", hours) == ["4 hours"]
    assert numbers("Pain 2 to 4 hours after meals.", hours) == ["4 hours"]
    dose = ["Doctor: how much ibuprofen?", "Patient: about six hundred milligrams."]
    assert numbers("Ibuprofen 400-800 mg as needed.", dose) != []
