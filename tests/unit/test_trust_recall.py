"""Recall where it matters (issue 25): a clinical term nobody said, and a sentence written twice,
are flagged red even when the rest of the sentence's words were said."""

from __future__ import annotations

import pytest

from tests.support.trust import check_lines

FR_PAIN = [
    "Médecin : Vous avez mal comment, sur une échelle de 0 à 10 ?",
    "Patiente : Je dirais 8 à 9 sur 10, comme pendant mon accouchement.",
]
HEADACHE = ["Doctor: hello.", "Patient: I have a headache since two days."]


def test_enceinte_is_flagged_though_every_other_word_was_said() -> None:
    note = "Le patient est enceinte à 8 à 9 sur 10 pendant son accouchement."
    report = check_lines(note, FR_PAIN, "fr")
    terms = report.flags_of("term")
    assert [f.text for f in terms] == ["enceinte"]
    assert terms[0].severity == "red" and terms[0].clinical and terms[0].fact == "condition"
    assert report.flags_of("unsupported") == []  # the sentence as a whole looks supported


@pytest.mark.parametrize(
    ("note", "term"),
    [
        ("Headache for two days, likely a migraine.", "migraine"),
        ("Headache for two days in a known diabetic.", "diabetic"),
        ("Headache for two days, probably sinusitis.", "sinusitis"),
        ("Headache for two days. Blood pressure is normal.", "Blood pressure"),
        ("She has a headache since two days and she is pregnant.", "pregnant"),
    ],
)
def test_conditions_diagnoses_and_vitals_never_said_are_flagged(note: str, term: str) -> None:
    terms = check_lines(note, HEADACHE).flags_of("term")
    assert [f.text for f in terms] == [term]


@pytest.mark.parametrize(
    ("note", "lines"),
    [
        ("Known diabetic, headache for two days.", [*HEADACHE, "Patient: I'm diabetic."]),
        (
            "Hypertension, on lisinopril.",
            ["Patient: my blood pressure is high, I take lisinopril."],
        ),
        ("Sinusitis last winter.", ["Patient: I had a sinus infection, sinusitis, last winter."]),
        ("Headache for two days. No fever.", HEADACHE),
        ("Headache for two days. Watch for signs of meningitis.", HEADACHE),
        ("Mother has diabetes.", ["Patient: my mother has sugar problems."]),
    ],
)
def test_terms_said_negated_or_hypothetical_are_not_flagged(note: str, lines: list[str]) -> None:
    assert check_lines(note, lines).flags_of("term") == []


def test_a_sentence_written_twice_is_flagged_once() -> None:
    line = "La patiente décrit une douleur du haut du ventre depuis hier soir."
    note = (
        f"Histoire : {line}\nExamen : {line}\nConduite à tenir : {line}\nNon abordé.\nNon abordé."
    )
    lines = ["Patiente : j'ai mal en haut du ventre depuis hier soir."]
    repeated = check_lines(note, lines, "fr").flags_of("repeated")
    assert [f.note_span[0] for f in repeated if f.note_span] == [
        note.index("Examen : "),
        note.index("Conduite à tenir : "),
    ]
    # a fault of the writing, not a fact at odds with the consultation: amber, not red
    assert all(f.severity == "amber" and "line 1" in f.reason for f in repeated)


def test_a_note_without_repeats_has_no_repeated_flag() -> None:
    note = "Headache for two days.\nNot discussed.\nNot discussed.\nHeadache is better."
    assert check_lines(note, HEADACHE).flags_of("repeated") == []


def test_a_diagnosis_after_a_denial_is_still_stated() -> None:
    """ "Denies fever, consistent with pneumonia": the "denies" does not reach the diagnosis."""
    terms = check_lines("Headache, denies fever, consistent with pneumonia.", HEADACHE)
    assert [f.text for f in terms.flags_of("term")] == ["pneumonia"]


def test_a_french_sign_denied_in_lay_words_is_flagged_when_stated() -> None:
    lines = ["Médecin : et les selles ?", "Patiente : Non, j'ai pas vu de jaunisse."]
    assert check_lines("Pas d'ictère.", lines, "fr").flags == []
    flagged = check_lines("Ictère.", lines, "fr").flags_of("negation")
    assert [(f.text, f.reason) for f in flagged] == [
        ("Ictère", "In the consultation, ictere is denied.")
    ]


def test_a_term_of_the_other_language_is_an_ordinary_word() -> None:
    """ "tension" is a French vital sign and an English word ("tension-type headache")."""
    terms = check_lines("Tension-type headache, likely a migraine.", HEADACHE).flags_of("term")
    assert [f.text for f in terms] == ["migraine"]


def test_a_normal_exam_nobody_did_is_judged() -> None:
    """ "Lungs clear to auscultation" is a template's sentence where the doctor examined, and
    an invented exam finding where nobody did."""
    note = "Lungs clear to auscultation bilaterally."
    unsupported = check_lines(note, HEADACHE).flags_of("unsupported")
    assert [(f.clinical, f.fact) for f in unsupported] == [(True, "exam")]
    examined = [*HEADACHE, "Doctor: let me take a listen to your lungs. okay, sounds good."]
    assert check_lines(note, examined).flags == []
