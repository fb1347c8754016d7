"""Note templates: the built-ins load in both languages; the doctor's own are saved, duplicated,
deleted; the prompts carry the rules, the doctor's context and the note language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.notes.base import DraftRequest, Template
from desktop.notes.prompts import draft_messages
from desktop.notes.templates import (
    BUILTIN_DIR,
    TemplateError,
    condense_template,
    delete_template,
    duplicate_template,
    find_template,
    load_templates,
    parse_template_text,
    save_template,
    template_ids,
)

BUILTIN_IDS = ["soap", "consultation", "referral", "prescription", "instructions"]


def test_builtins_come_in_english_and_french_in_a_fixed_order(tmp_path: Path) -> None:
    templates = load_templates(user_dir=tmp_path)
    assert template_ids(templates) == BUILTIN_IDS
    for template_id in BUILTIN_IDS:
        langs = {t.language for t in templates if t.id == template_id}
        assert langs == {"en", "fr"}
    assert all(t.builtin for t in templates)
    assert find_template(templates, "consultation", "fr").title == "Compte rendu de consultation"
    assert find_template(templates, "referral", "fr").kind == "letter"


def test_builtins_are_data_files_with_the_required_sections(tmp_path: Path) -> None:
    templates = load_templates(user_dir=tmp_path)
    cr = find_template(templates, "consultation", "fr").instructions
    for heading in ("MOTIF", "HISTOIRE", "EXAMEN", "CONCLUSION", "CONDUITE À TENIR"):
        assert heading in cr
    for lang, mark in (("en", "DRAFT PRESCRIPTION"), ("fr", "PROJET D'ORDONNANCE - À VÉRIFIER")):
        assert find_template(templates, "prescription", lang).mark.startswith(mark)
    assert all(t.mark == "" for t in templates if t.kind != "prescription")
    rx = find_template(templates, "prescription", "en").instructions
    for item in ("Drug", "Dose", "Route", "Frequency", "Duration"):
        assert item in rx
    assert (BUILTIN_DIR / "soap.fr.md").is_file()


@pytest.mark.parametrize(("lang", "missing"), [("en", "not discussed"), ("fr", "non abordé")])
def test_prompt_forbids_inventing_and_carries_context_and_language(lang: str, missing: str) -> None:
    templates = load_templates(user_dir=Path("/nonexistent"))
    # an English transcript, a note asked in the other language: the note language wins
    request = DraftRequest(
        transcript="Doctor: What brings you in? Patient: My knee hurts since Monday.",
        template=find_template(templates, "soap", lang),
        note_language=lang,
        context="Woman, 54, type 2 diabetes",
    )
    system, user = draft_messages(request)
    assert system.role == "system"
    assert missing in system.content
    assert ("English" if lang == "en" else "français") in system.content
    assert request.template.instructions in system.content
    assert "Woman, 54, type 2 diabetes" in user.content
    assert "My knee hurts since Monday." in user.content


def test_no_context_section_when_the_doctor_gave_none() -> None:
    template = find_template(load_templates(user_dir=Path("/nonexistent")), "soap", "en")
    request = DraftRequest(transcript="Patient: cough.", template=template, note_language="en")
    _system, user = draft_messages(request)
    assert "doctor adds" not in user.content


def test_condense_prompt_has_no_note_headings_and_names_the_part() -> None:
    template = condense_template("fr", part=2)
    request = DraftRequest(transcript="Patient: toux.", template=template, note_language="fr")
    system, _user = draft_messages(request)
    assert "partie 2 de la transcription" in system.content
    assert "{" not in system.content  # every placeholder filled (no count of parts: it grows)
    assert "SUBJECTIF" not in system.content


def _mine(**changes: str) -> Template:
    base = Template(
        id="knee",
        language="en",
        title="Knee follow-up",
        kind="note",
        instructions="Write PAIN, RANGE OF MOTION and PLAN.",
        builtin=False,
    )
    return replace(base, **changes)


def test_save_reload_and_delete_a_doctors_template(tmp_path: Path) -> None:
    path = save_template(_mine(), user_dir=tmp_path)
    assert path.name == "knee.en.md"
    loaded = find_template(load_templates(user_dir=tmp_path), "knee", "en")
    assert loaded == _mine()
    save_template(_mine(title="Knee check"), user_dir=tmp_path)  # edit in place
    assert find_template(load_templates(user_dir=tmp_path), "knee", "en").title == "Knee check"
    delete_template(loaded, user_dir=tmp_path)
    assert "knee" not in template_ids(load_templates(user_dir=tmp_path))


def test_a_mark_survives_duplicating_and_reloading(tmp_path: Path) -> None:
    rx = find_template(load_templates(user_dir=tmp_path), "prescription", "fr")
    copy = duplicate_template(rx, user_dir=tmp_path)
    assert find_template(load_templates(user_dir=tmp_path), copy.id, "fr").mark == rx.mark
    with pytest.raises(TemplateError, match="one line"):
        save_template(_mine(mark="two\nlines"), user_dir=tmp_path)


def test_duplicating_a_builtin_gives_an_editable_copy(tmp_path: Path) -> None:
    soap_fr = find_template(load_templates(user_dir=tmp_path), "soap", "fr")
    first = duplicate_template(soap_fr, user_dir=tmp_path)
    second = duplicate_template(soap_fr, user_dir=tmp_path)
    assert (first.id, second.id) == ("soap-copy", "soap-copy2")
    assert first.title == "Note SOAP (copie)" and not first.builtin
    assert first.instructions == soap_fr.instructions
    assert {"soap-copy", "soap-copy2"} <= set(template_ids(load_templates(user_dir=tmp_path)))


def test_builtins_cannot_be_overwritten_or_deleted(tmp_path: Path) -> None:
    soap = find_template(load_templates(user_dir=tmp_path), "soap", "en")
    with pytest.raises(TemplateError, match="duplicate it"):
        save_template(replace(soap, builtin=False), user_dir=tmp_path)
    with pytest.raises(TemplateError, match="cannot be deleted"):
        delete_template(soap, user_dir=tmp_path)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "Bad Id!"}, "template id"),
        ({"language": "de"}, "English \\(en\\) or French"),
        ({"kind": "poem"}, "kind must be"),
        ({"title": " "}, "title"),
        ({"instructions": ""}, "instructions"),
    ],
)
def test_invalid_templates_are_refused(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    with pytest.raises(TemplateError, match=message):
        save_template(_mine(**changes), user_dir=tmp_path)
    assert not list(tmp_path.glob("*.md"))


def test_a_damaged_user_template_is_skipped_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "broken.en.md").write_text("no front matter here", encoding="utf-8")
    (tmp_path / "soap.en.md").write_text(
        "---\nid: soap\nlanguage: en\ntitle: Shadow\nkind: note\n---\nX\n", encoding="utf-8"
    )
    templates = load_templates(user_dir=tmp_path)
    assert template_ids(templates) == BUILTIN_IDS
    assert find_template(templates, "soap", "en").title == "SOAP note"


def test_parse_errors_say_what_is_wrong() -> None:
    with pytest.raises(TemplateError, match="front matter"):
        parse_template_text("just text", builtin=False)
    with pytest.raises(TemplateError, match="not closed"):
        parse_template_text("---\nid: x\n", builtin=False)
    with pytest.raises(TemplateError, match="lacks: title, kind"):
        parse_template_text("---\nid: x\nlanguage: en\n---\nbody", builtin=False)


def test_unknown_template_and_missing_builtins(tmp_path: Path) -> None:
    templates = load_templates(user_dir=tmp_path)
    with pytest.raises(TemplateError, match='"nope"'):
        find_template(templates, "nope", "en")
    with pytest.raises(TemplateError, match="reinstall"):
        load_templates(user_dir=tmp_path, builtin_dir=tmp_path / "empty")
