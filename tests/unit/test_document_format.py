"""The model's Markdown made clean (issue 25): headings and labels kept as such, markers gone."""

from __future__ import annotations

import pytest

from desktop import document_format as fmt

MODEL_SOAP = """**SOAP Note**

**SUBJECTIVE:**
- **Reason for the Visit:** Headache for two days.
- **History:** *No* prior episodes.

---
## Plan
1. Paracetamol 1 g as needed."""

CLEAN_SOAP = """SUBJECTIVE:
- Reason for the Visit: Headache for two days.
- History: No prior episodes.

Plan:
1. Paracetamol 1 g as needed."""


def test_the_model_markdown_becomes_clean_text() -> None:
    assert fmt.clean_markdown(MODEL_SOAP) == CLEAN_SOAP
    assert "*" not in CLEAN_SOAP and "#" not in CLEAN_SOAP


@pytest.mark.parametrize(
    "text",
    [
        CLEAN_SOAP,
        "DRAFT PRESCRIPTION - TO BE CHECKED AND SIGNED BY THE DOCTOR\n\nParacetamol 1 g.",
        "MOTIF : douleur abdominale.\nCONDUITE À TENIR : échographie.",
        "Note: the patient asked for a letter.",  # a sentence, not a title
        "",
    ],
)
def test_clean_text_comes_back_unchanged(text: str) -> None:
    assert fmt.clean_markdown(text) == text


@pytest.mark.parametrize(
    ("title", "first_kept"),
    [
        ("# Compte rendu de consultation", "MOTIF : douleur"),
        ("SOAP Note", "MOTIF : douleur"),
        ("**Clinical Note - Headache**", "MOTIF : douleur"),
        ("## Note de consultation", "MOTIF : douleur"),
    ],
)
def test_a_title_line_nobody_asked_for_is_dropped(title: str, first_kept: str) -> None:
    assert fmt.clean_markdown(f"{title}\n\nMOTIF : douleur").split("\n")[0] == first_kept


def test_french_headings_keep_their_space_before_the_colon() -> None:
    clean = fmt.clean_markdown("**HISTOIRE DE LA MALADIE :**\n- **Début :** hier soir.")
    assert clean == "HISTOIRE DE LA MALADIE :\n- Début : hier soir."


def test_headings_stay_headings_for_the_editor_and_the_clipboard() -> None:
    clean = fmt.clean_markdown("**Assessment**\nViral illness.\n### Plan\n- Rest.")
    assert clean == "Assessment:\nViral illness.\nPlan:\n- Rest."
    headings = [b.text for b in fmt.parse(clean) if b.kind == fmt.HEADING]
    assert headings == ["Assessment", "Plan"]


def test_copy_of_clean_text_has_real_formatting_and_no_markers() -> None:
    html = fmt.to_html(CLEAN_SOAP)
    assert "<h3>SUBJECTIVE</h3>" in html and "<h3>Plan</h3>" in html
    assert "<li><b>Reason for the Visit:</b> Headache for two days.</li>" in html
    assert "*" not in html and "#" not in html
    plain = fmt.to_plain(CLEAN_SOAP)
    assert "*" not in plain and plain.startswith("SUBJECTIVE\n- Reason for the Visit:")


def test_streamed_lines_clean_like_the_whole() -> None:
    lines, first = [], True
    for line in MODEL_SOAP.split("\n"):
        if first and not line.strip():
            continue
        cleaned = fmt.clean_stream_line(line, first=first)
        first = first and not line.strip()
        if cleaned is not None:
            lines.append(cleaned)
    joined = "\n".join(lines)
    assert joined.lstrip("\n") == CLEAN_SOAP
