"""Headings and labels are the note's structure: never an unsupported sentence, never a clinical
term or a finding the note asserts, never a clinical fact of their own (issue 25)."""

from __future__ import annotations

import pytest

from tests.support.trust import check_lines

EN = ["Doctor: hello, what brings you in?", "Patient: I have a headache since two days."]
FR = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]


@pytest.mark.parametrize(
    "label",
    [
        "History of the present complaint:",
        "**History of the present complaint:**",
        "Reason for the visit and history of the present complaint and relevant findings:",
    ],
)
def test_a_label_line_is_never_unsupported_nor_a_fact(label: str) -> None:
    report = check_lines(f"{label}\nThe patient has a headache for two days.", EN)
    assert report.flags == [], report.flags
    assert report.sentences[0].fact is None
    assert not report.sentences[0].checked


def test_a_long_label_does_not_count_against_its_sentence() -> None:
    plain = check_lines("The patient has a headache for two days.", EN).sentences[0].score
    labelled = check_lines(
        "- History of the present complaint: The patient has a headache for two days.", EN
    )
    assert labelled.flags == []
    assert labelled.sentences[0].score == plain


@pytest.mark.parametrize(
    ("note", "language"),
    [
        ("Vital Signs: Not discussed.", "en"),
        ("- **Vital Signs:** Not discussed.", "en"),
        ("Vital signs:\n- Blood pressure: not discussed\n- Respiratory rate: not discussed", "en"),
        ("Constantes : non abordé.", "fr"),
        ("- Tension artérielle : non abordée", "fr"),
        ("Température : non prise", "fr"),
    ],
)
def test_a_vital_sign_named_by_a_label_is_no_clinical_term_said(note: str, language: str) -> None:
    report = check_lines(note, EN if language == "en" else FR, language)
    assert report.flags == [], report.flags
    assert all(link.fact is None for link in report.sentences)


def test_the_labelled_content_is_still_checked() -> None:
    report = check_lines("Vital signs: blood pressure 140/90 mmHg.", EN)
    assert [(f.kind, f.text) for f in report.flags if f.kind != "unsupported"] == [
        ("number", "140"),
        ("number", "90 mmHg"),
        ("term", "blood pressure"),
    ]
    assert report.sentences[0].fact == "vital"
    assessment = check_lines("Assessment: headache for two days, consistent with migraine.", EN)
    assert [f.text for f in assessment.flags_of("term")] == ["migraine"]


def test_a_finding_named_by_a_label_is_not_asserted() -> None:
    lines = ["Doctor: any fever?", "Patient: no, no fever at all. Just this headache."]
    assert check_lines("Fever: none.\nHeadache.", lines).flags == []


def test_a_tension_headache_is_a_diagnosis_not_a_vital_sign() -> None:
    report = check_lines("Conclusion : céphalées de tension.", FR, "fr")
    assert report.sentences[0].fact != "vital"
    assert [f.text for f in report.flags_of("term")] == ["céphalées de tension"]
    assert report.flags_of("term")[0].fact != "vital"
    said = [*FR, "Médecin : c'est sûrement une céphalée de tension."]
    assert check_lines("Conclusion : céphalées de tension.", said, "fr").flags == []
    assert check_lines("La tension est à 12/8.", FR, "fr").sentences[0].fact == "vital"
    assert check_lines("Tensions musculaires cervicales.", FR, "fr").sentences[0].fact != "vital"


@pytest.mark.parametrize(
    ("sentence", "lines", "language"),
    [
        ("Vital signs were not discussed.", EN, "en"),
        ("Test results were not discussed.", EN, "en"),
        ("Physical examination was not performed.", EN, "en"),
        ("Les constantes n'ont pas été abordées.", FR, "fr"),
        ("Examen clinique non réalisé.", FR, "fr"),
    ],
)
def test_a_topic_said_not_covered_is_structure(
    sentence: str, lines: list[str], language: str
) -> None:
    """ACI-Bench D2N072: the repair removed "Vital signs were not discussed." and "Test results
    were not discussed." (a vital sign, a clinical term nobody said), which claim nothing; the
    issue wants such sections to say so."""
    report = check_lines(f"OBJECTIVE:\n{sentence}", lines, language=language)
    assert report.flags == [], report.flags
    assert report.sentences[-1].fact is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Blood pressure was 120/80, not discussed further.",  # a value
        "Vital signs normal, fever not discussed.",  # a second clause claims something
        "Blood pressure was high and the heart rate was fast but the rest was not assessed.",
    ],
)
def test_a_sentence_that_claims_something_is_still_checked(sentence: str) -> None:
    report = check_lines(f"OBJECTIVE:\n{sentence}", EN)
    assert report.flags, sentence
