"""Settings: a frozen dataclass tree saved as JSON with a schema version. Never secrets.

Loading never fails: a missing file gives the defaults; a damaged file (not UTF-8, not JSON, not
an object) is moved aside as a backup and the defaults are used, with a notice for the doctor;
unknown keys are dropped. A value of the wrong type or out of its range (``desktop.config_values``)
falls back to that field's default, or for a privacy setting to its safe value (``local_only``
on), and the doctor is told which settings were ignored. Saving is atomic (write, fsync, rename).
"""

from __future__ import annotations

import json
import logging
import os
import time
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from desktop.atomic import write_text_atomically
from desktop.config_values import INVALID, checked, fallback
from desktop.errors import ConfigError
from desktop.notices import (
    LOCAL_ONLY_FORCED,
    SETTINGS_DAMAGED,
    SETTINGS_IGNORED,
    SETTINGS_UNREADABLE,
    Notice,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
LOCAL_ONLY = "privacy.local_only"  # the setting's name in the file and in notices

T = TypeVar("T")


@dataclass(frozen=True)
class AudioSettings:
    device: str = ""  # input device name; "" = the system default


@dataclass(frozen=True)
class TranscriptionSettings:
    backend: str = "local"  # key in desktop.asr.registry
    model: str = "bundled"  # "bundled", a model folder, or a hub name (needs internet)
    language: str = "auto"  # auto | en | fr
    device: str = "auto"  # auto | cpu | cuda
    compute_type: str = "default"  # default (int8 on CPU, float16 on GPU) or a CTranslate2 type
    vocabulary: tuple[str, ...] = ()
    remote_url: str = ""
    remote_model: str = "whisper-1"
    # A local model settles the live text during the visit (session/second_pass.py). Off: on the
    # consultations measured (bench/ready_at_stop.py, issue 20) its text was further from an
    # offline pass than the live text (0.085-0.127 vs 0.064 WER), and the draft waited for it.
    second_pass: bool = False


@dataclass(frozen=True)
class NotesSettings:
    preset: str = "builtin"  # key in desktop.notes.presets
    base_url: str = ""
    model: str = ""
    template: str = "soap"
    note_language: str = "auto"  # auto (= interface language) | en | fr
    context_budget_tokens: int = 6000
    repair_drafts: bool = True  # check each draft against the consultation and repair it first
    azure_api_version: str = "2024-10-21"
    request_timeout_s: float = 120.0
    local_model_path: str = ""  # a GGUF file for the built-in backend ("" = the bundled model)
    draft_on_stop: bool = True  # at Stop, the default document drafts itself
    # Send the draft's prompt ahead during the visit to a remote server too (a clinic's own
    # llama.cpp/vLLM that caches prompts); the built-in model always is.
    pre_read_remote: bool = False


@dataclass(frozen=True)
class PrivacySettings:
    keep_days: int = 7
    audio_keep_hours: int = 24
    delete_audio_after_copy: bool = True
    clear_clipboard_after_s: int = 0  # 0 = never
    local_only: bool = False
    # The doctor agreed to keep consultations unencrypted (no usable keychain on this machine).
    allow_unencrypted_store: bool = False


@dataclass(frozen=True)
class InterfaceSettings:
    language: str = "system"  # system | en | fr
    compact: bool = False
    always_on_top: bool = False
    start_minimised: bool = False
    # Keyboard shortcuts (Qt portable key-sequence text, e.g. "Ctrl+Shift+C").
    shortcut_record: str = "Ctrl+R"  # start recording; while recording: stop
    shortcut_pause: str = "Ctrl+P"  # pause / resume
    shortcut_stop: str = "Ctrl+Shift+R"  # stop recording
    shortcut_draft: str = "Ctrl+D"  # draft the note
    shortcut_copy: str = "Ctrl+Shift+C"  # copy the note
    first_run_done: bool = False  # the first-run checklist was shown


@dataclass(frozen=True)
class Settings:
    schema_version: int = SCHEMA_VERSION
    audio: AudioSettings = field(default_factory=AudioSettings)
    transcription: TranscriptionSettings = field(default_factory=TranscriptionSettings)
    notes: NotesSettings = field(default_factory=NotesSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    interface: InterfaceSettings = field(default_factory=InterfaceSettings)


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    notices: tuple[Notice, ...] = ()  # one sentence each for the doctor: what was repaired

    @property
    def notice(self) -> Notice | None:
        """The first notice, if any."""
        return self.notices[0] if self.notices else None

    @property
    def text(self) -> str:
        """The notices' English sentences, for the command line and ``scribe doctor``."""
        return " ".join(n.text for n in self.notices)


# Each migration takes the raw dict of version N and returns the dict of version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def to_dict(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple):
        return [to_dict(v) for v in obj]
    return obj


def _default_of(f: Any) -> Any:
    if f.default is not MISSING:
        return f.default
    return f.default_factory()


def from_dict(cls: type[T], data: dict[str, Any], *, ignored: list[str] | None = None) -> T:
    """``cls`` from the file's ``data``: unknown keys are dropped, a value that does not fit
    (``desktop.config_values``) becomes its fallback, and its name is added to ``ignored``."""
    return _from_dict(cls, data, "", [] if ignored is None else ignored)


def _from_dict(cls: type[T], data: dict[str, Any], prefix: str, ignored: list[str]) -> T:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        name, tp, raw = prefix + f.name, hints[f.name], data[f.name]
        section = isinstance(tp, type) and is_dataclass(tp)
        if section:
            value = _from_dict(tp, raw, f"{name}.", ignored) if isinstance(raw, dict) else INVALID
        else:
            value = checked(name, tp, raw)
        if value is INVALID:
            log.warning("settings: ignoring the invalid value of %s", name)
            ignored.append(name)
            value = _safe_section(tp, name) if section else fallback(name, _default_of(f))
        kwargs[f.name] = value
    return cls(**kwargs)


def _safe_section(cls: type[T], name: str) -> T:
    """A section the file holds as something else than an object: its defaults, except the safe
    value of each privacy setting (``"privacy": "x"`` leaves local-only on)."""
    return cls(**{f.name: fallback(f"{name}.{f.name}", _default_of(f)) for f in fields(cls)})  # type: ignore[arg-type]


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("schema_version", 0)
    # A negative version counts as 0: from -10**400 the migrations counted up for ever (fuzzing).
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        version = raw["schema_version"] = 0
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is not None:
            raw = step(raw)
        version += 1
        raw["schema_version"] = version
    return raw


def _set_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists():  # twice in one second: keep both
        n += 1
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, backup)
    return backup


def _unreadable() -> LoadedSettings:
    text = "The settings file could not be read; defaults are used."
    return LoadedSettings(Settings(), (Notice(SETTINGS_UNREADABLE, text),))


def _damaged(path: Path, why: str) -> LoadedSettings:
    """Move the damaged file aside (kept for the doctor or support), and use the defaults."""
    try:
        backup = _set_aside(path)
    except OSError as exc:
        log.warning("settings: damaged file (%s) cannot be moved (%s)", why, type(exc).__name__)
        return _unreadable()
    log.warning("settings: damaged file (%s) moved to %s", why, backup.name)
    text = f"The settings file was damaged; it was kept as {backup.name} and defaults are used."
    return LoadedSettings(Settings(), (Notice(SETTINGS_DAMAGED, text, (backup.name,)),))


def _ignored_notices(ignored: list[str]) -> tuple[Notice, ...]:
    found: list[Notice] = []
    if LOCAL_ONLY in ignored or LOCAL_ONLY.split(".")[0] in ignored:
        found.append(
            Notice(
                LOCAL_ONLY_FORCED,
                f"The setting {LOCAL_ONLY} in the settings file is not true or false, so "
                "local-only mode is on: nothing is sent off this computer until you choose "
                "in Settings.",
            )
        )
    rest = [name for name in ignored if name != LOCAL_ONLY]
    if rest:
        names = ", ".join(rest)
        text = (
            "These settings in the settings file were not valid, so their default values are "
            f"used: {names}."
        )
        found.append(Notice(SETTINGS_IGNORED, text, (names,)))
    return tuple(found)


def load_settings(path: Path) -> LoadedSettings:
    """The settings in ``path``; never raises (see the module's docstring)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:
        log.warning("settings: cannot read %s (%s)", path, type(exc).__name__)
        return _unreadable()
    try:
        raw = json.loads(data.decode("utf-8-sig"))  # a BOM (Notepad) is not damage
    except UnicodeDecodeError:
        return _damaged(path, "not UTF-8")
    except (ValueError, RecursionError):  # RecursionError: thousands of nested brackets
        return _damaged(path, "not JSON")
    if not isinstance(raw, dict):
        return _damaged(path, "not a JSON object")
    if isinstance(raw.get("schema_version"), int) and raw["schema_version"] > SCHEMA_VERSION:
        log.warning("settings: file is from a newer version (%s)", raw["schema_version"])
    ignored: list[str] = []
    settings = from_dict(Settings, _migrate(raw), ignored=ignored)
    return LoadedSettings(
        replace(settings, schema_version=SCHEMA_VERSION), _ignored_notices(ignored)
    )


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash leaves either the old or the new file, never half of one."""
    try:
        write_text_atomically(path, json.dumps(to_dict(settings), indent=2, ensure_ascii=False))
    except OSError as exc:
        raise ConfigError(
            f"The settings could not be saved in {path.parent} ({exc.strerror})."
        ) from exc
