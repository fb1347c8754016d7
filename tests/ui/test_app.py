"""The composition root starts whatever state the data dir is in."""

from __future__ import annotations

import pytest

from desktop.app import App
from desktop.config import Settings, load_settings
from desktop.secrets import Secrets
from tests.support.memory_keyring import MemoryKeyring


def build_app(qapp, qtbot, paths):
    app = App(
        paths=paths, secrets=Secrets(keyring_backend=MemoryKeyring(), environ={}), qt_app=qapp
    )
    qtbot.addWidget(app.window)
    return app


def test_app_starts_on_a_fresh_machine_with_the_defaults(qapp, qtbot, paths):
    app = build_app(qapp, qtbot, paths)
    assert app.window.windowTitle() == "Scribe"
    assert app.settings == Settings()
    assert app.store is not None and app.store.encrypted
    assert not app.window.message_bar.isVisible() or not app.window.message_bar.text()


def test_a_damaged_database_is_set_aside_and_the_app_still_starts(qapp, qtbot, paths):
    paths.database_file.write_bytes(b"this is not a database" * 100)
    app = build_app(qapp, qtbot, paths)
    assert app.store is not None
    assert "damaged" in app.window.message_bar.label.text()
    assert any(p.name.startswith("scribe.db.") for p in paths.data_dir.iterdir())


def test_a_corrupt_settings_file_is_kept_aside_and_the_doctor_told(qapp, qtbot, paths):
    paths.settings_file.write_text("{ not json", encoding="utf-8")
    app = build_app(qapp, qtbot, paths)
    assert app.settings == Settings()
    assert "damaged" in app.window.message_bar.label.text()
    assert any(p.name.startswith("settings.json.corrupt-") for p in paths.config_dir.iterdir())
    assert load_settings(paths.settings_file).notice is None  # told once


def test_the_microphone_is_chosen_in_the_window_and_remembered_by_name(qapp, qtbot, paths):
    app = build_app(qapp, qtbot, paths)
    app.window.list_microphones = lambda: ["USB headset", "Built-in microphone"]
    app.window.refresh_microphones()  # what opening the list does
    combo = app.window.record_bar.microphone_combo
    assert [combo.itemText(i) for i in range(combo.count())][1:] == [
        "USB headset",
        "Built-in microphone",
    ]
    combo.setCurrentIndex(combo.findData("USB headset"))
    assert app.settings.audio.device == "USB headset"
    assert load_settings(paths.settings_file).settings.audio.device == "USB headset"
    app.window.list_microphones = lambda: ["Built-in microphone"]  # the headset is unplugged
    app.window.refresh_microphones()
    assert combo.currentText() == "USB headset (not connected)"


def test_local_only_refuses_a_remote_note_server_even_from_a_hand_edited_file(qapp, qtbot, paths):
    from dataclasses import replace

    from desktop.config import save_settings
    from desktop.errors import LocalOnlyRefused

    base = Settings()
    settings = replace(
        base,
        notes=replace(base.notes, preset="openai", model="gpt-4o"),
        privacy=replace(base.privacy, local_only=True),
    )
    save_settings(paths.settings_file, settings)
    app = build_app(qapp, qtbot, paths)
    with pytest.raises(LocalOnlyRefused, match="Local only"):
        app.services().make_writer()
