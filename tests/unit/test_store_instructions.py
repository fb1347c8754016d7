"""A document keeps the instructions the doctor accepted for it (their own statements, evidence
for the checks): stored sealed with the document, read back with it, and a database from before
them opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.store import EncounterNotFound
from tests.unit.test_store_support import T0, files_bytes, open_at, secure_secrets

SAID = "add that he does not smoke"


def test_instructions_are_stored_sealed_and_read_back_with_their_document(tmp_path: Path) -> None:
    secrets = secure_secrets()
    store = open_at(tmp_path, secrets=secrets).store
    assert store is not None
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.save_document("e1", "soap", "S: cough. He does not smoke.")
    store.save_instructions("e1", "soap", [SAID, "la dose était de 5 mg"])
    store.save_document("e1", "letter", "Dear colleague")
    store.close()
    assert SAID.encode() not in files_bytes(tmp_path)  # sealed like the text

    again = open_at(tmp_path, secrets=secrets).store
    assert again is not None
    loaded = again.load("e1")
    assert loaded.documents["soap"].instructions == [SAID, "la dose était de 5 mg"]
    assert loaded.documents["letter"].instructions == []
    again.save_document("e1", "soap", "S: cough. He does not smoke. Edited.")  # text autosaved
    assert again.load("e1").documents["soap"].instructions == [SAID, "la dose était de 5 mg"]
    again.close()


def test_instructions_for_a_document_never_saved_are_a_clear_error(tmp_path: Path) -> None:
    store = open_at(tmp_path, secrets=secure_secrets()).store
    assert store is not None
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    with pytest.raises(EncounterNotFound, match="not saved"):
        store.save_instructions("e1", "soap", [SAID])
    store.close()


def test_a_database_from_before_instructions_opens_with_its_documents(tmp_path: Path) -> None:
    secrets = secure_secrets()
    store = open_at(tmp_path, secrets=secrets).store
    assert store is not None
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.save_document("e1", "soap", "S: cough.")
    store.close()
    conn = sqlite3.connect(tmp_path / "scribe.db", isolation_level=None)
    conn.execute("ALTER TABLE documents DROP COLUMN instructions")  # as version 2 wrote it
    conn.execute("PRAGMA user_version = 2")
    conn.close()

    result = open_at(tmp_path, secrets=secrets)
    assert result.store is not None and not result.notice
    document = result.store.load("e1").documents["soap"]
    assert (document.text, document.instructions) == ("S: cough.", [])
    result.store.save_instructions("e1", "soap", [SAID])
    assert result.store.load("e1").documents["soap"].instructions == [SAID]
    result.store.close()
