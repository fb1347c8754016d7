"""Encryption at rest: AES-256-GCM (``cryptography``) with a key kept in the OS keychain.

One master key per installation, stored base64 under ``desktop.secrets.STORE_KEY``. Sub-keys are
derived with HKDF-SHA256 for each purpose (database rows; each audio file gets its own from a
random per-file salt), and every sealed message uses a fresh random 96-bit nonce.

Sealed value layout: ``b"\\x01" + nonce(12) + ciphertext + tag(16)``; plain (encryption off):
``b"\\x00" + utf-8 bytes``. The associated data binds a value to its row, so a ciphertext copied
into another row does not decrypt.

Pure functions and immutable objects: safe from any thread.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.errors import ScribeError
from desktop.secrets import STORE_KEY, Secrets, SecretStoreUnavailable

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
PLAIN = b"\x00"
SEALED = b"\x01"


class StoreKeyError(ScribeError):
    """Encrypted data cannot be read: the key is missing or wrong, or the data was altered."""


class DamagedRecord(StoreKeyError):
    """A stored value is neither plain UTF-8 text nor a sealed message: the file was altered."""


DAMAGED_RECORD = "A stored record is damaged and cannot be read."


def derive_key(master: bytes, *, purpose: bytes, salt: bytes = b"") -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt or None, info=purpose)
    return hkdf.derive(master)


@dataclass(frozen=True)
class KeyStatus:
    """The outcome of fetching (or creating) the master key."""

    key: bytes | None
    reason: str = ""  # why there is no key, one sentence for the doctor ('' when key is set)
    created: bool = False


def load_or_create_key(secrets: Secrets) -> KeyStatus:
    """The master key from the keychain, created on first use. Never raises."""
    try:
        stored = secrets.read_keychain(STORE_KEY)
    except SecretStoreUnavailable as exc:  # insecure, or locked: never make a new key then
        return KeyStatus(None, str(exc))
    if stored:
        try:
            key = base64.b64decode(stored.encode("ascii"), validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            key = b""
        if len(key) == KEY_BYTES:
            return KeyStatus(key)
        log.warning("store key: the keychain entry is malformed (length %d)", len(stored))
        return KeyStatus(None, "The encryption key in the keychain is damaged.")
    key = AESGCM.generate_key(bit_length=KEY_BYTES * 8)
    try:
        secrets.set(STORE_KEY, base64.b64encode(key).decode("ascii"))
    except SecretStoreUnavailable as exc:
        return KeyStatus(None, str(exc))
    log.info("store key: created a new encryption key")
    return KeyStatus(key, created=True)


class RowCipher:
    """Seals and opens text values for the database. ``RowCipher(None)`` stores plain text."""

    def __init__(self, master: bytes | None) -> None:
        self._master = master
        self._aead = AESGCM(derive_key(master, purpose=b"scribe-db-v1")) if master else None

    def file_key(self, salt: bytes) -> bytes | None:
        """A key of its own for one file (audio), from the file's random salt."""
        if self._master is None:
            return None
        return derive_key(self._master, purpose=b"scribe-audio-v1", salt=salt)

    @property
    def encrypting(self) -> bool:
        return self._aead is not None

    def seal(self, text: str, *, aad: str) -> bytes:
        data = text.encode("utf-8")
        if self._aead is None:
            return PLAIN + data
        nonce = os.urandom(NONCE_BYTES)
        return SEALED + nonce + self._aead.encrypt(nonce, data, aad.encode("utf-8"))

    def open(self, blob: bytes, *, aad: str) -> str:
        blob = bytes(blob)
        if blob[:1] == PLAIN:
            try:
                return blob[1:].decode("utf-8")
            except UnicodeDecodeError:
                raise DamagedRecord(DAMAGED_RECORD) from None
        if blob[:1] != SEALED:
            raise DamagedRecord(DAMAGED_RECORD)
        if self._aead is None:
            raise StoreKeyError(
                "This encounter is encrypted and its key is not available in the keychain."
            )
        nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            data = self._aead.decrypt(nonce, body, aad.encode("utf-8"))
        except InvalidTag:
            raise StoreKeyError(
                "A stored record could not be decrypted (wrong key or damaged data)."
            ) from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:  # sealed by us, so only a bug could get here
            raise DamagedRecord(DAMAGED_RECORD) from None
