"""Delete side of the store: whole encounters (rows and audio file), or only their audio.

Deleted rows are zeroed (the connection has ``secure_delete`` on) and, after whole encounters,
the WAL is truncated; ``EncounterStore.compact`` (VACUUM) finishes the job.

Plain functions over a ``Db`` (which serialises access): any thread. ``EncounterStore``'s
``delete``/``delete_many``/``delete_audio`` call them; retention runs those on a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.store.connection import Db
from desktop.store.files import audio_file, remove_file
from desktop.store.models import Deleted

log = logging.getLogger(__name__)


def delete_many(db: Db, audio_dir: Path, encounter_ids: Sequence[str]) -> Deleted:
    """Delete several encounters in one transaction (unknown ids are skipped)."""
    if not encounter_ids:
        return Deleted()
    marks = ",".join("?" * len(encounter_ids))
    rows = db.read(
        f"SELECT id, audio_path FROM encounters WHERE id IN ({marks})", tuple(encounter_ids)
    )
    with db.tx() as c:
        c.executemany("DELETE FROM encounters WHERE id = ?", [(r[0],) for r in rows])
    removed = 0
    for r in rows:
        audio = audio_file(audio_dir, r[1])
        removed += int(remove_file(audio)) if audio else 0
        log.info("store: encounter %s deleted", r[0])
    db.checkpoint()
    return Deleted(encounters=len(rows), audio_files=removed)


def delete_audio(db: Db, audio_dir: Path, encounter_id: str, *, clock: Callable[[], float]) -> bool:
    """Delete only the audio file (the transcript and documents stay)."""
    row = db.require(encounter_id)
    with db.tx() as c:
        c.execute(
            "UPDATE encounters SET audio_path = NULL, audio_deleted_at = ? WHERE id = ?",
            (clock(), encounter_id),
        )
    audio = audio_file(audio_dir, row[4])
    return remove_file(audio) if audio else False
