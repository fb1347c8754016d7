"""desktop.trust: when a note sentence counts as supported by the consultation — clinical words
for what the patient said in lay words, and invented sentences still caught. English and
French."""

from __future__ import annotations

from desktop.trust import TrustReport
from desktop.trust.analysis import content_stems
from desktop.trust.lexicon import load_lexicon
from desktop.trust.text import stem, tokenize
from tests.support.trust import check_lines as run


def unsupported(report: TrustReport) -> list[str]:
    return [f.text for f in report.flags_of("unsupported")]


URINE = [
    "[doctor] how has your daughter been doing since the last visit?",
    "[patient] she seems to pee a lot, and she drinks a lot more water now.",
    "[doctor] any burning when she pees? any loose stools or trouble going?",
    "[patient] no burning, and her stools are normal, no constipation.",
]


def test_clinical_words_for_lay_words_are_supported() -> None:
    note = "Mother notes she urinates frequently and drinks more fluids."
    assert unsupported(run(note, URINE)) == []
    invented = "She underwent tonsillectomy and adenoidectomy for recurrent strep throat."
    assert unsupported(run(invented, URINE)) == [invented]


URINE_FR = [
    "[médecin] alors, qu'est-ce qui vous amène ?",
    "[patiente] ça brûle quand je fais pipi, depuis trois jours, et j'ai eu de la température.",
    "[médecin] d'accord, et vous buvez assez d'eau ?",
]


def test_french_clinical_words_for_lay_words_are_supported() -> None:
    note = "Dysurie depuis trois jours avec fièvre."
    assert unsupported(run(note, URINE_FR, language="fr")) == []
    invented = "Antécédent de cholécystectomie et d'appendicectomie dans l'enfance."
    assert unsupported(run(invented, URINE_FR, language="fr")) == [invented]


KNEE_VISIT = [
    "[doctor] so your knee pain started after the fall last week?",
    "[patient] yes, it's been swollen since then.",
    "[doctor] we'll get an x-ray and i'll see you again after that. any questions?",
    "[patient] no, that's all, thank you.",
]


def test_sentences_about_the_encounter_itself_are_not_unsupported() -> None:
    note = (
        "Questions were invited and answered today.\n"
        "I had a lengthy discussion with the patient in regards to her knee."
    )
    assert unsupported(run(note, KNEE_VISIT)) == []
    invented = "I had a lengthy discussion about her colonoscopy and colon polyps."
    assert unsupported(run(invented, KNEE_VISIT)) == [invented]


GENOU = [
    "[médecin] alors ce genou, ça a commencé après la chute la semaine dernière ?",
    "[patient] oui, il est gonflé depuis.",
    "[médecin] on va faire une radio, vous avez des questions ?",
]


def test_french_sentences_about_the_encounter_are_not_unsupported() -> None:
    note = "Patiente informée et rassurée, questions répondues, radio programmée."
    assert unsupported(run(note, GENOU, language="fr")) == []


def test_who_came_and_who_added_what_is_documentation() -> None:
    lines = [*KNEE_VISIT, "[patient] my daughter drove me, the knee is worse on the stairs."]
    for note in (
        "Patient accompanied to the appointment by her daughter.",
        "She adds that the knee pain is worse on the stairs.",
    ):
        assert unsupported(run(note, lines)) == []
    invented = "She adds that she was accompanied by her neighbour after a syncopal episode."
    assert unsupported(run(invented, lines)) == [invented]


def test_french_who_came_is_documentation() -> None:
    note = "Patiente accompagnée de sa fille au rendez-vous."
    lines = [*GENOU, "[patiente] c'est ma fille qui m'a amenée."]
    assert unsupported(run(note, lines, language="fr")) == []


PITUITARY = [
    "[doctor] we would do what's called a transsphenoidal approach through the sphenoid sinus.",
    "[doctor] the postoperative wound will need checking, and the risks are a fluid leak.",
    "[patient] okay, i'd like to go ahead with it.",
]


def test_a_hyphenated_word_matches_the_same_word_said_as_one() -> None:
    for note in ("Trans-sphenoidal resection planned.", "Post-operative wound check."):
        assert unsupported(run(note, PITUITARY)) == []
    invented = "Trans-oral craniotomy planned."
    assert unsupported(run(invented, PITUITARY)) == [invented]


def test_french_hyphenated_word_matches_the_word_said_as_one() -> None:
    said_apart = ["[médecin] on fera le contrôle post-opératoire dans quinze jours."]
    assert unsupported(run("Contrôle postopératoire à J15.", said_apart, language="fr")) == []
    said_as_one = ["[médecin] il y a eu une petite hémorragie postopératoire le deuxième jour."]
    note = "Hémorragie post-opératoire à J2."
    assert unsupported(run(note, said_as_one, language="fr")) == []
    invented = "Éventration péri-ombilicale à J15."
    assert unsupported(run(invented, said_apart, language="fr")) == [invented]


def test_plurals_of_words_that_count_nothing_count_nothing() -> None:
    lines = ["[patient] i just don't feel well in general, kind of a headache."]
    assert unsupported(run("Constitutional: Reports general ill feelings.", lines)) == []
    invented = "Constitutional: Reports night sweats and chills."
    assert unsupported(run(invented, lines)) == [invented]


def test_french_plurals_of_words_that_count_nothing_count_nothing() -> None:
    lex = load_lexicon()
    tokens = tokenize("Examens des patientes : lésions", "fr")
    assert content_stems(tokens, lex) == {stem("lesions", "fr")}
    tokens = tokenize("less pain, less swelling", "en")  # "les" counts nothing, "less" does
    assert stem("less", "en") in content_stems(tokens, lex)


NECK = [
    "[doctor] i'm examining your neck now with that sore throat.",
    "[doctor] i don't appreciate any cervical lymphadenopathy, and the throat is a bit red.",
]


def test_lymph_nodes_are_lymphadenopathy() -> None:
    assert unsupported(run("Palpation: No enlarged lymph nodes.", NECK)) == []
    invented = "Palpation: Enlarged liver and spleen."
    assert unsupported(run(invented, NECK)) == [invented]


def test_french_lymph_nodes_are_adenopathy() -> None:
    lines = ["[médecin] je palpe le cou, pas d'adénopathie, la gorge est rouge."]
    assert unsupported(run("Palpation : pas de ganglions.", lines, language="fr")) == []
    invented = "Cou : goitre thyroïdien multinodulaire."
    assert unsupported(run(invented, lines, language="fr")) == [invented]


def test_french_absence_d_denies_what_follows() -> None:
    denied = ["[médecin] je palpe le cou, pas d'adénopathie, la gorge est rouge."]
    report = run("Absence d'adénopathie cervicale.", denied, language="fr")
    assert [f.kind for f in report.flags_of("negation")] == []
    found = ["[médecin] je palpe le cou, il y a une adénopathie cervicale à droite."]
    report = run("Absence d'adénopathie cervicale.", found, language="fr")
    assert [f.kind for f in report.flags_of("negation")] == ["negation"]


COUGH = [
    "[doctor] so the cough has been going on for a week?",
    "[patient] yes, mostly at night, and i feel a bit short of breath.",
]


def test_a_full_sentence_with_few_words_none_said_is_unsupported() -> None:
    invented = "He will contact me should he continue to experience any dyspnea."
    assert unsupported(run(invented, COUGH)) == []  # breath: dyspnea is said in lay words
    invented = "He will contact me should he continue to experience any hematemesis."
    assert unsupported(run(invented, COUGH)) == [invented]
    # a short item, or one of its rare words said: not judged on so little
    assert unsupported(run("Atrial fibrillation.", COUGH)) == []
    assert unsupported(run("He will call me if the cough continues at night.", COUGH)) == []


def test_french_full_sentence_with_few_words_none_said_is_unsupported() -> None:
    lines = ["[médecin] alors cette toux, depuis une semaine ?", "[patient] oui, surtout la nuit."]
    invented = "Il me recontactera si jamais il a une hématémèse."
    assert unsupported(run(invented, lines, language="fr")) == [invented]
    assert unsupported(run("Hématémèse à surveiller.", lines, language="fr")) == []  # too short


def test_how_symptoms_affect_abilities_is_documentation() -> None:
    lines = ["[patient] the shoulder pain makes it hard to lift things or do my usual chores."]
    note = "The pain affects his ability to lift objects and perform typical daily tasks."
    assert unsupported(run(note, lines)) == []
    invented = "His symptoms affect his ability to drive his tractor or perform typical gardening."
    assert unsupported(run(invented, lines)) == [invented]


def test_french_impact_on_abilities_is_documentation() -> None:
    lines = ["[patient] j'ai du mal à porter les courses, avec cette épaule."]
    note = "Retentissement : capacité à porter les courses limitée par l'épaule."
    assert unsupported(run(note, lines, language="fr")) == []
    invented = "Retentissement fonctionnel avec capacité à conduire réduite."
    assert unsupported(run(invented, lines, language="fr")) == [invented]
