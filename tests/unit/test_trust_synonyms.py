"""Said in other words (issue 25): a plural finds its singular's synonyms ("paresthesias" /
tingling), and the pandemic is COVID."""

from __future__ import annotations

from tests.support.trust import check_lines


def test_a_plural_finds_the_synonyms_of_its_singular() -> None:
    lines = ["Patient: I did have more tingling and numbness in the past, now it has improved."]
    note = "He had more significant paresthesias in the past, now improved considerably."
    assert check_lines(note, lines).flags_of("negation") == []
    assert check_lines("Paresthesias.", ["Patient: no tingling, no numbness."]).flags != []


def test_the_pandemic_is_covid() -> None:
    lines = ["Patient: during this pandemic I really got into pottery, and now my elbow hurts."]
    note = "He started making pottery during the COVID-19 pandemic; his elbow hurts since."
    assert check_lines(note, lines).flags_of("term") == []
    other = ["Patient: I really got into pottery, and now my elbow hurts."]
    assert [f.text for f in check_lines(note, other).flags_of("term")] == ["COVID"]


def test_a_no_after_a_hesitation_answers_the_question() -> None:
    lines = [
        "Médecin : Est-ce que vous avez des pathologies comme de la tension, du diabète… ?",
        "Patient : Euh non, j'ai pas de problème particulier de santé.",
    ]
    flagged = check_lines("Antécédents : diabète.", lines, "fr").flags_of("negation")
    assert [f.reason for f in flagged] == ["In the consultation, diabete is denied."]
    assert check_lines("Antécédents : pas de diabète.", lines, "fr").flags == []
    en = ["Doctor: any fever?", "Patient: uh, no."]
    assert [f.kind for f in check_lines("Fever.", en).flags] == ["negation"]


def test_a_preposition_is_no_finding() -> None:
    lines = ["Patient: I don't know what happened between the hospital and home, I lost it."]
    note = "Somehow between the hospital and home she lost it."
    assert check_lines(note, lines).flags_of("negation") == []


def test_cannot_sleep_is_insomnia_not_a_denial() -> None:
    lines = ["Patient : ça me faisait tellement mal que j'arrivais pas à dormir."]
    assert check_lines("Insomnie liée à la douleur.", lines, "fr").flags_of("negation") == []
    en = ["Patient: it hurt so much I couldn't sleep."]
    assert check_lines("Insomnia due to the pain.", en).flags_of("negation") == []
    denied = ["Médecin : vous dormez bien ?", "Patient : oui, je dors bien, pas d'insomnie."]
    assert check_lines("Insomnie.", denied, "fr").flags_of("negation") != []


def test_a_long_list_of_denied_symptoms_is_denied_to_its_end() -> None:
    lines = ["Doctor: any chest pain or breathlessness?", "Patient: no."]
    note = (
        "The patient denies fever, chills, sweats, ear pain, URI symptoms, cough, dyspnea, chest "
        "pain, vomiting, diarrhea, abdominal pain, melena, hematochezia, urinary symptoms, "
        "headache, neck pain, back pain, weakness or paresthesias."
    )
    assert check_lines(note, lines).flags_of("negation") == []


def test_an_exam_finding_nobody_made_is_unsupported_however_short() -> None:
    lines = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]
    for note in ("Auscultation pulmonaire normale.", "Patient conscient et orienté."):
        assert [f.kind for f in check_lines(note, lines, "fr").flags] == ["unsupported"], note
    en = ["Doctor: hello.", "Patient: I have a headache since two days."]
    assert [f.kind for f in check_lines("Alert and oriented.", en).flags] == ["unsupported"]
    examined = [*en, "Doctor: let me examine you. Your lungs sound clear."]
    assert check_lines("Alert and oriented.", examined).flags == []


def test_a_word_said_as_two_is_said() -> None:
    lines = ["Patient: I don't even try to reach for anything over my head, it really hurts."]
    note = "He avoids reaching overhead secondary to the pain."
    assert check_lines(note, lines).flags_of("unsupported") == []


def test_a_synonym_said_as_two_words_is_said() -> None:
    """ "Cholecystectomy" is the gallbladder taken out, however the transcript spells it."""
    lines = [
        "Doctor: have you had any surgeries on your abdomen, or gall bladder, or appendix?",
        "Patient: yes. they took my gall bladder out several years ago.",
    ]
    assert check_lines("Surgical history: cholecystectomy.", lines).flags_of("term") == []
    other = ["Doctor: any surgeries?", "Patient: they took my tonsils out as a child."]
    assert check_lines("Surgical history: cholecystectomy.", other).flags_of("term") != []
