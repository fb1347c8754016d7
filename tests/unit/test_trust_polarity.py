"""desktop.trust: a "no" lost from a note sentence (grammar, lay phrases, "trouble X"), and note
boilerplate that states nothing to find in the consultation. English and French."""

from __future__ import annotations

from desktop.trust import TrustReport
from tests.support.trust import check_lines as run


def of_kind(report: TrustReport, kind: str) -> list[str]:
    return [f.text.lower() for f in report.flags_of(kind)]


INJURY = [
    "[doctor] did you ever hurt that arm before, any injury to it?",
    "[patient] no, never, it started on its own about a month ago.",
    "[doctor] do you have any questions for me?",
]


def test_any_after_a_reporting_verb_reads_as_a_lost_no() -> None:
    assert of_kind(run("Denies any previous injuries to her arm.", INJURY), "negation") == []
    flagged = of_kind(run("Reports any previous injuries to her arm.", INJURY), "negation")
    assert "any previous injuries to her arm" in flagged


def test_any_in_a_condition_or_an_instruction_is_not_a_lost_no() -> None:
    note = "She will call the office if she has any questions."
    assert of_kind(run(note, INJURY), "negation") == []


def test_a_clause_opening_known_reads_as_a_lost_no_known() -> None:
    lines = ["[doctor] and her sister is healthy, nothing going on?", "[patient] yes she's fine."]
    assert of_kind(run("Sister: healthy, no known health conditions.", lines), "negation") == []
    flagged = of_kind(run("Sister: healthy, known health conditions.", lines), "negation")
    assert flagged == ["known health conditions"]
    assert of_kind(run("Her sister is well known to our clinic.", lines), "negation") == []


def test_trouble_with_something_is_judged_with_what_it_is_about() -> None:
    lines = ["[doctor] any problems sleeping?", "[patient] no."]
    assert of_kind(run("Denies problems sleeping.", lines), "negation") == []
    assert of_kind(run("Reports problems sleeping.", lines), "negation") == ["problems"]


def test_shortness_counts_only_with_breath() -> None:
    lines = [
        "[doctor] are you having any shortness of breath?",
        "[patient] no. i'm a bit short on sleep though.",
    ]
    assert of_kind(run("Denies shortness of breath.", lines), "negation") == []
    assert "shortness" in of_kind(run("Reports shortness of breath.", lines), "negation")


def test_a_lay_phrase_is_denied_when_any_of_its_words_is() -> None:
    lines = ["[patient] i don't think there is any blood, but the urine looks a little dark."]
    assert of_kind(run("Denies hematuria.", lines), "negation") == []
    assert of_kind(run("Reports hematuria.", lines), "negation") == ["hematuria"]


def test_french_trouble_is_judged_with_what_it_is_about() -> None:
    lines = ["[médecin] vous avez du mal à avaler ?", "[patient] non, pas du tout."]
    assert of_kind(run("Pas de difficultés à avaler.", lines, "fr"), "negation") == []
    assert of_kind(run("Difficultés à avaler.", lines, "fr"), "negation") == ["difficultés"]


def test_french_finding_never_mentioned_is_a_likely_lost_no() -> None:
    lines = ["[médecin] les poumons sont clairs, le cœur est régulier."]
    assert of_kind(run("Auscultation : râles crépitants.", lines, "fr"), "negation")


SURGERY = [
    "[doctor] so we talked about the surgery, we'll fix the wrist with a plate and screws.",
    "[patient] okay, i'd like to go ahead with it.",
    "[patient] my wife and i just bought a house, i've been married twenty years.",
]


def test_consent_boilerplate_and_paraphrases_are_not_unsupported() -> None:
    note = (
        "We reviewed the risks, benefits, and alternatives of the surgery.\n"
        "Lives with wife, recently purchased a new house."
    )
    assert of_kind(run(note, SURGERY), "unsupported") == []
    invented = "She was started on chemotherapy for lymphoma by oncology."
    assert of_kind(run(invented, SURGERY), "unsupported")


def test_a_word_joined_to_allergies_by_and_is_no_allergen() -> None:
    lines = ["[patient] my breathing is worse in the summer, with my allergies and the heat."]
    note = "Difficulty breathing due to allergies and the heat in summer."
    assert of_kind(run(note, lines), "allergy") == []
    assert of_kind(run("Allergic to sulfa.", lines), "allergy") == ["sulfa"]
    fr = ["[patient] c'est pire l'été avec mes allergies et la chaleur."]
    assert (
        of_kind(run("Gêne respiratoire due aux allergies et à la chaleur.", fr, "fr"), "allergy")
        == []
    )
