"""desktop.trust: findings judged by their polarity in speech, spoken numbers, laterality against
the rest of the note, sentence support with lay wording, headings and list numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.trust import Flag, TrustReport
from desktop.trust.lexicon import TrustDataError, load_frequencies
from tests.support.trust import check_lines as run


def risk(report: TrustReport) -> list[Flag]:
    return [f for f in report.flags if f.kind != "omission"]


def of_kind(report: TrustReport, kind: str) -> list[str]:
    return [f.text.lower() for f in report.flags_of(kind)]


XRAY = [
    "[doctor] so i looked at your x-ray, i don't see any fractures, everything lines up well.",
    "[doctor] you have some tenderness right here over the finger.",
]


def test_a_finding_denied_in_speech_and_stated_in_the_note_is_a_negation() -> None:
    assert of_kind(run("X-ray shows no fracture.", XRAY), "negation") == []
    report = run("X-ray shows a fracture.", XRAY)
    flags = report.flags_of("negation")
    assert [f.text for f in flags] == ["fracture"]
    assert "denied" in flags[0].reason and 0 in flags[0].evidence


ANSWERS = [
    "[doctor] have you had any body aches or chills or anything like that?",
    "[patient] no, just a headache, i generally don't feel well.",
    "[doctor] okay and any other symptoms like a cough or shortness of breath or dizziness",
    "[patient] no",
]


def test_a_spoken_no_answers_the_question_and_does_not_deny_what_follows() -> None:
    assert risk(run("Reports headache. Denies body aches or chills.", ANSWERS)) == []
    report = run("Denies headache.", ANSWERS)
    assert of_kind(report, "negation") == ["headache"]
    assert "reported" in report.flags_of("negation")[0].reason


def test_an_unpunctuated_question_takes_the_polarity_of_its_answer() -> None:
    assert of_kind(run("Denies cough or dizziness.", ANSWERS), "negation") == []
    assert of_kind(run("Reports cough.", ANSWERS), "negation") == ["cough"]


def test_lay_phrasing_and_abbreviations_carry_the_polarity() -> None:
    lines = ["[doctor] on your neck exam there is no jugular venous distention, good."]
    assert of_kind(run("Neck: No JVD.", lines), "negation") == []
    assert of_kind(run("Neck: JVD.", lines), "negation") == ["jvd"]


def test_a_generic_finding_is_judged_with_its_site() -> None:
    lines = [
        "[patient] my knee hurts, the pain is in my knee when i climb stairs.",
        "[doctor] any chest pain?",
        "[patient] no, no chest pain.",
    ]
    assert of_kind(run("Reports knee pain. Denies chest pain.", lines), "negation") == []
    assert of_kind(run("Reports chest pain.", lines), "negation") == ["pain"]
    assert of_kind(run("Denies knee pain.", lines), "negation") == ["pain"]


def test_a_hypothetical_finding_in_the_plan_is_not_asserted() -> None:
    lines = ["[doctor] any fever?", "[patient] no."]
    assert (
        of_kind(run("She will call the office if she develops a fever.", lines), "negation") == []
    )
    assert of_kind(run("Reports fever.", lines), "negation") == ["fever"]


def test_a_specific_finding_never_mentioned_is_a_likely_lost_no_on_that_word() -> None:
    lines = ["[doctor] your lungs sound nice and clear, your heart sounds good."]
    assert risk(run("Lungs clear to auscultation.", lines)) == []
    report = run("Lungs: wheezes and rhonchi.", lines)
    words = of_kind(report, "negation")
    assert "wheezes" in words and "rhonchi" in words
    assert "never mentions" in next(f.reason for f in report.flags if f.text == "wheezes")


KNEE = [
    "[doctor] ms thompson is here for right knee pain, tell me what happened.",
    "[patient] i twisted it on a ladder.",
    "[doctor] looking at the x-ray of your left knee there is no fracture.",
    "[doctor] so you hurt something inside your right knee, a meniscus sprain.",
]


def test_a_side_is_judged_against_speech_and_the_rest_of_the_note() -> None:
    note = "Right knee pain after a twist on a ladder.\nX-ray of the {} knee: no fracture."
    assert of_kind(run(note.format("right"), KNEE), "laterality") == []
    report = run(note.format("left"), KNEE)
    flags = report.flags_of("laterality")
    assert [f.text.lower() for f in flags] == ["left knee"]
    assert "rest of the note" in flags[0].reason


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("we're looking at like a hundred and forty over seventy", "BP 140/70."),
        ("your temperature is ninety eight . two today", "Temperature 98.2 F."),
        ("the pain is ten out of ten", "Pain 10/10."),
        ("continue the cozaar one hundred milligrams daily", "Cozaar 100 mg daily."),
    ],
)
def test_spoken_numbers_match_the_note(said: str, written: str) -> None:
    assert of_kind(run(written, [f"[doctor] {said}"]), "number") == []


def test_french_compound_numbers_are_read() -> None:
    lines = ["Votre tension est à cent quarante sur quatre-vingt-dix, pouls soixante-dix-sept."]
    report = run("Tension 140/90, pouls 77.", lines, language="fr")
    assert of_kind(report, "number") == []
    assert of_kind(run("Tension 140/90, pouls 78.", lines, language="fr"), "number") == ["78"]


DOSES = [
    "[doctor] continue the lisinopril twenty milligrams once a day and the metformin one "
    "thousand milligrams twice a day."
]


def test_a_dose_belongs_to_the_drug_before_it() -> None:
    note = "Lisinopril 20 mg once a day and metformin {} mg twice a day."
    assert risk(run(note.format(1000), DOSES)) == []
    flags = run(note.format(2000), DOSES).flags_of("number")
    assert [f.text for f in flags] == ["2000 mg"]
    assert "metformin" in flags[0].reason and "1000 mg" in flags[0].reason


def test_list_numbers_and_names_with_numbers_are_no_quantities() -> None:
    lines = ["[patient] i started making pottery during covid and my elbow hurts."]
    note = "ASSESSMENT\n1. Elbow pain.\n2. Started pottery during COVID-19."
    assert of_kind(run(note, lines), "number") == []


def test_titles_are_not_judged_but_their_drugs_are_checked() -> None:
    lines = ["[doctor] you take ibuprofen for the pain, and your blood counts were fine."]
    assert of_kind(run("Hematology/Lymphatic/Immunology\nIbuprofen", lines), "unsupported") == []
    report = run("Warfarin", lines)
    assert of_kind(report, "drug") == ["warfarin"]


def test_lay_wording_supports_a_clinical_sentence() -> None:
    lines = [
        "[patient] honestly i've been cheating on my diet, eating a lot of salty food lately.",
        "[patient] and my ankles are swollen by the evening.",
    ]
    report = run("He admits to dietary indiscretion with ankle edema.", lines)
    assert of_kind(report, "unsupported") == []
    assert report.sentences[0].segments


def test_text_after_a_question_mark_is_not_asked() -> None:
    lines = ["[doctor] okay ? so i want to increase your lasix to 80 mg once a day."]
    omitted = of_kind(run("Heart failure, doing well.", lines), "omission")
    assert "lasix" in omitted


def test_missing_word_frequencies_are_a_trust_data_error(tmp_path: Path) -> None:
    with pytest.raises(TrustDataError) as info:
        load_frequencies("en", tmp_path)
    assert str(info.value).endswith(".") and "\n" not in str(info.value)


def test_anything_said_only_with_a_denial_is_a_negation_when_the_note_states_it() -> None:
    lines = [
        "[doctor] do you have a pacemaker or defibrillator, or use oxygen at night?",
        "[patient] no.",
    ]
    assert risk(run("No pacemaker or home oxygen.", lines)) == []
    assert "pacemaker" in of_kind(run("Has a pacemaker.", lines), "negation")


def test_cannot_catch_my_breath_reports_a_symptom() -> None:
    lines = ["[patient] when i walk i can't catch my breath and i'm wheezing."]
    assert of_kind(run("Reports shortness of breath on exertion.", lines), "negation") == []
    lines = ["[patient] i can't recall any fever."]
    assert of_kind(run("Reports fever.", lines), "negation") == ["fever"]


def test_the_last_asking_phrase_of_a_turn_starts_the_question() -> None:
    lines = [
        "[doctor] i'm going to order a lipid panel to see if we need any changes okay do you"
        " have any questions",
        "[patient] no",
    ]
    assert risk(run("I ordered a lipid panel.", lines)) == []


def test_rechecking_after_edits_gives_what_a_fresh_check_gives() -> None:
    from desktop.trust.core import clear_cache

    base = "Right knee pain after a twist on a ladder.\nX-ray of the right knee: no fracture.\n"
    edits = [
        base,
        base.replace("ladder", "ladder at home"),  # one sentence changes, the rest shift
        base.replace("X-ray of the right", "X-ray of the left"),  # a side changes
        "Left knee pain after a twist on a ladder.\n" + base.split("\n")[1],  # context changes
    ]
    for note in edits:
        cached = run(note, KNEE)
        clear_cache()
        fresh = run(note, KNEE)
        assert cached == fresh
        for f in cached.flags:
            assert f.note_span is None or note[f.note_span[0] : f.note_span[1]] == f.text


def test_a_sided_body_part_nobody_mentions_is_unsupported() -> None:
    flags = run("X-ray of the right elbow was normal.", KNEE).flags_of("unsupported")
    assert any(f.text.lower() == "right elbow" and "elbow" in f.reason for f in flags)
    assert of_kind(run("X-ray of the right knee was normal.", KNEE), "unsupported") == []


def test_hedged_speech_is_not_a_statement() -> None:
    lines = ["[doctor] weigh yourself every day and call me if you are gaining weight."]
    assert of_kind(run("Denies weight gain.", lines), "negation") == []


def test_a_denial_reaches_past_i_dont_think_ive_ever_had() -> None:
    lines = ["[patient] i don't think i've ever had heartburn, so i'm not sure."]
    assert of_kind(run("Denies heartburn.", lines), "negation") == []
    assert of_kind(run("Reports heartburn.", lines), "negation") == ["heartburn"]


def test_not_concerned_about_a_finding_does_not_deny_it() -> None:
    lines = [
        "[patient] when it's humid i feel a little bit of pounding in my chest.",
        "[doctor] i'm not too concerned about that chest pounding.",
    ]
    assert of_kind(run("Reports palpitations when running.", lines), "negation") == []
