"""Settings survive corruption (set aside, defaults, the doctor told once) and upgrades (an old
file without the newer fields loads with its values kept and defaults for the rest)."""

from __future__ import annotations

import json

from desktop.config import SCHEMA_VERSION, Settings, load_settings, save_settings, to_dict
from desktop.notices import SETTINGS_DAMAGED
from desktop.paths import AppPaths


def test_corrupt_file_is_set_aside_and_the_doctor_told_once(paths: AppPaths) -> None:
    paths.settings_file.write_text('{"audio": {"device": "USB', encoding="utf-8")
    first = load_settings(paths.settings_file)
    assert first.settings == Settings()
    backups = list(paths.config_dir.glob("settings.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == '{"audio": {"device": "USB'
    assert first.notice is not None and first.notice.kind == SETTINGS_DAMAGED
    assert first.notice.names == (backups[0].name,)
    assert backups[0].name in first.notice.text and first.notice.text.endswith(".")
    assert not paths.settings_file.exists()
    second = load_settings(paths.settings_file)
    assert second.notice is None and second.settings == Settings()


def test_a_file_that_is_not_an_object_is_corrupt(paths: AppPaths) -> None:
    paths.settings_file.write_text("[1, 2, 3]", encoding="utf-8")
    loaded = load_settings(paths.settings_file)
    assert loaded.notice and loaded.settings == Settings()


def test_old_version_file_keeps_its_values(paths: AppPaths) -> None:
    old = {
        # version 0: no schema_version, no interface shortcuts, a key since removed
        "audio": {"device": "USB headset"},
        "transcription": {"language": "fr", "vocabulary": ["amoxicilline"]},
        "notes": {"preset": "ollama", "base_url": "http://127.0.0.1:11434/v1", "model": "m"},
        "privacy": {"keep_days": 3, "local_only": True},
        "interface": {"language": "fr", "theme": "dark"},
    }
    paths.settings_file.write_text(json.dumps(old), encoding="utf-8")
    loaded = load_settings(paths.settings_file)
    s = loaded.settings
    assert loaded.notice is None
    assert s.schema_version == SCHEMA_VERSION
    assert s.audio.device == "USB headset"
    assert (s.transcription.language, s.transcription.vocabulary) == ("fr", ("amoxicilline",))
    assert (s.notes.preset, s.notes.model) == ("ollama", "m")
    assert (s.privacy.keep_days, s.privacy.local_only) == (3, True)
    assert s.interface.language == "fr"
    assert s.interface.shortcut_record == "Ctrl+R"  # new field: its default
    assert not s.interface.first_run_done
    save_settings(paths.settings_file, s)
    saved = json.loads(paths.settings_file.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION and "theme" not in saved["interface"]


def test_wrong_types_fall_back_per_field(paths: AppPaths) -> None:
    data = to_dict(Settings())
    data["privacy"]["keep_days"] = "seven"
    data["interface"]["compact"] = "yes"
    data["notes"]["model"] = "kept"
    paths.settings_file.write_text(json.dumps(data), encoding="utf-8")
    s = load_settings(paths.settings_file).settings
    assert s.privacy.keep_days == 7 and s.interface.compact is False
    assert s.notes.model == "kept"


def test_settings_file_never_holds_a_secret_field(paths: AppPaths) -> None:
    save_settings(paths.settings_file, Settings())
    text = paths.settings_file.read_text(encoding="utf-8").lower()
    assert "api_key" not in text and "password" not in text
