"""Settings > Notes > "Test connection" over real HTTP: the real services (notes registry, the
openai client) against an OpenAI-compatible server on 127.0.0.1, a wrong key and a closed port."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from desktop.app.settings_services import real_services
from desktop.config import Settings
from desktop.paths import AppPaths
from desktop.secrets import NOTES_API_KEY, Secrets
from desktop.ui.settings import SettingsDialog
from desktop.ui.settings.common import OK_COLOUR
from tests.support.memory_keyring import MemoryKeyring
from tests.support.openai_server import OpenAIServer

pytestmark = pytest.mark.integration


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def open_dialog(qtbot, paths: AppPaths, base_url: str, keyring: MemoryKeyring) -> SettingsDialog:
    s = Settings()
    s = replace(s, notes=replace(s.notes, preset="custom", base_url=base_url, model=""))
    dialog = SettingsDialog(
        settings=s,
        secrets=Secrets(keyring_backend=keyring, environ={}),
        services=real_services(paths=paths),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page(dialog.notes)
    return dialog


def test_connection(qtbot, paths: AppPaths) -> None:
    keyring = MemoryKeyring()
    keyring.set_password("Scribe", NOTES_API_KEY, "sk-right")
    with OpenAIServer(models=("llama3.1:8b", "qwen2.5:7b"), api_key="sk-right") as server:
        dialog = open_dialog(qtbot, paths, server.base_url, keyring)
        notes = dialog.notes
        qtbot.mouseClick(notes.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not notes.testing(), timeout=15_000)
        items = [notes.model.itemText(i) for i in range(notes.model.count())]
        assert items == ["llama3.1:8b", "qwen2.5:7b"]
        assert OK_COLOUR in notes.connection.styleSheet()
        assert dialog.ok_button().isEnabled()
        # A wrong key typed in the dialog is what the test uses (not the saved one).
        notes.api_key.edit.setText("sk-wrong")
        qtbot.mouseClick(notes.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not notes.testing(), timeout=15_000)
        assert "API" in notes.connection.text() and "refused" in notes.connection.text()
        assert "sk-wrong" not in notes.connection.text()


def test_unreachable_server(qtbot, paths: AppPaths) -> None:
    dialog = open_dialog(qtbot, paths, f"http://127.0.0.1:{closed_port()}/v1", MemoryKeyring())
    notes = dialog.notes
    qtbot.mouseClick(notes.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not notes.testing(), timeout=30_000)
    assert "cannot be reached" in notes.connection.text()
    assert notes.model.count() == 0
    assert notes.test_button.isEnabled()  # the doctor can try again
