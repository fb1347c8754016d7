"""desktop.trust.check: each kind of flag, in English and French, on small handwritten cases."""

from __future__ import annotations

import time

import pytest

from desktop.asr.base import Segment
from desktop.trust import KINDS, TrustReport, check

EN_TRANSCRIPT = [
    "[doctor] hi, what brings you in today?",
    "[patient] my right knee has been hurting for about three weeks.",
    "[doctor] any fever or chills?",
    "[patient] no.",
    "[doctor] do you have any allergies to medications?",
    "[patient] yes, i'm allergic to penicillin, i get hives.",
    "[doctor] and you take lisinopril 20 mg every day for your blood pressure?",
    "[patient] yes, and tylenol when the knee is bad.",
    "[doctor] okay. on exam there is swelling of the right knee. i'm going to order an x-ray"
    " of the right knee and start physical therapy.",
]


def segs(lines: list[str]) -> list[Segment]:
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]


FAITHFUL = (
    "Right knee pain for 3 weeks.\n"
    "No fever or chills.\n"
    "Allergic to penicillin (hives).\n"
    "Takes lisinopril 20 mg daily for blood pressure and acetaminophen as needed.\n"
    "Exam: swelling of the right knee.\n"
    "Plan: x-ray of the right knee and physical therapy."
)


def run(note: str, lines: list[str] = EN_TRANSCRIPT, language: str = "auto") -> TrustReport:
    return check(note, segs(lines), language=language)


def kinds(report: TrustReport, with_omissions: bool = False) -> list[str]:
    return [f.kind for f in report.flags if with_omissions or f.kind != "omission"]


def test_faithful_note_raises_no_flag_and_links_every_sentence() -> None:
    report = run(FAITHFUL)
    assert report.language == "en"
    assert report.flags == []
    judged = [s for s in report.sentences if s.checked]
    assert len(judged) >= 3
    assert all(s.segments and s.score >= 0.5 for s in judged)
    knee = report.sentences[0]
    assert 1 in knee.segments


@pytest.mark.parametrize(
    ("original", "changed", "kind", "reason_part"),
    [
        ("lisinopril 20 mg", "lisinopril 40 mg", "number", "20 mg"),
        ("lisinopril 20 mg", "metoprolol 20 mg", "drug", "metoprolol"),
        ("Right knee pain", "Left knee pain", "laterality", "right"),
        ("No fever or chills.", "Fever and chills.", "negation", "denied"),
        ("Allergic to penicillin", "Allergic to sulfa", "allergy", "sulfa"),
        ("for 3 weeks", "for 6 weeks", "number", "6"),
    ],
)
def test_each_injected_error_is_flagged_over_the_changed_text(
    original: str, changed: str, kind: str, reason_part: str
) -> None:
    note = FAITHFUL.replace(original, changed)
    assert note != FAITHFUL
    report = run(note)
    hits = report.flags_of(kind)
    assert hits, report.flags
    flag = hits[0]
    assert flag.note_span is not None
    start, end = flag.note_span
    assert note[start:end] == flag.text
    where = note.index(changed)
    assert start < where + len(changed) and end > where
    assert reason_part in flag.reason
    assert flag.reason.endswith(".")


def test_invented_sentence_is_unsupported_with_the_missing_words() -> None:
    note = FAITHFUL + "\nShe had a colonoscopy in Paris showing diverticulosis and polyps."
    report = run(note)
    unsupported = report.flags_of("unsupported")
    assert [f.text for f in unsupported] == [
        "She had a colonoscopy in Paris showing diverticulosis and polyps."
    ]
    assert "colonoscopy" in unsupported[0].reason


def test_deleted_medication_and_allergy_are_listed_as_omissions() -> None:
    note = FAITHFUL.replace("Allergic to penicillin (hives).\n", "").replace(
        " and acetaminophen as needed", ""
    )
    report = run(note)
    omitted = [f.text for f in report.flags_of("omission")]
    assert {"tylenol", "penicillin"} <= set(omitted)
    assert len(omitted) == len(set(omitted))  # penicillin once, as an allergy
    assert "allergy" in next(f.reason for f in report.flags if f.text == "penicillin")
    for f in report.flags_of("omission"):
        assert f.note_span is None and f.evidence and f.evidence_text


def test_no_known_allergies_contradicts_a_stated_allergy() -> None:
    report = run(FAITHFUL.replace("Allergic to penicillin (hives).", "NKDA."))
    assert any(f.kind == "allergy" and "penicillin" in f.reason for f in report.flags)


def test_brand_and_generic_names_match_and_units_convert() -> None:
    lines = ["[doctor] take tylenol half a gram, that is 0.5 g, twice a day."]
    report = check("Acetaminophen 500 mg twice daily.", segs(lines), language="en")
    assert kinds(report) == []


def test_spelled_out_numbers_in_speech_match_digits_in_the_note() -> None:
    lines = ["[patient] it started about twenty five days ago, and i'm forty two."]
    assert kinds(check("Pain for 25 days in a 42-year-old.", segs(lines))) == []
    assert kinds(check("Pain for 26 days in a 42-year-old.", segs(lines))) == ["number"]


def test_drug_like_word_next_to_a_dose_is_checked_even_if_unknown() -> None:
    lines = ["[doctor] continue zorbaprilum 10 mg daily."]
    report = check("Start fantasartan 10 mg daily.", segs(lines), language="en")
    assert "drug" in kinds(report)


FR_TRANSCRIPT = [
    "Bonjour Madame, qu'est-ce qui vous amène ?",
    "J'ai mal au genou gauche depuis deux semaines.",
    "Vous avez de la fièvre ?",
    "Non, pas du tout.",
    "Vous êtes allergique à quelque chose ?",
    "Oui, je suis allergique à la pénicilline.",
    "Vous prenez du Doliprane ?",
    "Oui, un gramme trois fois par jour.",
    "Je vais vous prescrire une radiographie du genou gauche et de la kinésithérapie.",
]
FR_NOTE = (
    "Douleur du genou gauche depuis 2 semaines.\n"
    "Pas de fièvre.\n"
    "Allergie à la pénicilline.\n"
    "Traitement : paracétamol 1 g trois fois par jour.\n"
    "Radiographie du genou gauche et kinésithérapie."
)


def test_french_faithful_note_has_no_flag() -> None:
    report = run(FR_NOTE, FR_TRANSCRIPT)
    assert report.language == "fr"
    assert kinds(report, with_omissions=True) == []


@pytest.mark.parametrize(
    ("original", "changed", "kind"),
    [
        ("genou gauche depuis", "genou droit depuis", "laterality"),
        ("Pas de fièvre.", "Fièvre.", "negation"),
        ("paracétamol 1 g", "paracétamol 2 g", "number"),
        ("paracétamol", "tramadol", "drug"),
        ("Allergie à la pénicilline.", "Allergie à l'aspirine.", "allergy"),
    ],
)
def test_french_errors_are_flagged(original: str, changed: str, kind: str) -> None:
    report = run(FR_NOTE.replace(original, changed, 1), FR_TRANSCRIPT)
    assert kind in kinds(report), report.flags


def test_french_omitted_medication() -> None:
    note = FR_NOTE.replace("Traitement : paracétamol 1 g trois fois par jour.\n", "")
    omitted = [f.text for f in run(note, FR_TRANSCRIPT).flags_of("omission")]
    assert "doliprane" in omitted


def test_empty_inputs_give_an_empty_report() -> None:
    assert check("", segs(EN_TRANSCRIPT)).flags == []
    report = check(FAITHFUL, [])
    assert report.flags == []
    assert all(s.segments == () for s in report.sentences)


def test_kinds_are_the_documented_ones() -> None:
    report = run(FAITHFUL.replace("20 mg", "40 mg").replace("Right", "Left"))
    assert set(kinds(report, with_omissions=True)) <= set(KINDS)


def test_recheck_after_an_edit_reuses_the_transcript_index() -> None:
    lines = EN_TRANSCRIPT * 20
    run(FAITHFUL, lines)
    start = time.perf_counter()
    for _ in range(5):
        run(FAITHFUL + " Edited.", lines)
    # Not a timing assertion: the cached path must simply give the same answer.
    assert run(FAITHFUL, lines).flags == run(FAITHFUL, lines).flags
    assert time.perf_counter() >= start


def test_sentence_at_gives_the_evidence_of_the_clicked_sentence() -> None:
    report = run(FAITHFUL)
    position = FAITHFUL.index("lisinopril")
    link = report.sentence_at(position)
    assert link is not None and link.start <= position < link.end
    assert 6 in link.segments
    assert report.sentence_at(len(FAITHFUL) + 10) is None


def test_years_and_dates_from_the_record_are_not_flagged_as_numbers() -> None:
    lines = ["[doctor] your knee x-ray from last spring was normal."]
    report = check("Knee x-ray on 10/05/2022 was normal, seen in 2021.", segs(lines))
    assert "number" not in kinds(report)


def test_all_right_and_right_now_are_not_sides() -> None:
    lines = [
        "[doctor] all right, so your left knee hurts right now?",
        "[patient] yes, the left knee. all right.",
    ]
    assert kinds(check("Left knee pain.", segs(lines))) == []
    assert kinds(check("Right knee pain.", segs(lines))) == ["laterality"]
