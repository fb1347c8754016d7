"""The encounter database's schema, its version (``PRAGMA user_version``) and migrations.

``MIGRATIONS[n]`` turns a version-``n`` database into version ``n + 1``; each step runs in its
own transaction, so a failed step leaves the database at the previous version. Pure functions
over a connection passed in: the caller owns the connection and its thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it would COMMIT the migration's transaction first.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        CREATE TABLE encounters (
            id                TEXT PRIMARY KEY,
            started_at        REAL NOT NULL,
            ended_at          REAL,
            language          TEXT NOT NULL DEFAULT '',
            audio_path        TEXT,
            audio_deleted_at  REAL,
            transcribed_until REAL NOT NULL DEFAULT 0
        );
        CREATE INDEX encounters_started ON encounters(started_at);
        CREATE TABLE segments (
            id           INTEGER PRIMARY KEY,
            encounter_id TEXT NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
            start_s      REAL NOT NULL,
            end_s        REAL NOT NULL,
            text         BLOB NOT NULL
        );
        CREATE INDEX segments_encounter ON segments(encounter_id, id);
        CREATE TABLE documents (
            encounter_id TEXT NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
            template_id  TEXT NOT NULL,
            text         BLOB NOT NULL,
            updated_at   REAL NOT NULL,
            copied_at    REAL,
            PRIMARY KEY (encounter_id, template_id)
        );
        CREATE TABLE document_versions (
            id           INTEGER PRIMARY KEY,
            encounter_id TEXT NOT NULL REFERENCES encounters(id) ON DELETE CASCADE,
            template_id  TEXT NOT NULL,
            created_at   REAL NOT NULL,
            saved_at     REAL NOT NULL,
            text         BLOB NOT NULL
        );
        CREATE INDEX versions_document ON document_versions(encounter_id, template_id, id);
        """,
    )


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Who said each segment (``desktop.speakers``); older rows: not known."""
    _run(
        conn,
        """
        ALTER TABLE segments ADD COLUMN speaker TEXT;
        ALTER TABLE segments ADD COLUMN speaker_uncertain INTEGER NOT NULL DEFAULT 0
        """,
    )


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """The instructions the doctor gave for a document ("add that he does not smoke"): the
    doctor's own statements, evidence for what they added (sealed JSON list; NULL: none)."""
    _run(conn, "ALTER TABLE documents ADD COLUMN instructions BLOB")


MIGRATIONS: tuple[Migration, ...] = (_v0_to_v1, _v1_to_v2, _v2_to_v3)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer Scribe (internal; the store turns it into a notice)."""


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database to ``len(migrations)``; return the version it had before."""
    before = user_version(conn)
    if before > len(migrations):
        raise NewerSchema(before)
    for version in range(before, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return before
