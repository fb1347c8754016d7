"""Every bad value a settings file can hold (issue 21): a file that is not UTF-8 is set aside like
corrupt JSON; a value of the wrong type or out of range falls back to its default, a privacy
setting to its safe value (``local_only`` on), and the doctor is told which settings were
ignored. A valid file loads exactly as before, with no notice."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from desktop.config import Settings, load_settings, save_settings, to_dict
from desktop.notices import LOCAL_ONLY_FORCED, SETTINGS_DAMAGED, SETTINGS_IGNORED
from desktop.paths import AppPaths


def write(paths: AppPaths, data: dict[str, Any]) -> None:
    paths.settings_file.write_text(json.dumps(data), encoding="utf-8")


def test_a_file_that_is_not_utf8_is_set_aside_with_a_notice(paths: AppPaths) -> None:
    noise = random.Random(21).randbytes(300)  # what `head -c 300 /dev/urandom` gives
    with pytest.raises(UnicodeDecodeError):
        noise.decode("utf-8")
    paths.settings_file.write_bytes(noise)
    loaded = load_settings(paths.settings_file)
    assert loaded.settings == Settings()
    backups = list(paths.config_dir.glob("settings.json.corrupt-*"))
    assert [b.read_bytes() for b in backups] == [noise]  # kept as it was, for support
    assert loaded.notice is not None and loaded.notice.kind == SETTINGS_DAMAGED
    assert loaded.notice.names == (backups[0].name,)
    assert not paths.settings_file.exists()
    assert load_settings(paths.settings_file).notices == ()  # told once


def test_a_second_damaged_file_in_the_same_second_keeps_both_backups(paths: AppPaths) -> None:
    for content in (b"\xff first", b"\xff second"):
        paths.settings_file.write_bytes(content)
        load_settings(paths.settings_file)
    kept = sorted(b.read_bytes() for b in paths.config_dir.glob("settings.json.corrupt-*"))
    assert kept == [b"\xff first", b"\xff second"]


def test_brackets_nested_too_deep_for_the_parser_are_damage_not_a_crash(paths: AppPaths) -> None:
    paths.settings_file.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    loaded = load_settings(paths.settings_file)
    assert loaded.settings == Settings() and loaded.notice is not None
    assert loaded.notice.kind == SETTINGS_DAMAGED


def test_a_notepad_byte_order_mark_is_not_damage(paths: AppPaths) -> None:
    data = to_dict(Settings())
    data["audio"]["device"] = "USB headset"
    paths.settings_file.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode("utf-8"))
    loaded = load_settings(paths.settings_file)
    assert loaded.notices == () and loaded.settings.audio.device == "USB headset"


@pytest.mark.parametrize("value", ["true", 1, "yes", "on", "false", 0, None, [], {}, 2.5])
def test_local_only_that_is_not_true_or_false_is_on_and_the_doctor_told(
    paths: AppPaths, value: object
) -> None:
    write(paths, {"privacy": {"local_only": value}})
    loaded = load_settings(paths.settings_file)
    assert loaded.settings.privacy.local_only is True  # the safe value, never the default (off)
    assert [n.kind for n in loaded.notices] == [LOCAL_ONLY_FORCED]
    assert "privacy.local_only" in loaded.notices[0].text


@pytest.mark.parametrize("privacy", ["local", [], None, 1])
def test_a_privacy_section_that_is_not_an_object_leaves_local_only_on(
    paths: AppPaths, privacy: object
) -> None:
    write(paths, {"privacy": privacy, "notes": {"preset": "openai", "model": "gpt-4o"}})
    loaded = load_settings(paths.settings_file)
    assert loaded.settings.privacy.local_only is True
    assert loaded.settings.privacy.keep_days == Settings().privacy.keep_days
    assert [(n.kind, n.names) for n in loaded.notices] == [
        (LOCAL_ONLY_FORCED, ()),
        (SETTINGS_IGNORED, ("privacy",)),
    ]


@pytest.mark.parametrize("value", [True, False])
def test_local_only_as_json_true_or_false_is_kept_without_a_notice(
    paths: AppPaths, value: bool
) -> None:
    write(paths, {"privacy": {"local_only": value}})
    loaded = load_settings(paths.settings_file)
    assert loaded.settings.privacy.local_only is value and loaded.notices == ()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("privacy.delete_audio_after_copy", "no", True),  # safe: the audio is still deleted
        ("privacy.allow_unencrypted_store", "true", False),  # safe: asked again, not assumed
        ("privacy.allow_unencrypted_store", 1, False),
    ],
)
def test_other_privacy_flags_fall_to_their_safe_value(
    paths: AppPaths, name: str, value: object, expected: bool
) -> None:
    section, field = name.split(".")
    write(paths, {section: {field: value}})
    loaded = load_settings(paths.settings_file)
    assert getattr(loaded.settings.privacy, field) is expected
    assert [(n.kind, n.names) for n in loaded.notices] == [(SETTINGS_IGNORED, (name,))]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("notes.context_budget_tokens", 0),
        ("notes.context_budget_tokens", -6000),
        pytest.param("notes.context_budget_tokens", 10**400, id="budget-huge"),
        ("notes.context_budget_tokens", 6000.5),
        ("notes.context_budget_tokens", "6000"),
        ("notes.request_timeout_s", -1),
        ("notes.request_timeout_s", 0),
        ("notes.request_timeout_s", float("nan")),
        ("notes.request_timeout_s", float("inf")),
        pytest.param("notes.request_timeout_s", 10**400, id="timeout-huge"),
        ("privacy.keep_days", 0),
        ("privacy.keep_days", -7),
        ("privacy.audio_keep_hours", -1),
        ("privacy.clear_clipboard_after_s", -5),
        ("privacy.clear_clipboard_after_s", True),
        ("interface.compact", "yes"),
        ("audio.device", "USB\x00headset"),
        ("notes.base_url", "http://\ud800.example/v1"),  # cannot be saved back as UTF-8
        ("transcription.vocabulary", ["amoxicilline", 5]),
        ("notes", "not a section"),
    ],
)
def test_a_wrong_value_falls_back_to_its_default_and_is_named(
    paths: AppPaths, name: str, value: object
) -> None:
    expected = to_dict(Settings())
    expected["notes"]["model"] = "kept"  # the rest of the file is kept
    data = json.loads(json.dumps(expected))
    *section, field = name.split(".")
    (data[section[0]] if section else data)[field] = value
    if name == "notes":
        expected["notes"] = to_dict(Settings())["notes"]  # the whole section is ignored
    paths.settings_file.write_text(json.dumps(data), encoding="utf-8")  # NaN, Infinity too
    loaded = load_settings(paths.settings_file)
    assert [(n.kind, n.names) for n in loaded.notices] == [(SETTINGS_IGNORED, (name,))]
    assert name in loaded.notices[0].text
    assert to_dict(loaded.settings) == expected
    save_settings(paths.settings_file, loaded.settings)  # what is kept can be saved again
    assert load_settings(paths.settings_file).notices == ()


def test_several_wrong_values_are_named_in_one_notice_and_local_only_in_its_own(
    paths: AppPaths,
) -> None:
    write(
        paths,
        {
            "notes": {"context_budget_tokens": 0, "request_timeout_s": -1, "model": "m"},
            "privacy": {"local_only": 1, "keep_days": 3},
        },
    )
    loaded = load_settings(paths.settings_file)
    s = loaded.settings
    assert (s.notes.context_budget_tokens, s.notes.request_timeout_s) == (6000, 120.0)
    assert (s.notes.model, s.privacy.keep_days, s.privacy.local_only) == ("m", 3, True)
    assert [(n.kind, n.names) for n in loaded.notices] == [
        (LOCAL_ONLY_FORCED, ()),
        (SETTINGS_IGNORED, ("notes.context_budget_tokens, notes.request_timeout_s",)),
    ]
    assert loaded.text == " ".join(n.text for n in loaded.notices)


def test_values_at_the_edges_of_their_range_are_kept(paths: AppPaths) -> None:
    write(
        paths,
        {
            "notes": {"context_budget_tokens": 1000, "request_timeout_s": 3600},
            "privacy": {"keep_days": 1, "audio_keep_hours": 1, "clear_clipboard_after_s": 0},
        },
    )
    loaded = load_settings(paths.settings_file)
    s = loaded.settings
    assert loaded.notices == ()
    assert (s.notes.context_budget_tokens, s.notes.request_timeout_s) == (1000, 3600.0)
    assert (s.privacy.keep_days, s.privacy.audio_keep_hours) == (1, 1)


def test_a_file_the_settings_dialog_saved_loads_unchanged_and_silently(paths: AppPaths) -> None:
    base = Settings()
    data = to_dict(base)
    data["notes"].update(preset="ollama", model="llama3", context_budget_tokens=9000)
    data["privacy"].update(local_only=True, keep_days=30, clear_clipboard_after_s=60)
    data["transcription"]["vocabulary"] = ["amoxicilline", "Doliprane"]
    write(paths, data)
    loaded = load_settings(paths.settings_file)
    assert loaded.notices == () and to_dict(loaded.settings) == data
