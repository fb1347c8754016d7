"""Stored transcripts keep who said what; a database from before speakers opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.asr.base import Segment
from desktop.store import schema
from tests.unit.test_store_support import T0, files_bytes, open_at, secure_secrets

WORDS = "Any wheezing at night? Yes, most nights."


def _store(root: Path, secrets):
    store = open_at(root, secrets=secrets).store
    assert store is not None
    return store


def test_labels_are_stored_and_rewritten(tmp_path: Path) -> None:
    secrets = secure_secrets()
    store = _store(tmp_path, secrets)
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.append_segments("e1", [Segment(0, 4, WORDS)])
    store.rewrite_segments(
        "e1",
        [
            Segment(0, 2, "Any wheezing at night?", "doctor"),
            Segment(2, 4, "Yes, most nights.", "patient", speaker_uncertain=True),
        ],
    )
    store.close()
    loaded = _store(tmp_path, secrets).load("e1")
    assert [(s.text, s.speaker, s.speaker_uncertain) for s in loaded.segments] == [
        ("Any wheezing at night?", "doctor", False),
        ("Yes, most nights.", "patient", True),
    ]
    assert b"wheezing" not in files_bytes(tmp_path)  # the text stays sealed


def test_a_database_from_before_speakers_opens_with_its_transcript(tmp_path: Path) -> None:
    secrets = secure_secrets()
    store = _store(tmp_path, secrets)
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.append_segments("e1", [Segment(0, 4, WORDS)])
    store.close()
    conn = sqlite3.connect(tmp_path / "scribe.db", isolation_level=None)
    conn.execute("ALTER TABLE segments DROP COLUMN speaker")  # as version 1 wrote it
    conn.execute("ALTER TABLE segments DROP COLUMN speaker_uncertain")
    conn.execute("ALTER TABLE documents DROP COLUMN instructions")  # version 3's
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    result = open_at(tmp_path, secrets=secrets)
    assert result.store is not None and not result.notice
    loaded = result.store.load("e1")
    assert [(s.text, s.speaker, s.speaker_uncertain) for s in loaded.segments] == [
        (WORDS, None, False)
    ]
    result.store.close()
    conn = sqlite3.connect(tmp_path / "scribe.db")
    assert schema.user_version(conn) == schema.SCHEMA_VERSION == 3
    conn.close()
