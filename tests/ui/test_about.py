"""The About box: version, bundled models and libraries with their licences."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from desktop import __version__
from desktop.ui.about import COMPONENTS, AboutDialog, Component, component_rows

THIRD_PARTY = Path(__file__).resolve().parents[2] / "installer" / "licences" / "THIRD-PARTY.md"


def test_shows_the_version_and_the_licences_of_what_is_installed(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"Version {__version__}" in dialog.title.text()
    text = dialog.details.toPlainText()
    for name in ("Whisper base (OpenAI)", "Qt 6 / PySide6", "faster-whisper", "CTranslate2"):
        assert name in text
    assert "LGPL-3.0-only" in text
    assert metadata.version("faster-whisper") in text
    assert sys.version.split()[0] in text


def test_a_component_missing_from_the_build_is_left_out() -> None:
    present = Component(name="NumPy", role="audio", licence="BSD-3-Clause", distribution="numpy")
    absent = Component(name="Ghost", role="none", licence="MIT", distribution="no-such-dist-x")
    unversioned = Component(name="Silero VAD", role="speech detection", licence="MIT")
    rows = component_rows((present, absent, unversioned))
    assert "NumPy" in rows and metadata.version("numpy") in rows
    assert "Ghost" not in rows
    assert "Silero VAD" in rows


def test_a_model_shows_no_package_version() -> None:
    model = Component(
        name="Model", role="speech", licence="MIT", distribution="numpy", versioned=False
    )
    rows = component_rows((model,))
    assert "Model" in rows and metadata.version("numpy") not in rows


def test_the_installers_notice_lists_every_component_with_its_licence() -> None:
    notice = THIRD_PARTY.read_text(encoding="utf-8")
    for component in COMPONENTS:
        line = next(
            (ln for ln in notice.splitlines() if ln.startswith(f"| {component.name} |")), ""
        )
        assert line, f"{component.name} is not in THIRD-PARTY.md"
        assert component.licence in line, f"{component.name}: licence differs"
