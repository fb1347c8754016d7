"""Standing instructions: kept in the doctor's template file, added to every draft of that type."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest, Template
from desktop.notes.drafting import draft_job
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.prompts import draft_messages
from desktop.notes.templates import (
    TemplateError,
    format_template,
    load_templates,
    parse_template_text,
    save_template,
)

MINE = Template(
    "mine", "en", "My SOAP", "note", "Write a SOAP note.", builtin=False,
    standing=("always list allergies first", "no 'not discussed' lines: say: 1/2"),
)  # fmt: skip


def test_standing_instructions_round_trip_through_the_template_file(tmp_path: Path) -> None:
    save_template(MINE, user_dir=tmp_path)
    (loaded,) = [t for t in load_templates(user_dir=tmp_path) if t.id == "mine"]
    assert loaded == MINE
    assert parse_template_text(format_template(MINE), builtin=False) == MINE


@pytest.mark.parametrize("value", ["not json", '{"a": 1}', "[1, 2]"])
def test_a_broken_standing_list_is_a_clear_error(value: str) -> None:
    text = f"---\nid: x\nlanguage: en\ntitle: X\nkind: note\nstanding: {value}\n---\nWrite.\n"
    with pytest.raises(TemplateError, match="standing instructions"):
        parse_template_text(text, builtin=False)


def test_every_draft_of_that_type_is_asked_to_follow_them() -> None:
    writer = FakeNoteWriter()
    request = DraftRequest(transcript="Doctor: hello.", template=MINE, note_language="en")
    list(draft_job(writer, request, cancel=CancelToken()))
    system = draft_messages(writer.requests[-1])[0].content
    assert "standing instructions" in system
    assert "- always list allergies first" in system and "Write a SOAP note." in system


def test_a_template_without_them_is_asked_as_before() -> None:
    writer = FakeNoteWriter()
    plain = Template("t", "fr", "T", "note", "Rédige.")
    list(draft_job(writer, DraftRequest("Bonjour.", plain, "fr"), cancel=CancelToken()))
    assert writer.requests[-1].template == plain
