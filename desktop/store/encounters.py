"""EncounterStore: every encounter, its committed segments, its documents and their edit history,
in SQLite (WAL, secure_delete, synchronous=FULL), with the text columns sealed by AES-GCM when a
key is available.

Threads: one connection shared behind a lock, so any thread may call any method; each call is
one short transaction. The controller calls ``create``/``append_segments``/``save_document``/
``mark_copied``/``finish`` from the GUI thread or from its transcription worker; the history
panel's ``list_recent``/``load`` are quick enough for the GUI thread; ``compact`` and
``desktop.store.retention.apply_retention`` (VACUUM) should run on a worker.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.asr.base import Segment
from desktop.audio.base import Recorder
from desktop.audio.recorder import WavRecorder, read_wav
from desktop.encounter import Encounter
from desktop.pcm import Audio
from desktop.store import deleting, reading
from desktop.store.audio_crypt import (
    EncryptedAudioWriter,
    is_encrypted_audio,
    read_encrypted_audio,
)
from desktop.store.connection import Db
from desktop.store.crypto import RowCipher
from desktop.store.files import audio_file, stored_audio_path
from desktop.store.models import (
    AudioHolding,
    Deleted,
    DocumentVersion,
    EncounterSummary,
    Recovery,
)
from desktop.store.reading import ENCRYPTED_AUDIO_SUFFIX, doc_aad, instructions_aad, seg_aad
from desktop.store.sqlite_file import EncounterNotFound

log = logging.getLogger(__name__)

VERSION_GAP_S = 60.0  # autosaves closer than this to a version's start update that version


_INSERT_SEGMENT = (
    "INSERT INTO segments(encounter_id, start_s, end_s, text, speaker, speaker_uncertain) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


class EncounterStore:
    """Open with ``desktop.store.opening.open_store`` (which also handles the key and a damaged
    file)."""

    def __init__(
        self,
        *,
        conn: sqlite3.Connection,
        cipher: RowCipher,
        audio_dir: Path,
        path: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = Db(conn)
        self.path = path  # the database file (retention removes old set-aside copies beside it)
        self._cipher = cipher
        self.audio_dir = audio_dir
        self._clock = clock

    @property
    def encrypted(self) -> bool:
        """New text is sealed (and new audio should use the encrypted writer)."""
        return self._cipher.encrypting

    @property
    def cipher(self) -> RowCipher:
        return self._cipher

    @property
    def db(self) -> Db:
        return self._db

    def close(self) -> None:
        self._db.close()

    # --- recording --------------------------------------------------------------------------

    def audio_path_for(self, encounter_id: str) -> Path:
        """Where to record this encounter's audio (encrypted format when ``encrypted``)."""
        suffix = ENCRYPTED_AUDIO_SUFFIX if self.encrypted else ".wav"
        return self.audio_dir / f"{encounter_id}{suffix}"

    def open_recorder(self, path: Path) -> Recorder:
        """A crash-safe writer for a new recording at ``path`` (from ``audio_path_for``):
        encrypted when the store is, else the audio engineer's WavRecorder. Raises the
        ``AudioStorageError`` family (disk full, folder not writable)."""
        if self.encrypted and path.suffix == ENCRYPTED_AUDIO_SUFFIX:
            return EncryptedAudioWriter(path=path, cipher=self._cipher)
        return WavRecorder(path=path)

    def read_audio(self, path: Path) -> Audio:
        """A recording as 16 kHz mono float32, also one cut short by a crash. Raises
        ``AudioFileError`` when it is missing, damaged or cannot be decrypted."""
        if is_encrypted_audio(path):  # by content: a WAV given a .scra name still reads
            return read_encrypted_audio(path, cipher=self._cipher).samples
        return read_wav(path)

    def create(
        self, *, encounter_id: str, started_at: float, language: str, audio_path: Path | None
    ) -> None:
        with self._db.tx() as c:
            c.execute(
                "INSERT INTO encounters(id, started_at, language, audio_path) VALUES (?, ?, ?, ?)",
                (encounter_id, started_at, language, stored_audio_path(self.audio_dir, audio_path)),
            )
        log.info("store: encounter %s created", encounter_id)

    def set_language(self, encounter_id: str, language: str) -> None:
        with self._db.tx() as c:
            c.execute("UPDATE encounters SET language = ? WHERE id = ?", (language, encounter_id))

    def append_segments(self, encounter_id: str, segments: Sequence[Segment]) -> None:
        """Store committed segments as they arrive (empty ones are skipped)."""
        if not segments:
            return
        self._db.require(encounter_id)
        kept = [s for s in segments if s.text.strip()]
        aad = seg_aad(encounter_id)
        with self._db.tx() as c:
            c.executemany(_INSERT_SEGMENT, [self._segment_row(encounter_id, s, aad) for s in kept])
            c.execute(
                "UPDATE encounters SET transcribed_until = MAX(transcribed_until, ?) WHERE id = ?",
                (max(s.end for s in segments), encounter_id),
            )
        log.debug("store: %d segments added to %s", len(kept), encounter_id)

    def replace_segments(
        self, encounter_id: str, start_s: float, end_s: float, segments: Sequence[Segment]
    ) -> None:
        """Put ``segments`` in place of the stored ones whose middle lies in ``start_s``..``end_s``
        (the second pass settling a stretch of the live transcript), in one transaction."""
        self._db.require(encounter_id)
        aad = seg_aad(encounter_id)
        with self._db.tx() as c:
            c.execute(
                "DELETE FROM segments WHERE encounter_id = ?"
                " AND (start_s + end_s) / 2 >= ? AND (start_s + end_s) / 2 < ?",
                (encounter_id, start_s, end_s + 1e-6),
            )
            c.executemany(
                _INSERT_SEGMENT,
                [self._segment_row(encounter_id, s, aad) for s in segments if s.text.strip()],
            )
        log.debug("store: %d segments settled in %s", len(segments), encounter_id)

    def rewrite_segments(self, encounter_id: str, segments: Sequence[Segment]) -> None:
        """Replace the encounter's segments (who said what changed, or a turn was split)."""
        self._db.require(encounter_id)
        kept = [s for s in segments if s.text.strip()]
        aad = seg_aad(encounter_id)
        rows = [self._segment_row(encounter_id, s, aad) for s in kept]
        with self._db.tx() as c:
            c.execute("DELETE FROM segments WHERE encounter_id = ?", (encounter_id,))
            c.executemany(_INSERT_SEGMENT, rows)
        log.debug("store: %d segments rewritten for %s", len(kept), encounter_id)

    def _segment_row(self, encounter_id: str, s: Segment, aad: str) -> tuple[object, ...]:
        sealed = self._cipher.seal(s.text, aad=aad)
        return (encounter_id, s.start, s.end, sealed, s.speaker, int(s.speaker_uncertain))

    def mark_transcribed(self, encounter_id: str, until_s: float) -> None:
        """Record that the audio up to ``until_s`` has been transcribed (even if silent)."""
        with self._db.tx() as c:
            c.execute(
                "UPDATE encounters SET transcribed_until = MAX(transcribed_until, ?) WHERE id = ?",
                (until_s, encounter_id),
            )

    def finish(self, encounter_id: str, *, at: float | None = None) -> None:
        self._db.require(encounter_id)
        with self._db.tx() as c:
            c.execute(
                "UPDATE encounters SET ended_at = ? WHERE id = ?",
                (self._clock() if at is None else at, encounter_id),
            )
        log.info("store: encounter %s finished", encounter_id)

    # --- documents --------------------------------------------------------------------------

    def save_document(
        self, encounter_id: str, template_id: str, text: str, *, new_version: bool = False
    ) -> None:
        """Autosave a document. Saves less than VERSION_GAP_S after the current version started
        update it; later ones (or ``new_version=True``, e.g. a fresh draft) start a new one."""
        self._db.require(encounter_id)
        now = self._clock()
        sealed = self._cipher.seal(text, aad=doc_aad(encounter_id, template_id))
        with self._db.tx() as c:
            c.execute(
                "INSERT INTO documents(encounter_id, template_id, text, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(encounter_id, template_id)"
                " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (encounter_id, template_id, sealed, now),
            )
            last = c.execute(
                "SELECT id, created_at FROM document_versions WHERE encounter_id = ?"
                " AND template_id = ? ORDER BY id DESC LIMIT 1",
                (encounter_id, template_id),
            ).fetchone()
            if last is not None and not new_version and now - last[1] < VERSION_GAP_S:
                c.execute(
                    "UPDATE document_versions SET text = ?, saved_at = ? WHERE id = ?",
                    (sealed, now, last[0]),
                )
            else:
                c.execute(
                    "INSERT INTO document_versions(encounter_id, template_id, created_at,"
                    " saved_at, text) VALUES (?, ?, ?, ?, ?)",
                    (encounter_id, template_id, now, now, sealed),
                )
        log.debug("store: document %s/%s saved (%d chars)", encounter_id, template_id, len(text))

    def mark_copied(self, encounter_id: str, template_id: str, *, at: float | None = None) -> None:
        with self._db.tx() as c:
            cur = c.execute(
                "UPDATE documents SET copied_at = ? WHERE encounter_id = ? AND template_id = ?",
                (self._clock() if at is None else at, encounter_id, template_id),
            )
            if cur.rowcount == 0:
                raise EncounterNotFound("This document was not saved, so it cannot be marked.")

    def save_instructions(
        self, encounter_id: str, template_id: str, instructions: Sequence[str]
    ) -> None:
        """The doctor's accepted instructions for a saved document (replacing those stored)."""
        sealed = self._cipher.seal(
            json.dumps(list(instructions), ensure_ascii=False),
            aad=instructions_aad(encounter_id, template_id),
        )
        with self._db.tx() as c:
            cur = c.execute(
                "UPDATE documents SET instructions = ? WHERE encounter_id = ? AND template_id = ?",
                (sealed, encounter_id, template_id),
            )
            if cur.rowcount == 0:
                raise EncounterNotFound("This document was not saved, so its changes cannot be.")

    def versions(self, encounter_id: str, template_id: str) -> list[DocumentVersion]:
        """The document's edit history, oldest first (the last one is the current text)."""
        return reading.versions(self._db, self._cipher, encounter_id, template_id)

    # --- reading ----------------------------------------------------------------------------

    def load(self, encounter_id: str) -> Encounter:
        """The whole encounter. Raises EncounterNotFound, or StoreKeyError when it is encrypted
        with a key the keychain no longer holds."""
        return reading.load(self._db, self._cipher, encounter_id)

    def list_recent(
        self, *, limit: int = 100, since: float | None = None
    ) -> list[EncounterSummary]:
        """Newest first; ``since`` (epoch seconds) keeps those started at or after it."""
        return reading.summaries(
            self._db,
            self._cipher,
            self.audio_dir,
            where="e.started_at >= ?",
            args=(since or 0.0,),
            limit=limit,
        )

    def interrupted(self) -> list[EncounterSummary]:
        """Encounters started and never finished (the app died): offer to recover them."""
        return reading.summaries(
            self._db, self._cipher, self.audio_dir, where="e.ended_at IS NULL", args=(), limit=1000
        )

    def recovery(self, encounter_id: str) -> Recovery:
        """What the controller needs to finish an interrupted encounter (see ``Recovery``)."""
        return reading.recovery(self._db, self._cipher, encounter_id, self.audio_dir)

    # --- deleting ---------------------------------------------------------------------------

    def delete(self, encounter_id: str) -> Deleted:
        """Delete the encounter's rows and audio file; leave no copy in the database files."""
        self._db.require(encounter_id)
        return self.delete_many([encounter_id])

    def delete_many(self, encounter_ids: Sequence[str]) -> Deleted:
        """Delete several encounters in one transaction (unknown ids are skipped)."""
        return deleting.delete_many(self._db, self.audio_dir, encounter_ids)

    def delete_audio(self, encounter_id: str) -> bool:
        """Delete only the audio file (the transcript and documents stay)."""
        return deleting.delete_audio(self._db, self.audio_dir, encounter_id, clock=self._clock)

    def audio_holdings(self) -> list[AudioHolding]:
        """Encounters whose audio file is still kept (retention decides which to delete)."""
        rows = self._db.read(
            "SELECT e.id, e.started_at, e.ended_at, e.audio_path, (SELECT MIN(d.copied_at)"
            " FROM documents d WHERE d.encounter_id = e.id) FROM encounters e"
            " WHERE e.audio_path IS NOT NULL"
        )
        return [
            AudioHolding(r[0], r[1], r[2], audio_file(self.audio_dir, r[3]) or Path(), r[4])
            for r in rows
        ]

    def started_before(self, when: float) -> list[str]:
        rows = self._db.read("SELECT id FROM encounters WHERE started_at < ?", (when,))
        return [r[0] for r in rows]

    def compact(self) -> None:
        """VACUUM and truncate the WAL so deleted text leaves the files. Run on a worker."""
        self._db.compact()
