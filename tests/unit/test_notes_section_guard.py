"""The section guard on a streamed draft: the built-in model's closing recap after the template's
last section ("Final Report:", "NOTES:", "**Finalize the Note:**") ends the stream, and nothing
else does (issue 20: those lines cost the doctor seconds after Stop; issue 25: they repeat the
note)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.notes.section_guard import template_headings, within_template
from desktop.notes.templates import find_template, load_templates

SOAP = ("subjective", "objective", "assessment", "plan")
CONSULTATION_EN = ("reason for visit", "history", "examination", "conclusion", "plan")
CONSULTATION_FR = (
    "motif",
    "histoire de la maladie",
    "examen clinique",
    "conclusion",
    "conduite a tenir",
)
BODY = (
    "**SUBJECTIVE:**\n- Knee pain since a fall two days ago.\n"
    "**OBJECTIVE:**\n- Tenderness over the medial meniscus.\n"
    "**ASSESSMENT:**\nMedial meniscus sprain.\n"
    "**PLAN:**\n- **Knee brace:** and crutches.\n- Motrin 800 mg every six hours with food.\n"
)


def pieces(text: str, size: int = 3) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@pytest.mark.parametrize(
    "recap",
    [
        "\n**Finalize the Note:**\nBrian is scheduled for an echocardiogram in about a week.\n",
        "\nFinal Report:\n- Recommendations: Order X-rays. Give Motrin 800 mg.\n",
        "\nNOTES:\n- The patient has been using ice and ibuprofen.\n",
        "\nNOTE: Motrin 800 mg every six hours.\n",  # an inline label in capitals
        "\n## Summary\nKnee sprain, brace and Motrin.",  # unfinished last line
        "\nNOTED BY: [Doctor's Name]\n",
    ],
)
def test_a_recap_after_the_last_section_ends_the_draft(recap: str) -> None:
    out = "".join(within_template(pieces(BODY + recap), SOAP))
    assert out.rstrip() == BODY.rstrip()


def test_the_stream_is_closed_when_the_recap_starts() -> None:
    closed: list[bool] = []
    sent: list[str] = []

    def model() -> Iterator[str]:
        try:
            for chunk in pieces(BODY + "\nNOTES:\n" + "- The patient says so again.\n" * 50):
                sent.append(chunk)
                yield chunk
        finally:
            closed.append(True)

    out = "".join(within_template(model(), SOAP))
    assert closed == [True]
    assert "NOTES" not in out
    assert len("".join(sent)) < len(BODY) + 30  # the request stopped at the heading


def test_a_plan_with_its_own_labels_keeps_them() -> None:
    plan = (
        "Medications:\n- Lasix 80 mg daily.\nFollow-up:\n- In a week.\nRecommendations:\n- Rest.\n"
    )
    out = "".join(within_template(pieces(BODY + plan), SOAP))
    assert out == BODY + plan


def test_recap_words_before_the_last_section_are_not_touched() -> None:
    text = "SUBJECTIVE:\nNotes:\n- from the nurse\nOBJECTIVE:\nx\nPLAN:\n- rest\n"
    assert "".join(within_template(pieces(text), SOAP)) == text


def test_a_template_that_asks_for_notes_keeps_them() -> None:
    text = "PLAN:\n- rest\nNOTES:\n- call if worse\n"
    assert "".join(within_template(pieces(text), ("plan", "notes"))) == text


def test_before_the_last_heading_text_streams_piece_by_piece() -> None:
    out = list(within_template(["SUBJ", "ECTIVE:\n", "Knee ", "pain"], SOAP))
    assert out[:3] == ["SUBJ", "ECTIVE:", "\n"]
    assert out[3:] == ["Knee ", "pain"]


def test_after_the_last_heading_bullets_stream_and_other_lines_wait_to_be_whole() -> None:
    out = list(within_template(["PLAN:\n", "- Mot", "rin.\n", "Follow ", "up in a week.\n"], SOAP))
    assert out[:4] == ["PLAN:", "\n", "- Mot", "rin."]  # a bullet passes at once
    assert "Follow " not in out  # the prose line passes whole
    assert "".join(out) == "PLAN:\n- Motrin.\nFollow up in a week.\n"


def test_a_template_without_headings_is_not_guarded() -> None:
    letter = "Dear Colleague,\nI am referring...\nNotes:\nKind regards,\n"
    assert "".join(within_template(pieces(letter), ())) == letter


@pytest.mark.parametrize(
    ("template", "language", "headings"),
    [
        ("soap", "en", SOAP),
        ("soap", "fr", ("subjectif", "objectif", "evaluation", "plan")),
        (
            "consultation",
            "en",
            ("reason for visit", "history", "examination", "conclusion", "plan"),
        ),
        (
            "consultation",
            "fr",
            (
                "motif",
                "histoire de la maladie",
                "examen clinique",
                "conclusion",
                "conduite a tenir",
            ),
        ),
        ("referral", "en", ()),
        ("prescription", "fr", ()),
    ],
)
def test_the_built_in_templates_headings(
    template: str, language: str, headings: tuple[str, ...], tmp_path: Path
) -> None:
    found = find_template(load_templates(user_dir=tmp_path), template, language)
    assert template_headings(found.instructions) == headings


def test_french_recap_after_conduite_a_tenir() -> None:
    doc = (
        "MOTIF :\nCéphalées.\nCONDUITE À TENIR :\n- Paracétamol 1 g.\n\nRemarques :\n- Céphalées.\n"
    )
    heads = ("motif", "histoire de la maladie", "examen clinique", "conclusion", "conduite a tenir")
    out = "".join(within_template(pieces(doc), heads))
    assert out.rstrip() == "MOTIF :\nCéphalées.\nCONDUITE À TENIR :\n- Paracétamol 1 g."
