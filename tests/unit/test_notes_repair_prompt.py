"""The text edits and the words of a draft's repair (issue 25): a sentence removed leaves no empty
bullet, a section left empty says "not discussed" in the note's language, a label stays with its
new sentence; the model's answer is read whatever it wraps it in."""

from __future__ import annotations

import pytest

from desktop.notes.repair_prompt import (
    nothing_clinical_document,
    parse_fix,
    replace_sentence,
    without_clauses,
)

NOTE = (
    "SUBJECTIVE:\nHeadache for two days.\n\n"
    "OBJECTIVE:\n- Temperature 37.2 °C and blood pressure 120/80 mmHg.\n\n"
    "PLAN:\nRest. Take paracetamol.\n"
)


def span(note: str, sentence: str) -> tuple[int, int]:
    start = note.index(sentence)
    return start, start + len(sentence)


@pytest.mark.parametrize(("lang", "phrase"), [("en", "Not discussed."), ("fr", "Non abordé.")])
def test_a_section_left_empty_says_not_discussed(lang: str, phrase: str) -> None:
    out = replace_sentence(
        NOTE, *span(NOTE, "Temperature 37.2 °C and blood pressure 120/80 mmHg."), None, lang
    )
    assert f"OBJECTIVE:\n{phrase}\n\nPLAN:" in out
    assert "120/80" not in out and "- \n" not in out


def test_a_sentence_removed_from_a_line_leaves_the_rest() -> None:
    out = replace_sentence(NOTE, *span(NOTE, "Take paracetamol."), None, "en")
    assert out.endswith("PLAN:\nRest.\n")
    out = replace_sentence(NOTE, *span(NOTE, "Rest."), None, "en")
    assert out.endswith("PLAN:\nTake paracetamol.\n")


def test_a_new_sentence_keeps_the_label_that_opened_it() -> None:
    note = "OBJECTIVE: Temperature 38.5 °C.\nPLAN: Rest.\n"
    out = replace_sentence(note, 0, note.index("\n"), "Temperature 37.5 °C.", "en")
    assert out == "OBJECTIVE: Temperature 37.5 °C.\nPLAN: Rest.\n"
    out = replace_sentence(note, 0, note.index("\n"), None, "fr")
    assert out == "OBJECTIVE: Non abordé.\nPLAN: Rest.\n"
    bullet = "- Blood pressure: 150/95 mmHg.\n- Weight: 80 kg.\n"
    assert replace_sentence(bullet, 0, bullet.index("\n"), None, "en") == "- Weight: 80 kg.\n"


def test_a_label_the_model_wrote_again_is_kept_once() -> None:
    """ACI-Bench D2N071: the fix of a labelled line came back with its label, which the line
    already kept: "Treatments Prescribed or Changed: Treatments Prescribed or Changed: …"."""
    note = "- Treatments Prescribed or Changed: Refill prozac 20 mg daily, keep exercising.\n"
    fix = "Treatments prescribed or changed: Refill prozac 20 mg daily."
    out = replace_sentence(note, 0, note.index("\n"), fix, "en")
    assert out == "- Treatments Prescribed or Changed: Refill prozac 20 mg daily.\n"
    other = replace_sentence(note, 0, note.index("\n"), "Plan: Refill prozac.", "en")
    assert other == "- Treatments Prescribed or Changed: Plan: Refill prozac.\n"  # another label


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("DELETE", None),
        ("SUPPRIMER", None),
        ("Supprimer.", None),
        ("- delete", None),
        ("  ", None),
        ('Corrected sentence: "Takes ibuprofen 400 mg."', "Takes ibuprofen 400 mg."),
        ("- Prend du Doliprane 1 g.\n", "Prend du Doliprane 1 g."),
        ("PLAN:\nRest for two days.", "Rest for two days."),
        (  # ACI-Bench D2N070's fix: the note states the fact, never its source
            "The consultation states that the straight leg raise test is negative.",
            "The straight leg raise test is negative.",
        ),
        ("La consultation indique que le patient fume.", "Le patient fume."),
        ("« Douleur à 8 sur 10. »", "Douleur à 8 sur 10."),
    ],
)
def test_the_answer_is_read_whatever_it_is_wrapped_in(answer: str, expected: str | None) -> None:
    assert parse_fix(answer, "original") == expected


def test_nothing_clinical_says_so_in_the_note_language_with_the_mark() -> None:
    assert "Nothing clinical was said" in nothing_clinical_document("en")
    fr = nothing_clinical_document("fr", mark="Projet à vérifier")
    assert fr.startswith("Projet à vérifier\n\n") and "Rien de médical" in fr


def test_an_answer_that_is_not_a_sentence_changes_nothing() -> None:
    note = "Compte rendu de consultation\n\nMOTIF :\nToux.\nCONCLUSION :\nRhume.\nCAT :\nRepos."
    assert parse_fix(note, "Céphalées de tension.") == "Céphalées de tension."
    assert parse_fix("SOAP Note", "Tension headache.") == "Tension headache."
    long = "Summary: " + "Médecin : bonjour, qu'est-ce qui vous amène ? " * 4
    assert parse_fix(long, "Céphalées de tension.") == "Céphalées de tension."


def test_a_question_copied_from_the_consultation_changes_nothing() -> None:
    asked = "Et vous êtes suivie pour des maladies particulières ?"
    assert parse_fix(asked, "Il est suivi pour des maladies.") == "Il est suivi pour des maladies."
    assert parse_fix("Patient : bah non.", "Pas de traitement.") == "Pas de traitement."


def _spans(sentence: str, *numbers: str) -> list[tuple[int, int]]:
    return [(sentence.index(n), sentence.index(n) + len(n)) for n in numbers]


def test_the_items_of_a_list_holding_the_given_numbers_are_dropped() -> None:
    constantes = "- Constantes : TA 150/95, pouls 88, température 37,2 °C"
    assert (
        without_clauses(constantes, _spans(constantes, "150", "88"))
        == "- Constantes : Température 37,2 °C"  # a decimal comma is no item's end
    )
    items = "Blood pressure (140/90 mmHg, left arm), heart rate 60, 1+ pitting edema."
    assert without_clauses(items, _spans(items, "140")) == "Heart rate 60, 1+ pitting edema."


def test_no_list_or_nothing_left_is_none() -> None:
    two = "Takes ibuprofen 400 mg, twice a day."
    assert without_clauses(two, _spans(two, "400")) is None  # not a list: ask the model
    one = "Vital signs: blood pressure 140/90 mmHg."
    assert without_clauses(one, _spans(one, "140")) is None
    every = "Vital signs: BP 140/90, HR 60."
    assert without_clauses(every, _spans(every, "140", "60")) is None  # nothing would be left
