"""The doctor's check of the consultation history (issue 21, item 7): it opens, it is whole
(``integrity_check``), it is encrypted or it says plainly that it is not because there is no
keychain. Real SQLite files made by the store; the check never changes them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.asr.base import Segment
from desktop.doctor import Status, check_database
from desktop.secrets import Secrets
from desktop.store import schema
from tests.support.memory_keyring import MemoryKeyring
from tests.unit.test_store_support import T0, no_keychain, open_at, secure_secrets

ROOT = Path(__file__).resolve().parents[2]


def _history(root: Path, secrets: Secrets, *, unencrypted: bool = False, count: int = 2) -> Path:
    store = open_at(root, secrets=secrets, allow_unencrypted=unencrypted).store
    assert store is not None
    for n in range(count):
        eid = f"e{n}"
        store.create(encounter_id=eid, started_at=T0 + n, language="en", audio_path=None)
        store.append_segments(eid, [Segment(0, 2, "wheezing since the spring")])
    store.close()
    return root / "scribe.db"


def test_no_history_yet(tmp_path: Path) -> None:
    result = check_database(tmp_path / "scribe.db", secure_secrets())
    assert (result.check, result.status, result.code) == ("database", Status.PASS, "new")
    assert not (tmp_path / "scribe.db").exists()
    unsafe = check_database(tmp_path / "scribe.db", no_keychain())
    assert (unsafe.status, unsafe.code) == (Status.WARN, "unencrypted")
    assert "will be stored unencrypted" in unsafe.detail and "no keychain" in unsafe.detail
    assert not (tmp_path / "scribe.db").exists()


def test_an_encrypted_whole_history_passes(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    db = _history(tmp_path, secure_secrets(ring))
    before = db.read_bytes()
    result = check_database(db, secure_secrets(ring))
    assert (result.status, result.code) == (Status.PASS, "ok"), result
    assert result.detail == "The consultation history (2 consultation(s)) is whole and encrypted."
    assert result.fix == "" and db.read_bytes() == before


def test_history_stored_unencrypted_because_there_is_no_keychain_is_said_plainly(
    tmp_path: Path,
) -> None:
    db = _history(tmp_path, no_keychain(), unencrypted=True, count=3)
    result = check_database(db, no_keychain())
    assert (result.status, result.code) == (Status.WARN, "unencrypted")
    assert result.detail == (
        "The consultation history (3 consultation(s)) is stored unencrypted on this computer, "
        "because there is no keychain."
    )
    assert "keychain" in result.fix


def test_encrypted_history_without_its_key(tmp_path: Path) -> None:
    db = _history(tmp_path, secure_secrets(MemoryKeyring()))
    locked = check_database(db, no_keychain())
    assert (locked.status, locked.code) == (Status.WARN, "locked")
    assert "no keychain" in locked.detail
    other = check_database(db, secure_secrets(MemoryKeyring()))  # another keychain, no key
    assert (other.status, other.code) == (Status.WARN, "wrong_key")


def test_older_records_stored_before_the_keychain_are_counted(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    _history(tmp_path, no_keychain(), unencrypted=True, count=2)
    db = _history(tmp_path, secure_secrets(ring), count=0)  # opened again, with a keychain
    result = check_database(db, secure_secrets(ring))
    assert (result.status, result.code) == (Status.WARN, "partly_unencrypted")
    assert "2 of its records were stored unencrypted" in result.detail


@pytest.mark.parametrize("damage", ["page", "garbage"])
def test_a_damaged_history_fails_and_is_left_as_it_was(tmp_path: Path, damage: str) -> None:
    ring = MemoryKeyring()
    db = _history(tmp_path, secure_secrets(ring), count=40)
    if damage == "page":  # the encounters' first page, overwritten at its page-size offset
        conn = sqlite3.connect(db)
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root_page,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'encounters'"
        ).fetchone()
        conn.close()
        with open(db, "r+b") as fh:
            fh.seek((root_page - 1) * page_size)
            fh.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))
    else:
        db.write_bytes(b"this is not a database" * 300)
    before = db.read_bytes()
    result = check_database(db, secure_secrets(ring))
    assert (result.status, result.code) == (Status.FAIL, "damaged"), result
    assert "is damaged" in result.detail and "saves the consultations it can still read" in (
        result.fix
    )
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("scribe.db")) == [
        "scribe.db"
    ]


def test_empty_and_newer_histories(tmp_path: Path) -> None:
    db = tmp_path / "scribe.db"
    db.write_bytes(b"")
    assert check_database(db, secure_secrets()).code == "empty"
    db.unlink()
    _history(tmp_path, secure_secrets())
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    result = check_database(db, secure_secrets())
    assert (result.status, result.code) == (Status.WARN, "newer")


def test_scribe_doctor_reports_the_history(tmp_path: Path) -> None:
    """``scribe doctor --json`` in its own process on this machine (no keychain here): the
    history row says it is stored unencrypted because there is no keychain."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "transcription": {"backend": "fake"},
                "notes": {"preset": "fake"},
                "audio": {"device": "No Such Microphone"},
            }
        ),
        encoding="utf-8",
    )
    _history(home / "data", no_keychain(), unencrypted=True, count=2)
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        SCRIBE_HOME=str(home),
        PYTHON_KEYRING_BACKEND=("keyring.backends.fail.Keyring"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "doctor", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    rows = {r["check"]: r for r in map(json.loads, done.stdout.splitlines()) if r}
    assert rows["database"]["status"] == "warn", done.stdout + done.stderr
    assert rows["database"]["code"] == "unencrypted"
    assert "(2 consultation(s)) is stored unencrypted" in rows["database"]["detail"]
    assert "because there is no keychain" in rows["database"]["detail"]
