"""Revising a document by asking: planning, the prompt, applying the answer, errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import BackendFailed, BackendUnreachable
from desktop.notes.bullets import bullet_instruction, sentences, to_bullets
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.prompts import draft_messages
from desktop.notes.revise import Revision, revise_job
from desktop.notes.revision_answer import apply_answer, clean_answer
from desktop.notes.revision_plan import RevisionRequest, UnclearInstruction, plan_revision
from desktop.notes.revision_prompt import consultation_excerpt, revision_prompt
from desktop.notes.sections import split_sections
from desktop.notes.text_diff import counts, inserted_spans, side, word_diff
from desktop.progress import Progress

DOC = """SUBJECTIVE:
Mr Smith, 54, has had chest pain for two days.

OBJECTIVE: BP 140/90. Pulse 80.

ASSESSMENT:
Probable angina.

PLAN:
Start ramipril 5 mg daily. Refer to cardiology. Follow up in 2 weeks.
"""

DOC_FR = """MOTIF DE CONSULTATION :
Douleur thoracique depuis deux jours.

CONCLUSION :
Angor probable.

CONDUITE À TENIR :
Ramipril 5 mg par jour. Revoir dans 15 jours.
"""


def run(writer: FakeNoteWriter, instruction: str, document: str = DOC, **kw: str) -> Revision:
    _items, revision = collect(
        revise_job(
            writer,
            RevisionRequest(document=document, instruction=instruction, **kw),
            cancel=CancelToken(),
        )
    )
    assert isinstance(revision, Revision)
    return revision


def collect(job: Iterator[Progress | str]) -> tuple[list[Progress | str], object]:
    items = []
    while True:
        try:
            items.append(next(job))
        except StopIteration as end:
            return items, end.value


def section_text(document: str, title: str) -> str:
    (found,) = [s for s in split_sections(document) if s.title == title]
    return document[found.start : found.end]


def test_sections_cover_the_document_and_find_inline_headings() -> None:
    sections = split_sections(DOC)
    assert [s.title for s in sections] == ["subjective", "objective", "assessment", "plan"]
    assert "".join(DOC[s.start : s.end] for s in sections) == DOC
    objective = sections[1]
    assert DOC[objective.body_start : objective.end].startswith("BP 140/90")


def test_markdown_and_french_headings() -> None:
    doc = "## Plan\nRest.\n\n**Assessment:**\nFlu.\n"
    assert [s.title for s in split_sections(doc)] == ["plan", "assessment"]
    assert [s.title for s in split_sections(DOC_FR)] == [
        "motif de consultation",
        "conclusion",
        "conduite a tenir",
    ]


@pytest.mark.parametrize(
    ("instruction", "titles", "scope"),
    [
        ("make the assessment shorter", ("assessment",), "section"),
        ("the dose was 10 mg", ("plan",), "section"),
        ("add that he does not smoke", ("subjective",), "insert"),
        ("shorter", ("subjective", "objective", "assessment", "plan"), "document"),
        ("rends l'évaluation plus courte", ("assessment",), "section"),
    ],
)
def test_plan_sends_only_the_section_the_instruction_is_about(
    instruction: str, titles: tuple[str, ...], scope: str
) -> None:
    plan = plan_revision(RevisionRequest(document=DOC, instruction=instruction))
    assert (plan.titles, plan.scope) == (titles, scope)


@pytest.mark.parametrize("instruction", ["", "   ", "?!", "ok", "euh merci", "Thank you."])
def test_empty_or_unclear_instruction_is_refused_with_a_message(instruction: str) -> None:
    writer = FakeNoteWriter()
    with pytest.raises(UnclearInstruction) as raised:
        collect(
            revise_job(
                writer, RevisionRequest(document=DOC, instruction=instruction), cancel=CancelToken()
            )
        )
    assert str(raised.value)
    assert writer.requests == []


def test_no_document_is_refused() -> None:
    with pytest.raises(UnclearInstruction, match="no document"):
        plan_revision(RevisionRequest(document="  \n", instruction="shorter"))


def test_one_section_revision_sends_only_that_section_and_keeps_the_others() -> None:
    answer = "ASSESSMENT:\nProbable stable angina."
    writer = FakeNoteWriter(answers=[answer])
    revision = run(writer, "say stable angina in the assessment")
    (request,) = writer.requests
    assert "Probable angina." in request.transcript
    assert "ramipril" not in request.transcript and "chest pain" not in request.transcript
    assert revision.new == DOC.replace("Probable angina.", "Probable stable angina.")
    for title in ("subjective", "objective", "plan"):
        assert section_text(revision.new, title) == section_text(DOC, title)
    assert side(revision.diff, "insert") == revision.new
    assert side(revision.diff, "delete") == DOC
    assert counts(revision.diff) == (1, 0)


def test_a_heading_the_model_dropped_is_put_back() -> None:
    revision = run(
        FakeNoteWriter(answers=["Probable stable angina."]), "stable angina in assessment"
    )
    assert "ASSESSMENT:\nProbable stable angina.\n\nPLAN:" in revision.new


def test_wrapping_of_small_models_is_removed() -> None:
    assert clean_answer("Here is the revised text:\n```\nPLAN:\nRest.\n```") == "PLAN:\nRest."
    assert clean_answer('"""\nRest.\n"""') == "Rest."


def test_bullets_in_a_section_need_no_model_and_touch_nothing_else() -> None:
    writer = FakeNoteWriter()
    revision = run(writer, "Bullets in the plan.")
    assert writer.requests == [] and revision.plan.mechanical
    assert section_text(revision.new, "plan") == (
        "PLAN:\n- Start ramipril 5 mg daily.\n- Refer to cardiology.\n- Follow up in 2 weeks.\n"
    )
    assert revision.new.startswith(DOC[: DOC.index("PLAN:")])


def test_french_bullets_on_a_french_note() -> None:
    revision = run(FakeNoteWriter(), "mets la conduite à tenir en puces", DOC_FR)
    assert revision.new.endswith(
        "CONDUITE À TENIR :\n- Ramipril 5 mg par jour.\n- Revoir dans 15 jours.\n"
    )


@pytest.mark.parametrize(
    ("instruction", "section"),
    [
        ("bullet points in the plan", "plan"),
        ("put the assessment in bullets", "assessment"),
        ("mets le plan en puces", "plan"),
        ("des puces dans l'examen", "examen"),
        ("bullets in the plan and drop the follow-up", ""),
        ("shorter", ""),
    ],
)
def test_only_pure_bullet_instructions_skip_the_model(instruction: str, section: str) -> None:
    assert bullet_instruction(instruction) == section


def test_inline_heading_and_existing_items_become_bullets() -> None:
    assert to_bullets("PLAN: Rest. Fluids.\n") == "PLAN:\n- Rest.\n- Fluids.\n"
    assert to_bullets("PLAN:\n1. Rest\n* Fluids\n\n") == "PLAN:\n- Rest\n- Fluids\n\n"
    assert sentences("See Dr. Jones. Take 2.5 mg.") == ["See Dr. Jones.", "Take 2.5 mg."]


def test_french_instruction_on_an_english_note_keeps_english() -> None:
    request = RevisionRequest(
        document=DOC, instruction="la dose était de 10 mg", note_language="en"
    )
    plan = plan_revision(request)
    assert plan.language == "en" and plan.titles == ("plan",)
    system, _user = draft_messages(revision_prompt(request, plan))
    assert "Write in English." in system.content


def test_english_instruction_on_a_french_note_keeps_french() -> None:
    request = RevisionRequest(document=DOC_FR, instruction="shorter conclusion", note_language="fr")
    plan = plan_revision(request)
    system, _user = draft_messages(revision_prompt(request, plan))
    assert "Write in French." in system.content and plan.titles == ("conclusion",)


def test_asking_for_another_language_sends_the_whole_document() -> None:
    request = RevisionRequest(document=DOC, instruction="écris-le en français pour le patient")
    plan = plan_revision(request)
    assert (plan.scope, plan.language) == ("document", "fr")
    system, user = draft_messages(revision_prompt(request, plan))
    assert "Write in French." in system.content and "Mr Smith" in user.content


def test_backend_failure_mid_revision_gives_no_revision() -> None:
    writer = FakeNoteWriter(
        answers=["ASSESSMENT:\nProbable stable angina and more words"], fail_after=2
    )
    job = revise_job(
        writer,
        RevisionRequest(document=DOC, instruction="stable in assessment"),
        cancel=CancelToken(),
    )
    streamed = []
    with pytest.raises(BackendUnreachable):
        for item in job:
            streamed.append(item)
    assert any(isinstance(i, str) for i in streamed)  # it failed after some text arrived


def test_an_empty_answer_changes_nothing() -> None:
    with pytest.raises(BackendFailed, match="unchanged"):
        run(FakeNoteWriter(answers=["  "]), "shorter")


def test_cancel_returns_no_revision() -> None:
    cancel = CancelToken()
    job = revise_job(
        FakeNoteWriter(answers=["a b c d e f"]),
        RevisionRequest(document=DOC, instruction="shorter"),
        cancel=cancel,
    )
    cancel.cancel()
    _items, result = collect(job)
    assert result is None


def test_consultation_lines_are_sent_only_when_the_instruction_points_at_them() -> None:
    transcript = "Doctor: Any allergies?\nPatient: Penicillin, I get a rash.\nDoctor: Fine."
    assert consultation_excerpt("add the penicillin allergy she mentioned", transcript) == (
        "Patient: Penicillin, I get a rash."
    )
    assert consultation_excerpt("add a penicillin allergy", transcript) == ""


def test_apply_answer_keeps_the_spacing_around_the_part() -> None:
    plan = plan_revision(RevisionRequest(document=DOC, instruction="stable in the assessment"))
    new = apply_answer(DOC, plan, "ASSESSMENT:\nStable angina.\n\n\n")
    assert "ASSESSMENT:\nStable angina.\n\nPLAN:" in new


def test_word_diff_marks_inserted_and_removed_words() -> None:
    parts = word_diff("Take 5 mg daily.", "Take 50 mg twice daily.")
    assert [(p.kind, p.text) for p in parts if p.kind != "equal"] == [
        ("delete", "5"),
        ("insert", "50"),
        ("insert", "twice "),
    ]
    assert inserted_spans(parts) == [(5, 7), (11, 17)]


def test_a_dose_named_in_two_adjacent_sections_sends_both() -> None:
    doc = DOC.replace("Probable angina.", "Probable angina; ramipril 5 mg started.")
    plan = plan_revision(RevisionRequest(document=doc, instruction="10 mg, not 5 mg"))
    assert plan.titles == ("assessment", "plan")


def test_shorter_gives_a_small_model_a_count_of_sentences() -> None:
    request = RevisionRequest(document=DOC, instruction="make the plan shorter")
    system, user = draft_messages(revision_prompt(request, plan_revision(request)))
    assert "Write at most 2 sentences in all (the text has 3), about 7 words." in system.content
    assert "keep every other word" not in system.content  # it made the model keep them all
    assert user.content.endswith("Instruction: make the plan shorter")
    whole = RevisionRequest(document=DOC, instruction="shorter")
    system, _user = draft_messages(revision_prompt(whole, plan_revision(whole)))
    assert "Write at most 4 sentences in all (the text has 7)" in system.content


def test_an_allergy_goes_to_the_history_when_there_is_no_allergies_section() -> None:
    plan = plan_revision(RevisionRequest(document=DOC, instruction="add a penicillin allergy"))
    assert plan.titles == ("subjective",)


@pytest.mark.parametrize(
    "instruction",
    [
        "the dose was 10 mg, not 5 mg",
        "change 5 mg to 10 mg",
        "la dose était de 10 mg et non 5 mg",
        "the dose was 10 mg",
        "ramipril 10 mg instead of 5 mg",
        "remplace 5 mg par 10 mg",
    ],
)
def test_a_dictated_dose_change_is_made_exactly_without_the_model(instruction: str) -> None:
    writer = FakeNoteWriter()
    revision = run(writer, instruction)
    assert writer.requests == [] and revision.plan.mechanical
    assert revision.new == DOC.replace("ramipril 5 mg", "ramipril 10 mg")
    assert revision.plan.titles == ("plan",)
    assert counts(revision.diff) == (1, 1)


def test_a_dose_in_two_places_for_different_drugs_goes_to_the_model() -> None:
    doc = DOC.replace("Refer to cardiology.", "Aspirin 5 mg at night. Refer to cardiology.")
    writer = FakeNoteWriter(answers=["PLAN:\nStart ramipril 10 mg daily."])
    run(writer, "the dose was 10 mg, not 5 mg", doc)
    assert len(writer.requests) == 1  # which of the two was meant is for the model to read


def test_the_same_drugs_dose_written_in_two_sections_is_changed_in_both() -> None:
    doc = DOC.replace("Probable angina.", "Probable angina; increase his ramipril to 5 mg.")
    writer = FakeNoteWriter()
    revision = run(writer, "the dose was 10 mg, not 5 mg", doc)
    assert writer.requests == []
    assert "increase his ramipril to 10 mg." in revision.new
    assert "Start ramipril 10 mg daily." in revision.new and "5 mg" not in revision.new
    assert revision.plan.titles == ("assessment", "plan")


def test_naming_the_drug_picks_its_dose_among_several() -> None:
    doc = DOC.replace("Refer to cardiology.", "Aspirin 5 mg at night. Refer to cardiology.")
    writer = FakeNoteWriter()
    revision = run(writer, "change the ramipril from 5 mg to 2.5 mg", doc)
    assert writer.requests == []
    assert "Start ramipril 2.5 mg daily. Aspirin 5 mg at night." in revision.new


def test_a_french_decimal_comma_stays_a_comma() -> None:
    doc = DOC_FR.replace("Ramipril 5 mg", "Ramipril 2,5 mg")
    revision = run(FakeNoteWriter(), "la dose était de 5 mg et non 2,5 mg", doc)
    assert "Ramipril 5 mg par jour." in revision.new
    revision = run(FakeNoteWriter(), "remplace 2,5 mg par 1.25 mg", doc)
    assert "Ramipril 1,25 mg par jour." in revision.new


def test_a_dose_that_is_not_in_the_document_goes_to_the_model() -> None:
    writer = FakeNoteWriter(answers=["PLAN:\nStart ramipril 5 mg daily."])
    run(writer, "change 20 mg to 40 mg", DOC)
    assert len(writer.requests) == 1


@pytest.mark.parametrize(
    ("instruction", "document", "expected"),
    [
        ("rename the SUBJECTIVE heading to HISTORY", DOC, "HISTORY:\nMr Smith"),
        ("call the plan section management", DOC, "MANAGEMENT:\nStart ramipril"),
        ("renomme la conclusion en synthèse", DOC_FR, "SYNTHÈSE :\nAngor probable."),
        ("rename the assessment to Impression", "## Assessment\nFlu.\n", "## Impression\nFlu."),
    ],
)
def test_renaming_a_heading_needs_no_model(instruction: str, document: str, expected: str) -> None:
    writer = FakeNoteWriter()
    revision = run(writer, instruction, document)
    assert writer.requests == [] and expected in revision.new
    assert len(split_sections(revision.new)) == len(split_sections(document))


def test_adding_a_fact_asks_for_one_sentence_and_appends_it_to_its_section() -> None:
    # Streamed a word at a time; had the stream been read past the first line, the writer
    # would fail at its fifth piece.
    answer = "He does not smoke.\nHe also likes to walk his dog."
    writer = FakeNoteWriter(answers=[answer], chunk_words=1, fail_after=5)
    revision = run(writer, "add that he does not smoke")
    (request,) = writer.requests
    assert request.transcript.endswith("Instruction: add that he does not smoke\nSentence:")
    assert "Mr Smith" not in request.transcript and "ramipril" not in request.transcript
    assert section_text(revision.new, "subjective") == (
        "SUBJECTIVE:\nMr Smith, 54, has had chest pain for two days. He does not smoke.\n\n"
    )
    assert "dog" not in revision.new  # one sentence was asked for; the rest is not kept
    assert revision.new.endswith(DOC[DOC.index("OBJECTIVE:") :])


def test_an_added_fact_follows_the_sections_list_or_replaces_not_discussed() -> None:
    listed = DOC.replace(
        "Start ramipril 5 mg daily. Refer to cardiology. Follow up in 2 weeks.",
        "- Start ramipril 5 mg daily.\n- Refer to cardiology.",
    )
    revision = run(
        FakeNoteWriter(answers=["- Follow up in 3 months."]),
        "add follow-up in 3 months to the plan",
        listed,
    )
    assert revision.new.endswith("- Refer to cardiology.\n- Follow up in 3 months.\n")
    empty = DOC.replace("BP 140/90. Pulse 80.", "Not discussed.")
    answer = ["OBJECTIVE: Blood pressure 130/80."]
    revision = run(FakeNoteWriter(answers=answer), "add that the blood pressure was 130/80", empty)
    assert "OBJECTIVE: Blood pressure 130/80.\n\nASSESSMENT:" in revision.new
    assert "Not discussed" not in revision.new


@pytest.mark.parametrize(
    "instruction", ["numbered list in the plan", "mets le plan en liste numérotée"]
)
def test_a_numbered_list_needs_no_model_either(instruction: str) -> None:
    writer = FakeNoteWriter()
    revision = run(writer, instruction)
    assert writer.requests == [] and revision.plan.mechanical
    assert section_text(revision.new, "plan") == (
        "PLAN:\n1. Start ramipril 5 mg daily.\n2. Refer to cardiology.\n3. Follow up in 2 weeks.\n"
    )


def test_a_sentence_the_answer_says_twice_is_kept_once() -> None:
    plan_text = "Start ramipril 5 mg daily. Refer to cardiology. Follow up in 2 weeks."
    answer = (
        "SUBJECTIVE:\nChest pain for two days.\n\nOBJECTIVE: BP 140/90.\n\n"
        f"ASSESSMENT:\nAngina. Start ramipril 5 mg daily.\n\nPLAN:\n- {plan_text.split('. ')[0]}.\n"
        "- Refer to cardiology.\n"
    )
    revision = run(FakeNoteWriter(answers=[answer]), "shorter")
    assert revision.new.count("Start ramipril 5 mg daily.") == 1
    assert "ASSESSMENT:\nAngina. Start ramipril 5 mg daily.\n\nPLAN:\n- Refer to cardiology." in (
        revision.new
    )
