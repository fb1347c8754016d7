"""Opening the store: no keychain (ask first), a damaged / newer / undecryptable database set
aside with a notice, the schema migrated step by step, the disk refusing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop import notices
from desktop.asr.base import Segment
from desktop.secrets import STORE_KEY
from desktop.store import StoreError, StoreKeyError, schema
from tests.support.memory_keyring import MemoryKeyring
from tests.unit.test_store_support import T0, files_bytes, no_keychain, open_at, secure_secrets

PHRASE = "persistent wheezing since the spring"


def _fill(root: Path, **kwargs: object) -> None:
    store = open_at(root, **kwargs).store  # type: ignore[arg-type]
    assert store is not None
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.append_segments("e1", [Segment(0, 2, PHRASE)])
    store.close()


def test_no_keychain_asks_before_storing_unencrypted(tmp_path: Path) -> None:
    refused = open_at(tmp_path, secrets=no_keychain())
    assert refused.store is None and refused.encryption_unavailable and not refused.encrypted
    assert "keychain" in refused.encryption_reason
    assert not (tmp_path / "scribe.db").exists()  # nothing written before the doctor agrees

    agreed = open_at(tmp_path, secrets=no_keychain(), allow_unencrypted=True)
    assert agreed.store is not None and agreed.encryption_unavailable and not agreed.encrypted
    assert agreed.store.audio_path_for("e1").suffix == ".wav"
    agreed.store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    agreed.store.append_segments("e1", [Segment(0, 2, PHRASE)])
    agreed.store.close()
    assert PHRASE.encode() in files_bytes(tmp_path)  # really unencrypted, as agreed


def test_key_is_created_once_and_reused(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    _fill(tmp_path, secrets=secure_secrets(ring))
    key = ring.get_password("Scribe", STORE_KEY)
    assert key
    again = open_at(tmp_path, secrets=secure_secrets(ring))
    assert again.store is not None and again.encrypted and not again.notice
    assert again.store.load("e1").segments[0].text == PHRASE
    assert ring.get_password("Scribe", STORE_KEY) == key


def test_damaged_keychain_entry_is_reported(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    ring.set_password("Scribe", STORE_KEY, "not base64 !!")
    result = open_at(tmp_path, secrets=secure_secrets(ring))
    assert result.store is None and result.encryption_unavailable
    assert "damaged" in result.encryption_reason
    assert ring.get_password("Scribe", STORE_KEY) == "not base64 !!"  # never overwritten


@pytest.mark.parametrize("damage", ["garbage", "torn"])
def test_damaged_database_is_set_aside(tmp_path: Path, damage: str) -> None:
    ring = MemoryKeyring()
    _fill(tmp_path, secrets=secure_secrets(ring))
    db = tmp_path / "scribe.db"
    if damage == "garbage":
        db.write_bytes(b"this is not a database" * 300)
    else:  # keep the header, scramble the pages behind it
        data = bytearray(db.read_bytes())
        data[100:] = bytes((i * 7) % 251 for i in range(len(data) - 100))
        db.write_bytes(bytes(data))
    result = open_at(tmp_path, secrets=secure_secrets(ring))
    assert result.store is not None and result.set_aside is not None
    assert result.set_aside.exists() and result.set_aside.name.startswith("scribe.db.damaged-")
    assert result.notice is not None and result.notice.kind == notices.STORE_DAMAGED
    assert result.notice.names == (result.set_aside.name,)
    assert "damaged" in result.notice.text and result.set_aside.name in result.notice.text
    assert result.store.list_recent() == []
    result.store.create(encounter_id="new", started_at=T0, language="en", audio_path=None)
    assert [s.id for s in result.store.list_recent()] == ["new"]


def test_database_from_a_newer_version_is_set_aside(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    _fill(tmp_path, secrets=secure_secrets(ring))
    conn = sqlite3.connect(tmp_path / "scribe.db")
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    result = open_at(tmp_path, secrets=secure_secrets(ring))
    assert result.store is not None and result.notice is not None
    assert result.notice.kind == notices.STORE_NEWER and "newer version" in result.notice.text
    assert result.set_aside is not None and result.set_aside.exists()


def test_database_encrypted_with_another_key_is_set_aside(tmp_path: Path) -> None:
    _fill(tmp_path, secrets=secure_secrets())
    result = open_at(tmp_path, secrets=secure_secrets())  # a new keychain: a new key
    assert result.store is not None and result.encrypted
    assert result.notice is not None and result.notice.kind == notices.STORE_UNDECRYPTABLE
    assert "no longer in the keychain" in result.notice.text
    assert result.store.list_recent() == []


def test_encrypted_history_without_keychain(tmp_path: Path) -> None:
    _fill(tmp_path, secrets=secure_secrets())
    result = open_at(tmp_path, secrets=no_keychain(), allow_unencrypted=True)
    assert result.store is not None and result.set_aside is None  # nothing thrown away
    assert result.notice is not None and result.notice.kind == notices.STORE_OLDER_ENCRYPTED
    assert "cannot be read until the keychain" in result.notice.text
    (summary,) = result.store.list_recent()
    assert summary.id == "e1" and summary.first_words == ""
    with pytest.raises(StoreKeyError) as info:
        result.store.load("e1")
    assert PHRASE not in str(info.value)


def test_disk_refusing_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        open_at(blocker)
    assert "cannot be opened or created" in str(info.value)


def test_migrations_run_in_order_and_roll_back_on_failure(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)

    def v0(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE a (x)")

    def v1(c: sqlite3.Connection) -> None:
        c.execute("ALTER TABLE a ADD COLUMN y")

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE b (z)")
        raise RuntimeError("migration bug")

    assert schema.migrate(conn, [v0]) == 0
    assert schema.migrate(conn, [v0, v1]) == 1
    assert schema.user_version(conn) == 2
    with pytest.raises(RuntimeError):
        schema.migrate(conn, [v0, v1, broken])
    assert schema.user_version(conn) == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}  # the broken step left nothing behind
    with pytest.raises(schema.NewerSchema):
        schema.migrate(conn, [v0])


def test_current_schema_version_and_pragmas(tmp_path: Path) -> None:
    _fill(tmp_path)
    conn = sqlite3.connect(tmp_path / "scribe.db")
    assert schema.user_version(conn) == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert (tmp_path / "scribe.db").stat().st_mode & 0o077 == 0  # owner only
