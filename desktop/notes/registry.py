"""The note backends, by preset id: an explicit dict, no magic.

``create_writer`` is what ``app/`` calls; it reads nothing but the ``NotesSettings`` it is given
(the API key comes from the keychain through the caller).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.config import NotesSettings
from desktop.notes.base import NoteWriter
from desktop.notes.presets import PRESETS
from desktop.paths import AppPaths

WriterFactory = Callable[[NotesSettings, str | None, AppPaths], NoteWriter]


def _builtin(settings: NotesSettings, api_key: str | None, paths: AppPaths) -> NoteWriter:
    from desktop.notes.local_server import LocalServerWriter  # starts nothing until prepare()

    return LocalServerWriter.from_settings(settings, api_key=api_key, paths=paths)


def _openai_compatible(settings: NotesSettings, api_key: str | None, paths: AppPaths) -> NoteWriter:
    from desktop.notes.openai_compat import OpenAICompatibleWriter

    return OpenAICompatibleWriter.from_settings(settings, api_key=api_key, paths=paths)


def _fake(settings: NotesSettings, api_key: str | None, paths: AppPaths) -> NoteWriter:
    from desktop.notes.fake import FakeNoteWriter

    return FakeNoteWriter(model=settings.model or "fake-model")


WRITERS: dict[str, WriterFactory] = {
    "builtin": _builtin,
    **{preset_id: _openai_compatible for preset_id in PRESETS if preset_id != "builtin"},
    "fake": _fake,
}


def create_writer(settings: NotesSettings, *, api_key: str | None, paths: AppPaths) -> NoteWriter:
    """The writer for ``settings.preset`` (an unknown preset is treated as Custom)."""
    factory = WRITERS.get(settings.preset, _openai_compatible)
    return factory(settings, api_key, paths)
