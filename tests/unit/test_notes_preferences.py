"""Learned preferences: three consecutive consultations with the same change → offered once."""

from __future__ import annotations

from pathlib import Path

from desktop.notes.preferences import (
    Change,
    PreferenceLog,
    edit_changes,
    instruction_change,
)

DRAFT = "SUBJECTIVE:\nCough.\n\nOBJECTIVE:\nNot discussed.\n\nPLAN:\nRest. Fluids.\n"
EDITED = "ALLERGIES:\nNone.\n\nSUBJECTIVE:\nCough.\n\nPLAN:\n- Rest.\n- Fluids.\n"


def test_the_same_instruction_in_either_language_is_one_kind() -> None:
    assert instruction_change("bullets in the plan") == instruction_change("mets le plan en puces")
    assert instruction_change("Shorter.").key == instruction_change("shorter").key


def test_edits_between_draft_and_copy_are_found() -> None:
    keys = {c.key: c.standing for c in edit_changes(DRAFT, EDITED)}
    assert keys == {
        "heading+:allergies": "Always include the ALLERGIES section",
        "heading-:objective": "Leave out the OBJECTIVE section",
        "bullets:plan": "Bullet points in PLAN",
    }
    assert edit_changes(DRAFT, DRAFT) == []


def test_offered_once_after_three_consecutive_consultations(tmp_path: Path) -> None:
    log = PreferenceLog(path=tmp_path / "preferences.json")
    change = instruction_change("bullets in the plan")
    assert log.record("soap", "e1", [change]) is None
    assert log.record("soap", "e2", [change]) is None
    assert log.record("soap", "e3", [change]) == change
    assert log.record("soap", "e4", [change]) is None  # offered once only
    again = PreferenceLog(path=tmp_path / "preferences.json")  # and remembered
    assert again.record("soap", "e5", [change]) is None


def test_a_consultation_without_it_breaks_the_streak(tmp_path: Path) -> None:
    log = PreferenceLog(path=tmp_path / "p.json")
    change = Change("bullets:plan", "Bullet points in PLAN")
    log.record("soap", "e1", [change])
    log.record("soap", "e2", [])
    log.record("soap", "e3", [change])
    assert log.record("soap", "e4", [change]) is None
    assert log.record("soap", "e5", [change]) == change


def test_several_changes_in_one_consultation_count_once_and_types_are_apart(
    tmp_path: Path,
) -> None:
    log = PreferenceLog(path=tmp_path / "p.json")
    change = Change("bullets:plan", "Bullet points in PLAN")
    for _ in range(3):
        assert log.record("soap", "e1", [change]) is None
    log.record("letter", "e2", [change])
    log.record("letter", "e3", [change])
    assert log.record("soap", "e4", [change]) is None


def test_never_forgets_it(tmp_path: Path) -> None:
    log = PreferenceLog(path=tmp_path / "p.json")
    change = Change("bullets:plan", "Bullet points in PLAN")
    log.never("soap", change)
    for n in range(5):
        assert log.record("soap", f"e{n}", [change]) is None


def test_a_damaged_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("{not json", encoding="utf-8")
    log = PreferenceLog(path=path)
    assert log.record("soap", "e1", []) is None
    assert path.read_text(encoding="utf-8").startswith("{")


def test_offers_are_worded_in_the_note_language() -> None:
    assert instruction_change("mets le plan en puces", "fr").standing == (
        "Section PLAN en liste à puces"
    )
    (change,) = edit_changes("PLAN:\nRepos.\n", "PLAN:\n- Repos.\n", "fr")
    assert change.standing == "Section PLAN en liste à puces"
