"""Opening the SQLite file: pragmas, integrity check, migrations, the encryption key check, and
setting a damaged (or undecryptable, or newer) database aside so the app still starts.

Runs on whichever thread opens the store (the GUI thread at start-up); it takes well under a
second for a database of a few thousand encounters.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from desktop import notices
from desktop.errors import ScribeError
from desktop.notices import Notice
from desktop.store import schema
from desktop.store.crypto import RowCipher, StoreKeyError
from desktop.store.salvage import salvage

log = logging.getLogger(__name__)

_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
KEY_CHECK = "key_check"
KEY_CHECK_TEXT = "scribe-store-key-check"


class StoreError(ScribeError):
    """The encounter database cannot be opened, read or written."""


class EncounterNotFound(StoreError):
    """The encounter was deleted (or never existed)."""


class _SetAside(Exception):
    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    notice: Notice | None  # one sentence for the doctor when the database was set aside
    set_aside: Path | None
    older_encrypted: bool  # rows sealed with a key we do not have now


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name in _CORRUPT_CODES or not isinstance(exc, sqlite3.OperationalError)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("WAL mode refused")
        conn.execute("PRAGMA synchronous = FULL")  # a power cut keeps every committed segment
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise _SetAside("damaged")
    except BaseException:
        conn.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        target = Path(f"{path}{suffix}")
        if target.exists():
            os.chmod(target, 0o600)
    return conn


def _check_key(conn: sqlite3.Connection, cipher: RowCipher) -> bool:
    """Record or verify the key; return True when older rows are sealed with an unknown key."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY_CHECK,)).fetchone()
    if row is None:
        if cipher.encrypting:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                (KEY_CHECK, cipher.seal(KEY_CHECK_TEXT, aad=KEY_CHECK)),
            )
        return False
    if not cipher.encrypting:
        return True
    try:
        cipher.open(row[0], aad=KEY_CHECK)
    except StoreKeyError:
        raise _SetAside("undecryptable") from None
    return False


def _set_aside(path: Path, why: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.{why}-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{backup}{suffix}"))
    return backup


_NOTICES = {  # why the database was set aside -> (notice kind, English sentence)
    "damaged": (
        notices.STORE_DAMAGED,
        "The encounter history was damaged; it was kept as {name} and a new one was started.",
    ),
    "undecryptable": (
        notices.STORE_UNDECRYPTABLE,
        "The encounter history was encrypted with a key that is no longer in the keychain; "
        "it was kept as {name} and a new one was started.",
    ),
    "newer": (
        notices.STORE_NEWER,
        "The encounter history was written by a newer version of Scribe; "
        "it was kept as {name} and a new one was started.",
    ),
    "empty": (
        notices.STORE_EMPTY,
        "The encounter history file was empty (0 bytes): earlier encounters are not in it; "
        "it was kept as {name} and a new one was started.",
    ),
}
_SALVAGED = (
    "The encounter history was damaged; {count} encounter(s) could be read and were saved into "
    "a new one, and the damaged file was kept as {name}."
)


def _set_aside_notice(why: str, backup: Path, saved: int) -> Notice:
    if saved:
        text = _SALVAGED.format(count=saved, name=backup.name)
        return Notice(notices.STORE_SALVAGED, text, (backup.name, str(saved)))
    kind, text = _NOTICES[why]
    return Notice(kind, text.format(name=backup.name), (backup.name,))


def _open_once(path: Path, cipher: RowCipher) -> tuple[sqlite3.Connection, bool]:
    try:
        conn = _connect(path)
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):
            raise _SetAside("damaged") from None
        raise
    try:
        schema.migrate(conn)
        return conn, _check_key(conn, cipher)
    except schema.NewerSchema:
        conn.close()
        raise _SetAside("newer") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        if _is_corruption(exc):
            raise _SetAside("damaged") from None
        raise
    except BaseException:
        conn.close()
        raise


def _empty(path: Path) -> bool:
    """A database file of 0 bytes with no write-ahead log behind it: it holds nothing (SQLite
    would take it for a new database and say nothing; ours always has its header)."""
    wal = Path(f"{path}-wal")
    try:
        return path.stat().st_size == 0 and (not wal.exists() or wal.stat().st_size == 0)
    except FileNotFoundError:
        return False


def open_database(path: Path, cipher: RowCipher) -> Opened:
    """Open (creating or repairing as needed). Raises StoreError only when the disk itself
    refuses (permissions, full disk, unreadable folder). A damaged database is set aside and
    what can still be read of it is saved into the new one (``salvage``)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if _empty(path):
                raise _SetAside("empty")
            conn, older = _open_once(path, cipher)
            return Opened(conn, None, None, older)
        except _SetAside as aside:
            backup = _set_aside(path, aside.why)
            log.warning("store: database set aside (%s) as %s", aside.why, backup.name)
            conn, older = _open_once(path, cipher)
            saved = salvage(backup, conn, cipher) if aside.why == "damaged" else 0
            return Opened(conn, _set_aside_notice(aside.why, backup, saved), backup, older)
    except (sqlite3.Error, OSError, _SetAside) as exc:
        log.error("store: cannot open the database (%s)", type(exc).__name__)
        raise StoreError(
            f"The encounter history in {path.parent} cannot be opened or created."
        ) from None
