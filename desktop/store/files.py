"""Removing the store's files. Called from whichever thread runs the deletion."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def stored_audio_path(audio_dir: Path, path: Path | None) -> str | None:
    """What the database keeps: a bare name for a file in ``audio_dir`` (so a moved data
    folder, e.g. a portable install, still finds its audio), else the absolute path."""
    if path is None:
        return None
    if path.parent.resolve() == audio_dir.resolve():
        return path.name
    return str(path.resolve())


def audio_file(audio_dir: Path, stored: str | None) -> Path | None:
    if not stored:
        return None
    path = Path(stored)
    return path if path.is_absolute() else audio_dir / path


def remove_file(path: Path) -> bool:
    """Delete a file; True if it existed and is gone. Never raises (a failure is logged and the
    file is retried at the next retention pass)."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("store: could not delete an audio file (%s)", type(exc).__name__)
        return False
    return True


def orphan_files(directory: Path, *, referenced: set[Path], older_than: float) -> list[Path]:
    """Files in ``directory`` no encounter refers to, last modified before ``older_than``
    (epoch seconds): audio left by a database that was set aside, or a crash before its row."""
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            if (
                entry.is_file()
                and entry.resolve() not in referenced
                and entry.stat().st_mtime < older_than
            ):
                found.append(entry)
        except OSError:
            continue
    return found
