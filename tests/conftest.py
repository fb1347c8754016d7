"""Shared test set-up: every test gets its own SCRIBE_HOME; Qt runs offscreen; no network.

Integration tests (real model, virtual microphone, local servers) carry
``@pytest.mark.integration``; ``pytest -m "not integration"`` runs the fast unit and UI suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"

from desktop.paths import AppPaths

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def scribe_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "scribe-home"
    monkeypatch.setenv("SCRIBE_HOME", str(home))
    return home


@pytest.fixture
def paths(scribe_home: Path) -> AppPaths:
    p = AppPaths.from_env({"SCRIBE_HOME": str(scribe_home)})
    p.ensure()
    return p


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache dir kept for the whole run, so a bundled model is joined once per run."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True, scope="session")
def _clipboard_emptied_before_exit():
    """Qt's offscreen platform crashes at interpreter exit while the clipboard still owns data
    (a QMimeData set by a test): empty it while the application is still alive."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.clipboard().clear()
