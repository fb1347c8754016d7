"""A damaged encounter database: what can still be read is saved into the new one, with a notice
saying how many encounters were saved and where the damaged file was kept; a database file of
0 bytes is set aside with a notice too (issue 21, item 7). Real SQLite files, really damaged:
one page overwritten with random bytes, at its page-size offset."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from desktop import notices
from desktop.encounter import Encounter
from desktop.store import EncounterStore
from desktop.store.crypto import RowCipher, load_or_create_key
from desktop.store.reading import doc_aad, instructions_aad, seg_aad
from tests.support.memory_keyring import MemoryKeyring
from tests.unit.test_store_support import T0, no_keychain, open_at, secure_secrets

ENCOUNTERS = 300  # enough for the encounters table to span several pages


def _fill(root: Path, ring: MemoryKeyring | None) -> dict[str, Encounter]:
    """A history of ENCOUNTERS visits (3 segments and a note each), as the store reads it.

    The store creates the file and its key; the rows go in with one transaction (the store's
    own calls fsync each one: ~1,200 of them took 20 s here), sealed as the store seals them."""
    secrets = secure_secrets(ring) if ring is not None else no_keychain()
    store = open_at(root, secrets=secrets, allow_unencrypted=ring is None).store
    assert store is not None
    store.close()
    cipher = RowCipher(load_or_create_key(secrets).key if ring is not None else None)
    conn = sqlite3.connect(root / "scribe.db", isolation_level=None)
    conn.execute("BEGIN")
    for n in range(ENCOUNTERS):
        eid = f"enc-{n:04d}"
        conn.execute(
            "INSERT INTO encounters(id, started_at, ended_at, language, transcribed_until)"
            " VALUES (?, ?, ?, 'en', 3)",
            (eid, T0 + n, T0 + n + 60),
        )
        for i in range(3):
            text = f"visit {n} sentence {i} " * 4
            speaker = "doctor" if i % 2 == 0 else "patient"
            conn.execute(
                "INSERT INTO segments(encounter_id, start_s, end_s, text, speaker)"
                " VALUES (?, ?, ?, ?, ?)",
                (eid, float(i), float(i + 1), cipher.seal(text, aad=seg_aad(eid)), speaker),
            )
        note = cipher.seal(f"Note of visit {n}.", aad=doc_aad(eid, "soap"))
        said = cipher.seal(json.dumps([f"add visit {n}"]), aad=instructions_aad(eid, "soap"))
        conn.execute(
            "INSERT INTO documents(encounter_id, template_id, text, updated_at, instructions)"
            " VALUES (?, 'soap', ?, ?, ?)",
            (eid, note, T0 + n + 30, said),
        )
        conn.execute(
            "INSERT INTO document_versions(encounter_id, template_id, created_at, saved_at, text)"
            " VALUES (?, 'soap', ?, ?, ?)",
            (eid, T0 + n + 30, T0 + n + 30, note),
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    store = open_at(root, secrets=secrets, allow_unencrypted=ring is None).store
    assert store is not None
    everything = {s.id: store.load(s.id) for s in store.list_recent(limit=1000)}
    assert len(everything) == ENCOUNTERS
    first = everything["enc-0000"]  # who said what and the doctor's instructions are there to save
    assert first.segments[1].speaker == "patient"
    assert first.documents["soap"].instructions == ["add visit 0"]
    store.close()
    return everything


def _leaf_rowids(db: Path, table: str) -> tuple[int, list[int]]:
    """A leaf page of ``table`` from the middle of the file, and the rowids it holds (read from
    the page itself, as SQLite's file format lays a table leaf out)."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [
        r[0]
        for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,),
        )
    ]
    conn.close()
    assert len(leaves) >= 3, f"{table} fits in too few pages to damage one in the middle"
    page = leaves[len(leaves) // 2]
    data = db.read_bytes()[(page - 1) * page_size : page * page_size]
    assert data[0] == 0x0D  # a table b-tree leaf
    cells = int.from_bytes(data[3:5], "big")
    rowids = []
    for k in range(cells):
        at = int.from_bytes(data[8 + 2 * k : 10 + 2 * k], "big")
        _payload, at = _varint(data, at)
        rowid, _ = _varint(data, at)
        rowids.append(rowid)
    return page, rowids


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise AssertionError("unreachable")


def _damage_page(db: Path, page: int) -> None:
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    garbage = random.Random(21).randbytes(page_size)
    with open(db, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(garbage)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _opened(root: Path, ring: MemoryKeyring | None) -> tuple[EncounterStore, notices.Notice, Path]:
    secrets = secure_secrets(ring) if ring is not None else no_keychain()
    result = open_at(root, secrets=secrets, allow_unencrypted=ring is None)
    assert result.store is not None and result.notice is not None
    assert result.set_aside is not None and result.set_aside.exists()
    return result.store, result.notice, result.set_aside


@pytest.mark.parametrize("encrypted", [True, False])
def test_a_damaged_page_of_encounters_loses_only_the_encounters_it_held(
    tmp_path: Path, encrypted: bool
) -> None:
    """Before, the whole history was set aside and a new, empty one started."""
    ring = MemoryKeyring() if encrypted else None
    before = _fill(tmp_path, ring)
    db = tmp_path / "scribe.db"
    page, rowids = _leaf_rowids(db, "encounters")
    ids_by_rowid = dict(_rows(db, "SELECT rowid, id FROM encounters"))
    lost = {ids_by_rowid[r] for r in rowids}
    assert 0 < len(lost) < ENCOUNTERS
    _damage_page(db, page)

    store, notice, aside = _opened(tmp_path, ring)
    expected = set(before) - lost
    assert notice.kind == notices.STORE_SALVAGED
    assert notice.names == (aside.name, str(len(expected)))
    assert f"{len(expected)} encounter(s) could be read and were saved" in notice.text
    assert aside.name in notice.text and aside.name.startswith("scribe.db.damaged-")
    listed = {s.id for s in store.list_recent(limit=1000)}
    assert listed == expected
    for eid in sorted(expected):
        assert store.load(eid) == before[eid]  # segments, documents, times: all of it
    assert store.versions(sorted(expected)[0], "soap")[-1].text.startswith("Note of visit")
    store.create(encounter_id="new", started_at=T0 + 999, language="en", audio_path=None)
    store.close()


def test_a_damaged_page_of_segments_keeps_every_encounter_and_the_other_segments(
    tmp_path: Path,
) -> None:
    ring = MemoryKeyring()
    before = _fill(tmp_path, ring)
    db = tmp_path / "scribe.db"
    page, rowids = _leaf_rowids(db, "segments")
    owners = dict(_rows(db, "SELECT id, encounter_id FROM segments"))
    lost_per_encounter: dict[str, int] = {}
    for r in rowids:
        lost_per_encounter[owners[r]] = lost_per_encounter.get(owners[r], 0) + 1
    _damage_page(db, page)

    store, notice, _aside = _opened(tmp_path, ring)
    assert notice.kind == notices.STORE_SALVAGED and notice.names[1] == str(ENCOUNTERS)
    for eid, encounter in before.items():
        loaded = store.load(eid)
        assert len(loaded.segments) == len(encounter.segments) - lost_per_encounter.get(eid, 0)
        assert set(loaded.segments) <= set(encounter.segments)
        assert loaded.documents == encounter.documents
    store.close()


def test_the_damaged_file_is_kept_as_it_was(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    _fill(tmp_path, ring)
    db = tmp_path / "scribe.db"
    page, _rowids = _leaf_rowids(db, "encounters")
    _damage_page(db, page)
    damaged = db.read_bytes()
    store, _notice, aside = _opened(tmp_path, ring)
    store.close()
    assert aside.read_bytes() == damaged


def test_a_zero_byte_database_is_set_aside_with_a_notice(tmp_path: Path) -> None:
    """Before, SQLite took the empty file for a new database: a reset without a word."""
    db = tmp_path / "scribe.db"
    db.write_bytes(b"")
    store, notice, aside = _opened(tmp_path, MemoryKeyring())
    assert notice.kind == notices.STORE_EMPTY and notice.names == (aside.name,)
    assert "was empty (0 bytes)" in notice.text and aside.name in notice.text
    assert aside.name.startswith("scribe.db.empty-") and aside.stat().st_size == 0
    assert store.list_recent() == []
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.close()
    again = open_at(tmp_path, secrets=secure_secrets(MemoryKeyring()))
    assert again.notice is None or again.notice.kind != notices.STORE_EMPTY


def test_a_new_database_gets_no_notice(tmp_path: Path) -> None:
    result = open_at(tmp_path, secrets=secure_secrets())
    assert result.store is not None and result.notice is None and result.set_aside is None
    result.store.close()
