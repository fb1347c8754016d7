"""Fewer false flags on notes that are right (issue 25): each case here was flagged before."""

from __future__ import annotations

from tests.support.trust import check_lines


def test_a_drug_the_patient_takes_is_no_allergy() -> None:
    report = check_lines(
        "No allergies.", ["Takes ibuprofen 400 mg twice daily. Allergic to penicillin."]
    )
    reasons = [f.reason for f in report.flags]
    assert not any("allergy to ibuprofen" in r for r in reasons), reasons
    allergy = report.flags_of("allergy")
    assert [f.reason for f in allergy] == ["The consultation mentions an allergy to penicillin."]
    omitted = {f.text: f.reason for f in report.flags_of("omission")}
    assert omitted["ibuprofen"].startswith("The medication ibuprofen")


def test_an_allergy_named_in_the_answer_to_the_question() -> None:
    report = check_lines(
        "No allergies.",
        ["Doctor: any allergies?", "Patient: I take ibuprofen daily. I'm allergic to penicillin."],
    )
    assert [f.reason for f in report.flags_of("allergy")] == [
        "The consultation mentions an allergy to penicillin."
    ]


PLAN_LINES = [
    "[doctor] so i'm gonna just check you out. let me take a listen to your heart.",
    "[doctor] okay. we will get you scheduled for the echocardiogram.",
    "[doctor] i want you to come back in three months.",
    "[patient] okay, thank you.",
]


def test_only_clinically_meaningful_plans_are_omissions() -> None:
    report = check_lines("Palpitations for a month.", PLAN_LINES)
    omitted = report.flags_of("omission")
    assert [f.text for f in omitted] == [
        "we will get you scheduled for the echocardiogram",
        "i want you to come back in three months",
    ]
    assert "echocardiogram" in omitted[0].reason and omitted[0].evidence == (1,)
    assert omitted[0].evidence_text.startswith("okay. we will get you scheduled")


def test_a_plan_the_note_names_in_other_words_is_not_omitted() -> None:
    note = "Palpitations for a month. Echo ordered. Follow up in 3 months."
    assert check_lines(note, PLAN_LINES).flags_of("omission") == []


def test_french_plans_exam_narration_is_no_omission() -> None:
    lines = [
        "Médecin : D'accord. Donc là, on va vous examiner un petit peu.",
        "Médecin : Je vais vous prescrire une échographie et on se revoit dans quinze jours.",
    ]
    omitted = check_lines("Douleur abdominale depuis hier.", lines, "fr").flags_of("omission")
    assert [f.reason for f in omitted] == [
        "Said in the consultation and not in the note: a test ordered (échographie); "
        "a follow-up (on se revoit)."
    ]
    assert omitted[0].evidence == (1,)


def test_a_long_unpunctuated_turn_gives_one_omission_with_the_words_around_it() -> None:
    turn = (
        "[doctor] now i'm also going to refer you to physical therapy for approximately six to"
        " eight weeks and during that time you may also continue to take tylenol now if your"
        " symptoms don't improve we can consider a steroid injection for your shoulder"
    )
    omitted = check_lines("Shoulder pain. Tylenol as needed.", [turn]).flags_of("omission")
    assert [f.text for f in omitted] == [
        "now i'm also going to refer you to physical therapy for approximately six to eight weeks"
    ]
    assert "a referral (refer)" in omitted[0].reason


def test_omissions_are_ranked_and_at_most_five() -> None:
    drugs = ["lisinopril", "metformin", "atorvastatin", "omeprazole", "sertraline"]
    lines = [f"[patient] i take {d} 10 mg every day." for d in drugs]
    lines += ["[doctor] i'll order an mri.", "[patient] i'm allergic to penicillin."]
    omitted = check_lines("Here for a check-up.", lines).flags_of("omission")
    assert len(omitted) == 5
    assert omitted[0].text == "penicillin" and "allergy" in omitted[0].reason
    assert [f.text for f in omitted[1:]] == drugs[:4]


def test_a_test_result_reviewed_is_no_test_ordered() -> None:
    lines = ["[doctor] okay i'm gonna review the results of your right foot x-ray that we did."]
    assert check_lines("Right foot pain.", lines).flags_of("omission") == []


def test_a_drug_class_in_the_note_stands_for_the_brand_said() -> None:
    """The patient said Lantus; the note says insulin: one drug, no flag, no omission."""
    report = check_lines(
        "Insulin 20 units at night.", ["[patient] i take lantus 20 units at night."]
    )
    assert report.flags == []
    for note, said in [("Takes a statin.", "lipitor"), ("Takes an NSAID as needed.", "advil")]:
        assert check_lines(note, [f"[patient] i take {said} every day."]).flags == []


def test_a_brand_the_consultation_never_named_is_still_flagged() -> None:
    """More specific than what was said is not supported: insulin said, Lantus written."""
    report = check_lines("Lantus 20 units at night.", ["[patient] i take insulin, 20 units."])
    assert [f.text for f in report.flags_of("drug")] == ["Lantus"]


def test_paraphrased_symptoms_are_not_findings_never_mentioned() -> None:
    cases = [
        ("Nasal congestion for a week.", "[patient] i've had a stuffy nose for a week."),
        ("Runny nose for three days.", "[patient] my nose is running, for three days."),
        ("Shortness of breath on exertion.", "[patient] i get out of breath on the stairs."),
    ]
    for note, said in cases:
        assert check_lines(note, [said]).flags == [], note


FEVER_FR = [
    "Médecin : est-ce que vous avez eu de la fièvre",
    "Patiente : Je me sentais un peu fiévreuse. J'ai pas pris la température.",
    "Médecin : avez-vous des frissons",
    "Patiente : Oui j'ai froid",
    "Médecin : est-ce que les urines sont foncées",
    "Patiente : Non pas vraiment",
]


def test_french_postposed_non_negates_only_its_word() -> None:
    """ "température non prise, frissons": the temperature was not taken, the chills are
    stated; "urines non foncées" agrees with the "non" answered to dark urine."""
    note = "Sensation fébrile, température non prise, frissons. Urines non foncées."
    assert check_lines(note, FEVER_FR, "fr").flags == []


def test_french_hyphenated_questions_take_their_answer() -> None:
    """ "est-ce que les urines sont foncées" / "Non pas vraiment": dark urine is denied."""
    assert check_lines("Pas d'urines foncées.", FEVER_FR, "fr").flags == []
    flagged = check_lines("Urines foncées.", FEVER_FR, "fr").flags_of("negation")
    assert [f.text for f in flagged] == ["Urines"]


def test_french_jamais_does_not_reach_the_next_clause() -> None:
    lines = [
        "Médecin : est-ce que vous avez déjà été opérée",
        "Patiente : Non, j'ai jamais été opérée, j'ai juste eu une césarienne.",
    ]
    assert check_lines("Antécédents : césarienne.", lines, "fr").flags == []


def test_a_negative_question_left_unanswered_only_asks() -> None:
    lines = [
        "Médecin : il n'y a pas une position qui vous soulageait ?",
        "Patiente : Bah, quand je me mets sur le côté, ça va mieux.",
    ]
    assert check_lines("Soulagée en position couchée sur le côté.", lines, "fr").flags == []


def test_a_denial_later_in_the_turn_denies_the_term_it_echoes() -> None:
    lines = [
        "[doctor] any fever or chills?",
        "[patient] chills, yes, last week. i checked my temperature. fever, no.",
    ]
    assert check_lines("Chills last week. No fever.", lines).flags == []
    flagged = check_lines("Fever and chills.", lines).flags_of("negation")
    assert [f.text for f in flagged] == ["Fever"]


def test_french_topic_then_non_later_in_the_turn() -> None:
    lines = [
        "Médecin : vous avez de la fièvre ?",
        "Patient : euh, la fièvre, je l'ai pas prise, mais non je ne pense pas.",
    ]
    assert check_lines("Pas de fièvre.", lines, "fr").flags == []


def test_a_finding_denied_in_other_words_is_flagged_as_denied() -> None:
    lines = ["[doctor] is your nose stuffy?", "[patient] no, it's not stuffy at all."]
    assert check_lines("No nasal congestion.", lines).flags == []
    flagged = check_lines("Nasal congestion.", lines).flags_of("negation")
    assert [f.reason for f in flagged] == ["In the consultation, congestion is denied."]


def test_french_mais_non_pas_is_a_plain_no_in_a_note() -> None:
    lines = ["Médecin : vous avez eu des sueurs ?", "Patiente : Mais non pas vraiment de sueurs."]
    assert check_lines("Mais non pas vraiment de sueurs.", lines, "fr").flags == []


def test_only_an_asked_symptom_echoed_before_a_no_is_denied() -> None:
    lines = [
        "Médecin : L'appétit est normal, ces derniers temps ?",
        "Patiente : Bah, ces derniers temps, non, rien de particulier.",
    ]
    assert check_lines("Ces derniers temps, rien de particulier.", lines, "fr").flags == []
