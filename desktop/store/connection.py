"""The store's one SQLite connection behind a lock: short transactions and reads from any thread.

Threads: every method takes the lock, so the GUI thread and a worker may call concurrently; each
call holds it only for one transaction (VACUUM in ``compact`` holds it longer: run it on a worker).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress

from desktop.store.sqlite_file import EncounterNotFound, StoreError

log = logging.getLogger(__name__)

ENCOUNTER_COLUMNS = "id, started_at, ended_at, language, audio_path, transcribed_until"


class Db:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.lock = threading.RLock()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                log.error("store: write failed (%s)", type(exc).__name__)
                raise StoreError(
                    "The encounter could not be saved (is the disk full or read-only?)."
                ) from None

    def read(self, sql: str, args: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self.lock:
            try:
                return self._conn.execute(sql, tuple(args)).fetchall()
            except sqlite3.Error as exc:
                log.error("store: read failed (%s)", type(exc).__name__)
                raise StoreError("The encounter history could not be read.") from None

    def require(self, encounter_id: str) -> sqlite3.Row:
        """The encounter's row (``ENCOUNTER_COLUMNS``) or EncounterNotFound."""
        rows = self.read(
            f"SELECT {ENCOUNTER_COLUMNS} FROM encounters WHERE id = ?", (encounter_id,)
        )
        if not rows:
            raise EncounterNotFound("This encounter no longer exists (it may have been deleted).")
        return rows[0]

    def set_busy_timeout(self, ms: int) -> None:
        with self.lock:
            self._conn.execute(f"PRAGMA busy_timeout = {int(ms)}")

    def checkpoint(self) -> None:
        """Move the WAL into the database file and truncate it: deleted text leaves the WAL."""
        with self.lock, suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def compact(self) -> None:
        """VACUUM (rebuilds the file without free pages), then truncate the WAL."""
        with self.lock:
            try:
                self._conn.execute("VACUUM")
            except sqlite3.Error as exc:
                log.warning("store: compact failed (%s)", type(exc).__name__)
            self.checkpoint()

    def close(self) -> None:
        with self.lock:
            self.checkpoint()
            self._conn.close()
