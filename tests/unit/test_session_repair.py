"""Repair before display (issue 25): the draft is checked against the consultation and what the
checker finds is fixed before the doctor reads it; nothing clinical said gives a short document
and no model call. With the fake note writer (scripted answers)."""

from __future__ import annotations

from pathlib import Path

from desktop.asr.base import Segment
from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.prompts import draft_messages
from desktop.notes.templates import find_template, load_templates
from desktop.progress import CHECKING_DRAFT, Progress
from desktop.session.repair import Repaired, RepairResult, draft_and_repair
from desktop.trust import check

THIN = ["Doctor: hello.", "Patient: I have a headache since two days."]
THIN_DRAFT = (
    "SUBJECTIVE:\nThe patient reports a headache for two days.\n\n"
    "OBJECTIVE:\nBlood pressure 120/80 mmHg, heart rate 75 bpm, temperature 37.2 °C.\n\n"
    "ASSESSMENT:\nAcute sinusitis with hypertension.\n\n"
    "PLAN:\nNot discussed.\n"
)
KNEE = [
    "[doctor] What brings you in today?",
    "[patient] My right knee has been hurting for three weeks.",
    "[doctor] Are you taking anything for it?",
    "[patient] Ibuprofen 400 mg twice a day.",
    "[doctor] Let's get an x-ray of the right knee.",
]
KNEE_DRAFT = (
    "SUBJECTIVE:\nRight knee pain for three weeks. Takes ibuprofen 800 mg twice a day.\n\n"
    "PLAN:\nX-ray of the right knee.\n"
)


def request(lines: list[str], lang: str = "en", template: str = "soap") -> DraftRequest:
    found = find_template(load_templates(user_dir=Path("/nonexistent")), template, lang)
    return DraftRequest(transcript="\n".join(lines), template=found, note_language=lang)


def segments(lines: list[str]) -> list[Segment]:
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]


def run(writer: FakeNoteWriter, req: DraftRequest, lines: list[str], **kw: object):
    job = draft_and_repair(writer, req, segments=segments(lines), cancel=CancelToken(), **kw)
    items = []
    while True:
        try:
            items.append(next(job))
        except StopIteration as stop:
            return items, stop.value


def test_invented_vitals_and_diagnosis_are_removed_and_the_section_says_not_discussed() -> None:
    writer = FakeNoteWriter(answers=[THIN_DRAFT, "DELETE"])
    items, result = run(writer, request(THIN), THIN)
    assert isinstance(result, RepairResult)
    assert check(result.first, segments(THIN)).has_red  # the first draft had red flags
    assert "120/80" not in result.text and "sinusitis" not in result.text
    assert "OBJECTIVE:\nNot discussed." in result.text
    assert "ASSESSMENT:\nNot discussed." in result.text
    assert "headache for two days" in result.text  # what was said stays
    after = check(result.text, segments(THIN))
    assert not after.has_red and not result.left
    # the doctor saw "checking…" and the repairs land; the last one is the final text
    assert any(isinstance(i, Progress) and i.stage == CHECKING_DRAFT for i in items)
    assert [i for i in items if isinstance(i, Repaired)][-1].text == result.text


def test_a_wrong_dose_is_fixed_by_asking_the_model_with_the_evidence_quoted() -> None:
    fixed = "Takes ibuprofen 400 mg twice a day."
    writer = FakeNoteWriter(answers=[KNEE_DRAFT, f"Corrected sentence: {fixed}"])
    _, result = run(writer, request(KNEE), KNEE)
    assert "ibuprofen 400 mg twice a day" in result.text and "800" not in result.text
    assert result.asked == 1 and result.fixed == 1
    ask = writer.requests[1]
    assert ask.answer == KNEE_DRAFT  # a follow-up to the model's own draft, same chat
    assert "Takes ibuprofen 800 mg twice a day." in ask.follow_up
    assert '"[patient] Ibuprofen 400 mg twice a day."' in ask.follow_up  # the evidence line
    roles = [m.role for m in draft_messages(ask)]
    assert roles == ["system", "user", "assistant", "user"]
    assert draft_messages(ask)[:2] == draft_messages(writer.requests[0])  # the cached prefix


def test_a_fix_that_is_still_wrong_keeps_its_flag_after_bounded_rounds() -> None:
    wrong = "Takes ibuprofen 600 mg twice a day."
    writer = FakeNoteWriter(answers=[KNEE_DRAFT, wrong, wrong, wrong])
    _, result = run(writer, request(KNEE), KNEE)
    assert result.rounds == 2 and result.asked == 2  # asked again once, then left to the doctor
    assert [f.kind for f in result.left] == ["number"] and "600 mg" in result.text


def test_a_repeated_line_is_removed_without_asking() -> None:
    line = "Right knee pain for three weeks, worse on stairs and kneeling."
    draft = f"SUBJECTIVE:\n{line}\n\nPLAN:\nX-ray of the right knee.\n{line}\n"
    writer = FakeNoteWriter(answers=[draft])
    lines = [*KNEE, "[patient] It is worse on stairs and kneeling."]
    _, result = run(writer, request(lines), lines)
    assert result.text.count(line) == 1 and len(writer.requests) == 1


def test_a_sentence_repeated_inside_a_line_is_removed_without_asking() -> None:
    """Amber (a fault of the writing, not a wrong fact), and removed all the same: the stream's
    loop guard drops only whole repeated lines."""
    line = "Right knee pain for three weeks, worse on stairs and kneeling."
    draft = f"SUBJECTIVE:\n{line}\n\nPLAN:\nX-ray of the right knee. {line}\n"
    lines = [*KNEE, "[patient] It is worse on stairs and kneeling."]
    repeated = check(draft, segments(lines)).flags_of("repeated")
    assert [f.severity for f in repeated] == ["amber"]
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(lines), lines)
    assert result.text.count(line) == 1 and len(writer.requests) == 1
    assert "X-ray of the right knee." in result.text


def test_a_french_invented_condition_is_fixed_in_french() -> None:
    lines = [
        "Médecin : Vous avez mal comment, sur 10 ?",
        "Patiente : 8 sur 10, comme pendant mon accouchement.",
    ]
    draft = (
        "MOTIF :\nDouleur abdominale.\n\nHISTOIRE DE LA MALADIE :\n"
        "La patiente est enceinte, douleur à 8 sur 10 comme pendant son accouchement.\n"
    )
    fixed = "Douleur à 8 sur 10, comparée à son accouchement."
    writer = FakeNoteWriter(answers=[draft, fixed])
    _, result = run(writer, request(lines, "fr", "consultation"), lines)
    assert "enceinte" not in result.text and fixed in result.text
    assert "SUPPRIMER" in writer.requests[1].follow_up  # asked in the note's language


def test_nothing_clinical_gives_a_short_document_and_never_calls_the_model() -> None:
    for lang, template, phrase in (
        ("en", "soap", "Nothing clinical was said"),
        ("fr", "consultation", "Rien de médical"),
    ):
        writer = FakeNoteWriter()
        speech = ["And so my fellow Americans, ask not what your country can do for you."]
        items, result = run(writer, request(speech, lang, template), speech)
        text = "".join(i for i in items if isinstance(i, str))
        assert phrase in text and result is None
        assert writer.requests == []


def test_a_thin_real_complaint_is_still_drafted() -> None:
    writer = FakeNoteWriter(answers=["SUBJECTIVE:\nHeadache for two days.\n"])
    items, result = run(writer, request(THIN), THIN)
    assert len(writer.requests) == 1
    assert "Headache for two days." in "".join(i for i in items if isinstance(i, str))
    assert result is not None and not result.changed


def test_repair_off_asks_nothing_more() -> None:
    writer = FakeNoteWriter(answers=[THIN_DRAFT])
    items, result = run(writer, request(THIN), THIN, repair=False)
    assert result is None and len(writer.requests) == 1
    assert not any(isinstance(i, Repaired) for i in items)


def test_a_backend_failure_during_repair_keeps_the_first_draft() -> None:
    writer = FakeNoteWriter(answers=[KNEE_DRAFT], fail_from=2)
    items, result = run(writer, request(KNEE), KNEE)
    assert result.failed and "stopped answering" in result.failed
    assert result.text == result.first and "800 mg" in result.text
    assert not any(isinstance(i, Repaired) for i in items)  # nothing was changed on screen


def test_a_backend_failure_after_a_repair_puts_the_first_draft_back() -> None:
    draft = KNEE_DRAFT.replace("PLAN:\n", "PLAN:\nBlood pressure 150/95 mmHg.\nIbuprofen 900 mg.\n")
    writer = FakeNoteWriter(answers=[draft], fail_from=2)
    items, result = run(writer, request(KNEE), KNEE)
    repaired = [i for i in items if isinstance(i, Repaired)]
    assert result.failed and result.text == result.first
    assert repaired and repaired[-1].text == result.first  # shown again as first written


def test_cancel_during_repair_stops_quietly() -> None:
    writer = FakeNoteWriter(answers=[KNEE_DRAFT, "Takes ibuprofen 400 mg twice a day."])
    cancel = CancelToken()
    job = draft_and_repair(writer, request(KNEE), segments=segments(KNEE), cancel=cancel)
    for item in job:
        if isinstance(item, Progress) and item.stage == CHECKING_DRAFT:
            cancel.cancel()
    assert len(writer.requests) == 1


def test_past_its_time_the_repair_asks_nothing_more_but_still_removes() -> None:
    import time

    from desktop.notes.drafting import Drafted
    from desktop.session.repair import repair_job

    draft = KNEE_DRAFT + "\nOBJECTIVE:\nBlood pressure 150/95 mmHg, heart rate 88 bpm.\n"
    writer = FakeNoteWriter()
    drafted = Drafted(request(KNEE), draft)
    job = repair_job(
        writer, drafted, segments=segments(KNEE), cancel=CancelToken(), deadline=time.monotonic()
    )
    items = []
    while True:
        try:
            items.append(next(job))
        except StopIteration as stop:
            result = stop.value
            break
    assert writer.requests == []  # the time was spent: the wrong dose keeps its underline
    assert "150/95" not in result.text and "800 mg" in result.text
    assert [f.kind for f in result.left] == ["number"]


def test_an_invented_exam_finding_nothing_of_which_was_said_is_removed_in_french() -> None:
    lines = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]
    draft = (
        "MOTIF :\nMal à la tête depuis deux jours.\n\nEXAMEN CLINIQUE :\n"
        "- Sensibilité aux douleurs : plus forte au sommet du front et au bas des tempes.\n"
    )
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(lines, "fr", "consultation"), lines)
    assert "EXAMEN CLINIQUE :\nNon abordé." in result.text and "tempes" not in result.text
    assert len(writer.requests) == 1  # removed without asking: nothing of it was said


def test_a_finding_written_as_a_label_is_removed_when_nobody_examined() -> None:
    """The built-in model's French thin case: "Bruitage dans le cou : absent" is a label and one
    word, too short for the checker to judge, but a finding all the same."""
    lines = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]
    draft = (
        "MOTIF :\nMal à la tête depuis deux jours.\n\nEXAMEN CLINIQUE :\n"
        "- Bruitage dans le cou : absent\n"
    )
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(lines, "fr", "consultation"), lines)
    assert "EXAMEN CLINIQUE :\nNon abordé." in result.text and "Bruitage" not in result.text


HEART = [
    "[doctor] Your blood pressure and your heart rate and your oxygenation all look really good.",
    "[doctor] I do appreciate some jugular venous distention to about eight centimeters.",
    "[doctor] On your heart exam, I do appreciate a three out of six systolic ejection murmur.",
    "[doctor] On your lung exam, I do appreciate some fine crackles at the bases bilaterally.",
    "[doctor] Your lower extremities have 1+ pitting edema.",
]


def test_the_items_of_a_list_holding_numbers_nobody_said_go_and_the_rest_stays() -> None:
    """What the built-in model wrote for ACI-Bench D2N068: the exam was said, the vital signs'
    values were not ("all look really good"). The repair used to lose the whole line."""
    draft = (
        "OBJECTIVE:\n- Vital signs: Blood pressure (140/90 mmHg), heart rate (60 bpm), "
        "oxygenation (85%), jugular venous distention (8 cm), three out of six systolic "
        "ejection murmur, fine crackles at the bases bilaterally, 1+ pitting edema.\n"
    )
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(HEART), HEART)
    assert (
        "- Vital signs: Jugular venous distention (8 cm), three out of six systolic ejection "
        "murmur, fine crackles at the bases bilaterally, 1+ pitting edema." in result.text
    )
    assert "140" not in result.text and "85%" not in result.text
    assert len(writer.requests) == 1  # nothing asked of the model
    assert not [f for f in result.left if f.kind == "number"]


def test_a_sentence_that_is_no_list_is_still_asked_for_its_number() -> None:
    lines = ["[patient] I take ibuprofen twice a day."]
    draft = "SUBJECTIVE:\nTakes ibuprofen 400 mg, twice a day.\n"
    writer = FakeNoteWriter(answers=[draft, "Takes ibuprofen twice a day."])
    _, result = run(writer, request(lines), lines)
    assert len(writer.requests) == 2  # the model was asked: "twice a day" alone means nothing
    assert "Takes ibuprofen twice a day." in result.text


def test_a_contradicted_dose_is_asked_for_its_correction_not_offered_delete() -> None:
    writer = FakeNoteWriter(answers=[KNEE_DRAFT, "Takes ibuprofen 400 mg twice a day."])
    run(writer, request(KNEE), KNEE)
    ask = writer.requests[1].follow_up
    assert "DELETE" not in ask and "agrees with the consultation" in ask


def test_a_copied_line_of_the_consultation_is_not_taken_as_the_fix() -> None:
    answer = "[patient] Ibuprofen 400 mg twice a day."
    writer = FakeNoteWriter(answers=[KNEE_DRAFT, answer, answer])
    _, result = run(writer, request(KNEE), KNEE)
    assert "[patient]" not in result.text and "800 mg" in result.text  # kept, underlined
    assert [f.kind for f in result.left] == ["number"]


def test_nobody_examined_so_the_exam_section_holds_no_finding() -> None:
    draft = (
        "SUBJECTIVE: Headache for two days.\n"
        "OBJECTIVE: There is no fever or other symptoms.\n"
        "ASSESSMENT: Headache for two days.\n"
    )
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(THIN), THIN)
    assert "OBJECTIVE: Not discussed." in result.text and "fever" not in result.text
    assert "SUBJECTIVE: Headache for two days." in result.text


def test_where_the_doctor_examined_the_exam_section_is_left_to_the_checker() -> None:
    lines = [*THIN, "Doctor: let me examine your neck. No stiffness there."]
    draft = "SUBJECTIVE: Headache for two days.\nOBJECTIVE: Neck supple, no stiffness.\n"
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(lines), lines)
    assert "OBJECTIVE: Neck supple, no stiffness." in result.text


def test_a_flagged_finding_of_an_exam_nobody_did_is_removed_not_asked() -> None:
    lines = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]
    draft = (
        "MOTIF :\nMal à la tête depuis deux jours.\n\nEXAMEN CLINIQUE :\n"
        "- Mal à la tête : tendance à l'insomnie\n"
    )
    writer = FakeNoteWriter(answers=[draft, "Mal à la tête : tendance à l'insomnie"])
    _, result = run(writer, request(lines, "fr", "consultation"), lines)
    assert "insomnie" not in result.text and "EXAMEN CLINIQUE :\nNon abordé." in result.text
    assert len(writer.requests) == 1


def test_an_age_nobody_said_is_repaired_in_the_draft() -> None:
    """The model never sees the patient's record: an age in its draft that nobody said is
    invented (the checker's amber "age" flag, which a note the doctor writes may carry)."""
    draft = "SUBJECTIVE:\nA 50-year-old male with a headache for two days.\n"
    fixed = "A man with a headache for two days."
    writer = FakeNoteWriter(answers=[draft, f"Corrected sentence: {fixed}"])
    _, result = run(writer, request(THIN), THIN)
    assert [f.kind for f in check(result.first, segments(THIN)).flags] == ["age"]
    assert "50" not in result.text and fixed in result.text
    assert result.asked == 1 and result.fixed == 1 and not result.left


FR_THIN = ["Médecin : bonjour.", "Patient : j'ai mal à la tête depuis deux jours."]


def test_a_line_that_adds_only_a_number_nobody_said_goes_without_asking() -> None:
    """What the built-in model wrote for the French thin case: three past headaches, each with a
    duration nobody said, under a reason for the visit that already says the headache."""
    draft = (
        "MOTIF :\nLe patient consulte pour avoir mal à la tête depuis deux jours.\n\n"
        "HISTOIRE DE LA MALADIE :\n- Antécédents utiles :\n"
        "  - Mal à la tête pendant une semaine\n  - Mal à la tête pendant un mois\n"
        "  - Mal à la tête pendant trois mois\n"
    )
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(FR_THIN, "fr", "consultation"), FR_THIN)
    assert len(writer.requests) == 1  # nothing asked of the model
    for invented in ("une semaine", "un mois", "trois mois"):
        assert invented not in result.text
    assert "mal à la tête depuis deux jours" in result.text
    assert not [f for f in result.left if f.kind == "number"]


def test_two_lines_with_the_same_number_nobody_said_do_not_vouch_for_each_other() -> None:
    lines = ["[patient] I take ibuprofen in the morning and in the evening."]
    draft = "SUBJECTIVE:\n- Ibuprofen 400 mg in the morning.\n- Ibuprofen 400 mg in the evening.\n"
    writer = FakeNoteWriter(
        answers=[draft, "Ibuprofen in the morning.", "Ibuprofen in the evening."]
    )
    _, result = run(writer, request(lines), lines)
    assert len(writer.requests) == 3  # each line asked: without it, ibuprofen would be gone
    assert "Ibuprofen in the morning." in result.text
    assert "Ibuprofen in the evening." in result.text


def test_sections_that_say_they_were_not_discussed_keep_saying_so() -> None:
    """ACI-Bench D2N072: nobody examined, and the repair removed "Vital signs were not discussed."
    and "Test results were not discussed." as exam findings nobody made."""
    draft = (
        "SUBJECTIVE:\nThe patient reports a headache for two days.\n\n"
        "OBJECTIVE:\n- Vital signs were not discussed.\n- Test results were not discussed.\n"
    )
    writer = FakeNoteWriter(answers=[draft])
    _, result = run(writer, request(THIN), THIN)
    assert "- Vital signs were not discussed.\n- Test results were not discussed." in result.text
    assert len(writer.requests) == 1
