"""Saving what can still be read from a damaged encounter database into a new one.

SQLite's ``.recover`` lives in its command-line shell, not in Python's module, so the rows are
copied table by table: a scan in rowid order, and where it meets a damaged page, one query per
rowid past it until rows can be read again (a damaged leaf costs only the rows it held). An
encounter is saved when its own row is readable; its segments, documents and versions are copied
when readable (and their text opens with the key, or is sealed with a key not at hand now);
rows of encounters that were lost are left behind. The damaged file itself is never written.

Threads: runs on the thread that opens the store, inside ``sqlite_file.open_database``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from desktop.store.crypto import DamagedRecord, RowCipher, StoreKeyError

log = logging.getLogger(__name__)

MISSES_PAST_DAMAGE = 50_000  # rowids probed past a damaged page when the table's end is unknown

Row = tuple[object, ...]

# (table, its columns as the current schema has them): encounters first, their rows after.
_TABLES = (
    (
        "encounters",
        "id, started_at, ended_at, language, audio_path, audio_deleted_at, transcribed_until",
    ),
    ("segments", "id, encounter_id, start_s, end_s, text"),
    ("documents", "encounter_id, template_id, text, updated_at, copied_at"),
    ("document_versions", "id, encounter_id, template_id, created_at, saved_at, text"),
    ("meta", "key, value"),
)
# Columns later versions added, copied when the damaged file has them (after the ones above, so
# the positions the checks use stay the same).
_ADDED = {
    "segments": ("speaker", "speaker_uncertain"),
    "documents": ("instructions",),
}


def salvage(damaged: Path, target: sqlite3.Connection, cipher: RowCipher) -> int:
    """Copy the readable rows of ``damaged`` into ``target`` (a new, migrated, empty database);
    return how many encounters were saved. Never raises for what it finds in ``damaged``."""
    try:
        source = _open_read_only(damaged)
    except sqlite3.Error as exc:
        log.warning("store salvage: the damaged file cannot be opened (%s)", type(exc).__name__)
        return 0
    saved: set[str] = set()
    skipped = 0
    try:
        target.execute("BEGIN IMMEDIATE")
        for table, base in _TABLES:
            columns = _with_added(source, table, base)
            for row in _readable_rows(source, table, columns):
                if _keep(table, row, saved, cipher) and _insert(target, table, columns, row):
                    if table == "encounters":
                        saved.add(str(_text(row[0])))
                else:
                    skipped += 1
        target.execute("COMMIT")
    except sqlite3.Error as exc:
        target.execute("ROLLBACK")
        log.warning("store salvage: writing the new database failed (%s)", type(exc).__name__)
        return 0
    finally:
        source.close()
    log.warning("store salvage: %d encounters saved, %d rows left behind", len(saved), skipped)
    return len(saved)


def _open_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = bytes  # text damaged into invalid UTF-8 is checked here, not raised
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        conn.text_factory = bytes
    return conn


def _readable_rows(source: sqlite3.Connection, table: str, columns: str) -> Iterator[Row]:
    """Every row of ``table`` that can be read, in rowid order, stepping over damaged pages."""
    top = _top_rowid(source, table)
    after = 0
    while True:
        last = after
        try:
            for row in source.execute(
                f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid", (after,)
            ):
                last = int(row[0])
                yield tuple(row[1:])
            return
        except sqlite3.Error:
            pass
        resumed = yield from _past_damage(source, table, columns, last, top)
        if resumed is None:
            return
        after = resumed


def _past_damage(
    source: sqlite3.Connection, table: str, columns: str, last: int, top: int | None
) -> Generator[Row, None, int | None]:
    """Rows one rowid at a time after ``last``; returns the rowid from which a scan can go on
    (the first row read again), or None at the table's end."""
    rowid, misses = last, 0
    while (top is None and misses < MISSES_PAST_DAMAGE) or (top is not None and rowid < top):
        rowid += 1
        try:
            found = source.execute(
                f"SELECT {columns} FROM {table} WHERE rowid = ?", (rowid,)
            ).fetchone()
        except sqlite3.Error:
            found = None
        if found is None:
            misses += 1
            continue
        yield tuple(found)
        return rowid
    return None


def _top_rowid(source: sqlite3.Connection, table: str) -> int | None:
    try:
        top = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return None
    return int(top) if top is not None else 0


def _with_added(source: sqlite3.Connection, table: str, columns: str) -> str:
    """``columns`` and those of ``_ADDED`` the damaged file's table has."""
    try:
        present = {_text(r[1]) for r in source.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return columns
    extra = [c for c in _ADDED.get(table, ()) if c in present]
    return ", ".join([columns, *extra])


def _keep(table: str, row: Row, saved: set[str], cipher: RowCipher) -> bool:
    checks: dict[str, Callable[[], bool]] = {
        "encounters": lambda: _text(row[0]) is not None and _number(row[1]),
        "segments": lambda: (
            _of_saved(row[1], saved) and _opens(cipher, row[4], f"seg:{_text(row[1])}")
        ),
        "documents": lambda: (
            _of_saved(row[0], saved)
            and _text(row[1]) is not None
            and _opens(cipher, row[2], f"doc:{_text(row[0])}:{_text(row[1])}")
        ),
        "document_versions": lambda: (
            _of_saved(row[1], saved)
            and _text(row[2]) is not None
            and _opens(cipher, row[5], f"doc:{_text(row[1])}:{_text(row[2])}")
        ),
        "meta": lambda: _text(row[0]) is not None,
    }
    return checks[table]()


def _insert(target: sqlite3.Connection, table: str, columns: str, row: Row) -> bool:
    """Insert one row; False when the new database refuses it (a damaged value: a NULL where
    none may be, text that is not UTF-8, a duplicate key)."""
    values = []
    for i, value in enumerate(row):
        if isinstance(value, bytes) and _is_text_column(table, i):
            value = _text(value)
            if value is None:
                return False
        values.append(value)
    marks = ", ".join("?" for _ in row)
    verb = "INSERT OR IGNORE" if table == "meta" else "INSERT"
    try:
        target.execute(f"{verb} INTO {table} ({columns}) VALUES ({marks})", values)
    except sqlite3.IntegrityError:
        return False
    return True


def _is_text_column(table: str, index: int) -> bool:
    """Columns read as bytes (``text_factory``) that the schema declares TEXT."""
    text_columns = {
        "encounters": {0, 3, 4},
        "segments": {1, 5},  # encounter_id, speaker
        "documents": {0, 1},
        "document_versions": {1, 2},
        "meta": {0},
    }
    return index in text_columns[table]


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _of_saved(encounter_id: object, saved: set[str]) -> bool:
    return _text(encounter_id) in saved


def _opens(cipher: RowCipher, blob: object, aad: str) -> bool:
    if not isinstance(blob, bytes):
        return False
    try:
        cipher.open(blob, aad=aad)
    except DamagedRecord:
        return False
    except StoreKeyError:
        return not cipher.encrypting  # sealed with a key not at hand now: kept for later
    return True
