"""Encrypted recordings: an append-only file of AES-GCM-sealed chunks of ~1 s of 16-bit PCM.

Layout: a 32-byte header (magic, random salt, sample rate, channels, bits), then chunks, each
``u32 length + ciphertext‖tag``. Chunk *i* is sealed with the file's own key (HKDF of the master
key and the salt) and the nonce *i*, with the header and a "last chunk" flag as associated
data: chunks cannot be reordered, altered or moved to another file unnoticed. Each chunk is
written whole and fsynced, so a crash (``kill -9``, power cut) loses at most the audio not yet
sealed (≤ ``chunk_s``); the reader stops at a torn last chunk and reports the file incomplete.

``EncryptedAudioWriter`` has the shape of ``desktop.audio.recorder.WavRecorder`` (the
``desktop.audio.base.Recorder`` protocol: ``path``, ``write(block)``, ``close()``) and raises the
same ``AudioStorageError`` family. Threads: one thread (the capture worker) calls ``write`` and
``close``; ``read_encrypted_audio`` from any thread.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.audio.base import AudioFileError
from desktop.audio.errors import AudioStorageError, DiskFull
from desktop.audio.recorder import storage_error
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.store.crypto import RowCipher

log = logging.getLogger(__name__)

MAGIC = b"SCRAUD1\x00"
SALT_BYTES = 16
HEADER = struct.Struct("<8s16sIHH")  # magic, salt, rate, channels, bits: 32 bytes
LENGTH = struct.Struct("<I")
TAG_BYTES = 16
MIN_FREE_WHILE_RECORDING = 5 * 1024 * 1024


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _aad(header: bytes, last: bool) -> bytes:
    return header + (b"\x01" if last else b"\x00")


class EncryptedAudioWriter:
    """Appends 16 kHz mono audio to ``path`` (a new file), encrypted, crash-safe."""

    def __init__(
        self,
        *,
        path: Path,
        cipher: RowCipher,
        chunk_s: float = 1.0,
        space_check_every_s: float = 10.0,
        disk_usage: Callable[[Path], Any] = shutil.disk_usage,
    ) -> None:
        salt = os.urandom(SALT_BYTES)
        key = cipher.file_key(salt)
        if key is None:
            raise AudioStorageError("Recordings cannot be encrypted: no key is available.")
        self.path = path
        self._aead = AESGCM(key)
        self._header = HEADER.pack(MAGIC, salt, SAMPLE_RATE, 1, 16)
        self._chunk_bytes = max(2, int(chunk_s * SAMPLE_RATE) * 2)
        self._space_every = int(space_check_every_s * SAMPLE_RATE) * 2
        self._disk_usage = disk_usage
        self._pending = bytearray()
        self._index = 0
        self._pcm_bytes = 0
        self._since_space_check = 0
        self._closed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            self._file = os.fdopen(fd, "wb", buffering=0)
        except OSError as exc:
            raise storage_error(exc, path) from exc
        self._append(self._header)

    @property
    def frames(self) -> int:
        return self._pcm_bytes // 2

    @property
    def seconds(self) -> float:
        return self.frames / SAMPLE_RATE

    def _append(self, data: bytes) -> None:
        try:
            view = memoryview(data)
            while view:
                written = self._file.write(view)
                if not written:
                    raise OSError(errno.EIO, "short write")
                view = view[written:]
            os.fsync(self._file.fileno())
        except OSError as exc:
            self._abandon()
            raise storage_error(exc, self.path) from exc

    def _seal(self, pcm: bytes, *, last: bool) -> None:
        body = self._aead.encrypt(_nonce(self._index), pcm, _aad(self._header, last))
        self._index += 1
        self._append(LENGTH.pack(len(body)) + body)

    def write(self, block: Audio) -> None:
        """Append samples in [-1, 1]; each full chunk is sealed and reaches the disk at once."""
        if self._closed:
            raise AudioStorageError("The recording is already closed.")
        pcm = (np.clip(block, -1.0, 1.0) * 32767.0).round().astype("<i2").tobytes()
        self._pending += pcm
        self._pcm_bytes += len(pcm)
        self._since_space_check += len(pcm)
        while len(self._pending) >= self._chunk_bytes:
            chunk = bytes(self._pending[: self._chunk_bytes])
            del self._pending[: self._chunk_bytes]
            self._seal(chunk, last=False)
        if self._since_space_check >= self._space_every:
            self._since_space_check = 0
            if self._disk_usage(self.path.parent).free < MIN_FREE_WHILE_RECORDING:
                self.close()
                raise DiskFull(
                    "The disk is almost full: recording stopped, and everything until now is saved."
                )

    def _abandon(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._file.close()

    def close(self) -> None:
        """Seal what is buffered as the last chunk and close (idempotent)."""
        if self._closed:
            return
        self._seal(bytes(self._pending), last=True)
        self._pending.clear()
        self._closed = True
        self._file.close()
        log.info("audio crypt: closed, %.1f s in %d chunks", self.seconds, self._index)

    def __enter__(self) -> EncryptedAudioWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_encrypted_audio(path: Path) -> bool:
    """True when the file starts like one of ours (whatever its name); False if unreadable."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


@dataclass(frozen=True)
class DecryptedAudio:
    samples: Audio  # float32 mono at 16 kHz
    complete: bool  # False: the recording was interrupted (crash) before ``close``


def read_encrypted_audio(path: Path, *, cipher: RowCipher) -> DecryptedAudio:
    """Decrypt a recording, also one cut short by a crash (a torn last chunk is dropped)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AudioFileError(f"The recording {path.name} could not be read.") from exc
    if len(raw) < HEADER.size or raw[:8] != MAGIC:
        raise AudioFileError(f"The file {path.name} is not an encrypted Scribe recording.")
    header = raw[: HEADER.size]
    _magic, salt, rate, channels, bits = HEADER.unpack(header)
    key = cipher.file_key(salt)
    if key is None or (rate, channels, bits) != (SAMPLE_RATE, 1, 16):
        raise AudioFileError(f"The recording {path.name} cannot be decrypted without its key.")
    aead, parts, pos, index, complete = AESGCM(key), [], HEADER.size, 0, False
    while pos + LENGTH.size <= len(raw) and not complete:
        (length,) = LENGTH.unpack_from(raw, pos)
        body = raw[pos + LENGTH.size : pos + LENGTH.size + length]
        if length < TAG_BYTES or len(body) < length:
            break  # torn by a crash mid-write: everything before it is whole
        for last in (False, True):
            try:
                parts.append(aead.decrypt(_nonce(index), body, _aad(header, last)))
                complete = last
                break
            except InvalidTag:
                continue
        else:
            raise AudioFileError(
                f"The recording {path.name} could not be decrypted (wrong key or damaged file)."
            )
        pos, index = pos + LENGTH.size + length, index + 1
    pcm = np.frombuffer(b"".join(parts), dtype="<i2")
    return DecryptedAudio((pcm.astype(np.float32) / 32768.0).astype(np.float32), complete)
