"""Encryption at rest of the database rows: nothing readable on disk, values bound to their row,
a wrong key or altered bytes refused with a clear error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring.errors
import pytest

from desktop.asr.base import Segment
from desktop.secrets import STORE_KEY
from desktop.store import StoreKeyError
from desktop.store.crypto import RowCipher, load_or_create_key
from tests.support.memory_keyring import MemoryKeyring
from tests.unit.test_store_support import T0, files_bytes, no_keychain, open_at, secure_secrets

TRANSCRIPT = "the patient reports crushing retrosternal pain radiating to the jaw"
NOTE = "Impression: suspected unstable angina, refer to cardiology today"
WORDS = ["retrosternal", "crushing", "angina", "cardiology"]


def test_files_on_disk_hold_no_plaintext_when_encrypted(tmp_path: Path) -> None:
    result = open_at(tmp_path)
    store = result.store
    assert store is not None and result.encrypted
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.append_segments("e1", [Segment(0, 3, TRANSCRIPT)])
    store.save_document("e1", "soap", NOTE)
    store.save_document("e1", "soap", NOTE + " (edited)", new_version=True)
    on_disk = files_bytes(tmp_path)  # the WAL as written, before any checkpoint
    store.close()
    on_disk += files_bytes(tmp_path)  # and the database after the checkpoint
    assert len(on_disk) > 4096
    for word in WORDS:
        assert word.encode() not in on_disk
        assert word.encode("utf-16-le") not in on_disk
    reopened = open_at(tmp_path, secrets=None)  # a new keychain cannot read it...
    assert reopened.store is not None and reopened.set_aside is not None


def test_sealed_value_is_bound_to_its_row() -> None:
    cipher = RowCipher(b"k" * 32)
    sealed = cipher.seal(TRANSCRIPT, aad="seg:e1")
    assert cipher.open(sealed, aad="seg:e1") == TRANSCRIPT
    with pytest.raises(StoreKeyError):
        cipher.open(sealed, aad="seg:e2")
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(StoreKeyError) as info:
        cipher.open(bytes(tampered), aad="seg:e1")
    assert TRANSCRIPT not in str(info.value)
    with pytest.raises(StoreKeyError):
        RowCipher(b"j" * 32).open(sealed, aad="seg:e1")
    with pytest.raises(StoreKeyError):
        RowCipher(None).open(sealed, aad="seg:e1")
    with pytest.raises(StoreKeyError):
        cipher.open(b"\x07garbage", aad="seg:e1")
    assert cipher.seal(TRANSCRIPT, aad="x") != cipher.seal(TRANSCRIPT, aad="x")  # fresh nonces


def test_plain_cipher_stores_readable_text() -> None:
    plain = RowCipher(None)
    assert not plain.encrypting
    assert plain.open(plain.seal(NOTE, aad="a"), aad="b") == NOTE


def test_row_moved_to_another_encounter_does_not_decrypt(tmp_path: Path) -> None:
    store = open_at(tmp_path).store
    assert store is not None
    for eid in ("e1", "e2"):
        store.create(encounter_id=eid, started_at=T0, language="en", audio_path=None)
    store.append_segments("e1", [Segment(0, 3, TRANSCRIPT)])
    conn = sqlite3.connect(tmp_path / "scribe.db", isolation_level=None)
    conn.execute("UPDATE segments SET encounter_id = 'e2'")
    conn.close()
    with pytest.raises(StoreKeyError):
        store.load("e2")


def test_no_key_without_a_secure_keychain() -> None:
    status = load_or_create_key(no_keychain())
    assert status.key is None and "keychain" in status.reason and not status.created
    fresh = load_or_create_key(secrets := secure_secrets())
    assert fresh.key is not None and len(fresh.key) == 32 and fresh.created
    again = load_or_create_key(secrets)
    assert again.key == fresh.key and not again.created


class ReadLockedKeyring(MemoryKeyring):
    """A keychain whose reads fail (locked) while writes would still go through."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("locked")


def test_a_keychain_that_cannot_be_read_never_gets_a_new_key(tmp_path: Path) -> None:
    ring = ReadLockedKeyring()
    ring.set_password("Scribe", STORE_KEY, "existing-key-must-survive")
    status = load_or_create_key(secure_secrets(ring))
    assert status.key is None and "could not be read" in status.reason
    assert ring.stored()[("Scribe", STORE_KEY)] == "existing-key-must-survive"
    result = open_at(tmp_path, secrets=secure_secrets(ring))
    assert result.store is None and result.encryption_unavailable


def test_a_plain_row_with_bad_utf8_is_a_clear_error_and_the_history_still_lists(
    tmp_path: Path,
) -> None:
    """Stored unencrypted (no keychain), a segment's bytes altered on disk into invalid UTF-8:
    it raised a raw UnicodeDecodeError from the history list and from opening the encounter."""
    from desktop.store.crypto import DamagedRecord

    store = open_at(tmp_path, secrets=no_keychain(), allow_unencrypted=True).store
    assert store is not None
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=None)
    store.append_segments("e1", [Segment(0, 2, "wheezing since spring")])
    store.close()
    conn = sqlite3.connect(tmp_path / "scribe.db")
    conn.execute("UPDATE segments SET text = X'00C3FF28E9'")  # plain marker + broken UTF-8
    conn.commit()
    conn.close()
    store = open_at(tmp_path, secrets=no_keychain(), allow_unencrypted=True).store
    assert store is not None
    (summary,) = store.list_recent()
    assert summary.id == "e1" and summary.first_words == ""
    with pytest.raises(DamagedRecord, match="A stored record is damaged and cannot be read"):
        store.load("e1")
    assert RowCipher(None).open(b"\x00ok", aad="x") == "ok"
