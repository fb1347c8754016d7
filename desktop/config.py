"""Settings: a frozen dataclass tree saved as JSON with a schema version. Never secrets.

Loading never fails: a missing file gives the defaults; a corrupt file is moved aside as a backup
and the defaults are used, with a notice for the doctor; unknown keys are ignored and a value of
the wrong type falls back to that field's default. Saving is atomic (write, fsync, rename).
"""

from __future__ import annotations

import json
import logging
import os
import time
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from desktop.atomic import write_text_atomically
from desktop.errors import ConfigError
from desktop.notices import SETTINGS_DAMAGED, SETTINGS_UNREADABLE, Notice

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

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


@dataclass(frozen=True)
class NotesSettings:
    preset: str = "builtin"  # key in desktop.notes.presets
    base_url: str = ""
    model: str = ""
    template: str = "soap"
    note_language: str = "auto"  # auto (= interface language) | en | fr
    context_budget_tokens: int = 6000
    azure_api_version: str = "2024-10-21"
    request_timeout_s: float = 120.0
    local_model_path: str = ""  # a GGUF file for the built-in backend ("" = the bundled model)


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
    notice: Notice | None = None  # one sentence for the doctor when something was repaired


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


_INVALID = object()


def _coerce(tp: Any, value: Any) -> Any:
    """``value`` as type ``tp``, or ``_INVALID`` when it cannot be."""
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and is_dataclass(tp):
        return from_dict(tp, value) if isinstance(value, dict) else _INVALID
    if origin is tuple:
        (item_type, *_rest) = typing.get_args(tp)
        if isinstance(value, list) and all(isinstance(v, item_type) for v in value):
            return tuple(value)
        return _INVALID
    if origin in (typing.Union, types.UnionType):
        allowed = tuple(a for a in typing.get_args(tp) if a is not type(None))
        return value if value is None or isinstance(value, allowed) else _INVALID
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp is int and isinstance(value, bool):
        return _INVALID
    return value if isinstance(value, tp) else _INVALID


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value = _coerce(hints[f.name], data[f.name])
        if value is _INVALID:
            log.warning("settings: ignoring invalid value for %s.%s", cls.__name__, f.name)
            value = _default_of(f)
        kwargs[f.name] = value
    return cls(**kwargs)


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:  # -10**400 looped here for ever (fuzzing)
        version = 0
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is not None:
            raw = step(raw)
        version += 1
        raw["schema_version"] = version
    return raw


def _set_aside(path: Path) -> Path:
    backup = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(path, backup)
    return backup


def load_settings(path: Path) -> LoadedSettings:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:
        log.warning("settings: cannot read %s (%s)", path, type(exc).__name__)
        return LoadedSettings(
            Settings(),
            Notice(SETTINGS_UNREADABLE, "The settings file could not be read; defaults are used."),
        )
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("not an object")
    except ValueError:
        backup = _set_aside(path)
        log.warning("settings: corrupt file moved to %s", backup.name)
        text = f"The settings file was damaged; it was kept as {backup.name} and defaults are used."
        return LoadedSettings(Settings(), Notice(SETTINGS_DAMAGED, text, (backup.name,)))
    if isinstance(raw.get("schema_version"), int) and raw["schema_version"] > SCHEMA_VERSION:
        log.warning("settings: file is from a newer version (%s)", raw["schema_version"])
    settings = from_dict(Settings, _migrate(raw))
    return LoadedSettings(replace(settings, schema_version=SCHEMA_VERSION))


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash leaves either the old or the new file, never half of one."""
    try:
        write_text_atomically(path, json.dumps(to_dict(settings), indent=2, ensure_ascii=False))
    except OSError as exc:
        raise ConfigError(
            f"The settings could not be saved in {path.parent} ({exc.strerror})."
        ) from exc
