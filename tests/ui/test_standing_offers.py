"""Learned preferences in the window: the same accepted instruction in three consecutive
consultations is offered once as a standing instruction; Always writes it into the doctor's own
copy of the template; Never forgets it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.app.standing_offers import StandingOffers
from desktop.config import Settings
from desktop.encounter import Encounter
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.templates import load_templates
from desktop.paths import AppPaths

DOC = "SUBJECTIVE:\nCough for three days.\n\nPLAN:\nRest. Fluids. Review in a week.\n"


def setup(qtbot, make_window, tmp_path: Path):
    window = make_window(writer=FakeNoteWriter())
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path / "home")})
    paths.ensure()
    applied: list[Settings] = []
    offers = StandingOffers(
        window=window, paths=paths, settings=Settings, apply_settings=applied.append,
        parent=window,
    )  # fmt: skip
    return window, paths, applied, offers


def consultation(qtbot, window) -> None:
    """A new consultation where the doctor asks for bullets in the plan and keeps them."""
    window.controller.encounter = Encounter()
    window.document_panel.ensure_current_editor()
    editor = window.documents.current()
    editor.setPlainText(DOC)
    bar = window.document_panel.instruction_bar
    bar.line.setText("bullets in the plan")
    with qtbot.waitSignal(window.controller.revisions.ready, timeout=10_000):
        qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)  # accept


def test_offered_after_three_consultations_and_always_writes_the_doctors_copy(
    qtbot, make_window, tmp_path: Path
) -> None:
    window, paths, applied, _offers = setup(qtbot, make_window, tmp_path)
    offer = window.document_panel.standing_offer
    for _ in range(2):
        consultation(qtbot, window)
        assert offer.isHidden()
    consultation(qtbot, window)
    assert offer.isVisible() and "Bullet points in PLAN" in offer.label.text()
    qtbot.mouseClick(offer.accept_button, Qt.MouseButton.LeftButton)
    assert offer.isHidden()
    mine = [t for t in load_templates(user_dir=paths.templates_dir) if not t.builtin]
    assert [(t.id, t.standing) for t in mine] == [("soap-copy", ("Bullet points in PLAN",))]
    assert applied[-1].notes.template == "soap-copy"


def test_never_forgets_it(qtbot, make_window, tmp_path: Path) -> None:
    window, paths, applied, _offers = setup(qtbot, make_window, tmp_path)
    offer = window.document_panel.standing_offer
    for _ in range(3):
        consultation(qtbot, window)
    qtbot.mouseClick(offer.never_button, Qt.MouseButton.LeftButton)
    for _ in range(3):
        consultation(qtbot, window)
        assert offer.isHidden()
    assert applied == []
    assert not [t for t in load_templates(user_dir=paths.templates_dir) if not t.builtin]
