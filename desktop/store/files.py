"""Removing the store's files. Called from whichever thread runs the deletion."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


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
