"""A template's placeholder the model wrote ("Médicament A (dose X)") is flagged red, and the
repair removes its sentence without asking the model."""

from __future__ import annotations

import pytest

from desktop.asr.base import Segment
from desktop.session.repair import targets
from desktop.trust import check

THIN_FR = [
    Segment(0.0, 1.0, "Bonjour."),
    Segment(1.0, 4.0, "J'ai mal à la tête depuis deux jours."),
]
# What the built-in model wrote for that consultation (bench/draft.py, French thin case).
DRAFTED_FR = (
    "HISTOIRE DE LA MALADIE :\n"
    "- Mal à la tête depuis deux jours.\n"
    "- Traitements en cours :\n"
    "  - Médicament A (dose X)\n"
    "  - Médicament B (dose Y)\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Médicament A (dose X).",
        "Continue medication B as prescribed.",
        "Date of birth: [date].",
        "Follow-up on ___.",
        "Amoxicillin XX mg three times a day.",
        "Seen by Dr X.",
    ],
)
def test_a_placeholder_is_flagged_red(sentence: str) -> None:
    report = check(sentence, THIN_FR, language="en")
    flags = report.flags_of("placeholder")
    assert len(flags) == 1 and flags[0].severity == "red"


@pytest.mark.parametrize(
    "sentence",
    [
        "Hemoglobin A1c was 7.2.",
        "Hepatitis B vaccination is up to date.",
        "Vitamin D 1000 units daily.",
        "Paracétamol 1 g trois fois par jour.",
        "Type A personality.",
        "The patient takes medication for blood pressure.",
    ],
)
def test_real_words_are_not_placeholders(sentence: str) -> None:
    assert check(sentence, THIN_FR, language="en").flags_of("placeholder") == []


def test_the_repair_removes_placeholders_without_asking() -> None:
    report = check(DRAFTED_FR, THIN_FR, language="fr")
    placeholders = {f.note_span for f in report.flags_of("placeholder")}
    assert len(placeholders) == 2
    found = {(t.start, t.end): t for t in targets(report, DRAFTED_FR, THIN_FR)}
    for span in placeholders:
        assert span is not None
        link = report.sentence_at(span[0])
        assert link is not None
        assert found[(link.start, link.end)].remove  # no question to the model: removed
