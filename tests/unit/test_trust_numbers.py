"""desktop.trust: numbers said one way and written another — durations in other units ("in a
month" for "4 weeks", "quinze jours" for "2 semaines") and number phrases ("a couple of",
"une quinzaine de"). A number that was really not said still flags. English and French."""

from __future__ import annotations

import pytest

from desktop.trust import TrustReport
from desktop.trust.analysis import Quantity
from desktop.trust.durations import days
from tests.support.trust import check_lines as run


def numbers(report: TrustReport) -> list[str]:
    return [f.text for f in report.flags_of("number")]


WRIST = [
    "[doctor] the brace stays on until the surgery, and we'll see how the pain goes.",
    "[doctor] let's have you come back in a month to check the wrist.",
    "[patient] okay, i'm going on vacation for a couple of weeks in the summer.",
    "[patient] it's been hurting for a year now, on and off.",
]


@pytest.mark.parametrize(
    "note",
    [
        "Follow up in 4 weeks to check the wrist.",
        "Follow up in 1 month to check the wrist.",
        "Follow up in 30 days to check the wrist.",
        "She has a 2-week vacation planned this summer.",
        "Wrist pain on and off for 12 months.",
        "Wrist pain on and off for 52 weeks.",
    ],
)
def test_a_duration_said_in_other_units_supports_the_note(note: str) -> None:
    report = run(note, WRIST)
    assert numbers(report) == []
    assert [f.kind for f in report.flags_of("unsupported")] == []


@pytest.mark.parametrize(
    ("note", "number"),
    [
        ("Follow up in 6 weeks to check the wrist.", "6 weeks"),
        ("Follow up in 3 months to check the wrist.", "3 months"),
        ("She has a 3-week vacation planned this summer.", "3"),
        ("Wrist pain on and off for 13 days.", "13 days"),
    ],
)
def test_a_duration_really_not_said_still_flags(note: str, number: str) -> None:
    assert numbers(run(note, WRIST)) == [number]


CONTROLE = [
    "[médecin] on arrête l'antibiotique et on se revoit dans quinze jours.",
    "[médecin] et la prise de sang, dans un mois, avant la prochaine consultation.",
    "[patiente] d'accord, j'ai mal au dos depuis une quinzaine de jours.",
    "[médecin] et la toux, depuis huit jours ?",
]


@pytest.mark.parametrize(
    "note",
    [
        "Contrôle dans 2 semaines.",
        "Prise de sang dans 4 semaines avant la prochaine consultation.",
        "Lombalgie depuis 2 semaines.",
        "Toux depuis 1 semaine.",
    ],
)
def test_french_durations_said_in_other_units_support_the_note(note: str) -> None:
    assert numbers(run(note, CONTROLE, language="fr")) == []


def test_french_duration_really_not_said_still_flags() -> None:
    note = "Prise de sang dans 3 semaines avant la prochaine consultation."
    assert numbers(run(note, CONTROLE, language="fr")) == ["3 semaines"]


def test_eight_days_is_a_week_in_french_only() -> None:
    assert 7.0 in days(Quantity(0, 8.0, "day"), "fr")
    assert 7.0 not in days(Quantity(0, 8.0, "day"), "en")
    assert days(Quantity(0, 8.0, "mg"), "en") == frozenset()


def test_a_dozen_and_a_couple_are_numbers() -> None:
    lines = ["[patient] i get a dozen of those headaches, a couple of them bad."]
    assert numbers(run("About 12 headaches, 2 of them severe.", lines)) == []
    assert numbers(run("About 10 headaches, 3 of them severe.", lines)) == ["10", "3"]


SUGARS = [
    "[patient] my sugars have been in the three to four hundreds the last couple of weeks,",
    "[patient] and one time it spiked at like five or six hundred.",
    "[doctor] okay, and you check it two to three times a day?",
]


def test_a_spoken_range_shares_its_multiplier() -> None:
    note = "Blood sugar in the 300 to 400s, one spike to 500 or 600, checked 2 to 3 times a day."
    assert numbers(run(note, SUGARS)) == []
    assert numbers(run("Blood sugar in the 350s.", SUGARS)) == ["350"]


def test_french_spoken_range_shares_its_multiplier() -> None:
    lines = ["[patiente] la glycémie monte à cinq ou six cents parfois."]
    assert numbers(run("Glycémie à 500 ou 600 mg/dl.", lines, language="fr")) == []
    assert numbers(run("Glycémie à 5 ou 6 g/l.", lines, language="fr")) == ["5", "6 g"]


def test_decimals_said_without_their_zero_or_with_a_half() -> None:
    from tests.support.trust import check_lines

    cases = [
        ("A 0.5 cm stone.", "[doctor] it shows a point five centimeter stone.", "en"),
        ("Two and a half tablets.", "[doctor] take two and a half tablets.", "en"),
        ("2.5 tablets.", "[doctor] take 2 and a half tablets.", "en"),
        ("Température 38,5 °C.", "Patiente : j'avais 38 et demi.", "fr"),
        ("Température 38,5 °C.", "Patiente : j'avais trente-huit et demi.", "fr"),
    ]
    for note, said, language in cases:
        report = check_lines(note, [said], language)
        assert report.flags_of("number") == [], note


def test_a_decimal_point_written_as_a_dot_without_its_zero() -> None:
    """Dictation transcripts write the spoken point as a dot ("ninety eight . two"); after an
    article, where no sentence ends, ". five" is 0.5 too. After any other word the dot ends
    the sentence."""
    from tests.support.trust import check_lines

    stone = ["[doctor] the ct scan does show a . five centimeter kidney stone."]
    assert check_lines("A 0.5 cm kidney stone.", stone).flags_of("number") == []
    assert check_lines("A 5 cm kidney stone.", stone).flags_of("number") != []
    pain = ["[patient] it hurts . five days now."]
    assert check_lines("Pain for five days.", pain).flags_of("number") == []
    assert check_lines("Pain for 0.5 days.", pain).flags_of("number") != []
