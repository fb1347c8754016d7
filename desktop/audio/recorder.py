"""The encounter's audio on disk: a 16 kHz mono 16-bit WAV written as it is captured.

Crash safety: every block goes straight to the OS (unbuffered writes), and about once a second
the data is fsynced, the RIFF and data sizes in the header are rewritten, and the header is
fsynced too. After ``kill -9`` or a power cut any WAV reader sees the audio up to the last sync
(≤ 1 s old); ``read_wav``/``repair_wav`` recover everything the disk holds past it. ``close``
finalises the header.

Threads: one thread (the capture worker) calls ``write`` and ``close``; ``check_writable`` from
any thread.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from desktop.audio.base import AudioFileError
from desktop.audio.errors import AudioDirNotWritable, AudioStorageError, DiskFull
from desktop.pcm import SAMPLE_RATE, Audio

log = logging.getLogger(__name__)

HEADER_BYTES = 44
BYTES_PER_SECOND = SAMPLE_RATE * 2
MIN_FREE_TO_START = 50 * 1024 * 1024  # ~26 minutes of audio, and room for the database
MIN_FREE_WHILE_RECORDING = 5 * 1024 * 1024
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))

DiskUsage = Callable[[Path], Any]  # shutil.disk_usage: returns an object with ``.free``


class RawFile(Protocol):
    """What the recorder needs of an open file (``open(path, "xb", buffering=0)`` gives one)."""

    def write(self, data: bytes | memoryview, /) -> int | None: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...

    def fileno(self) -> int: ...

    def close(self) -> None: ...


def _open_raw(path: Path) -> RawFile:
    return open(path, "xb", buffering=0)


def wav_header(data_bytes: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + data_bytes, b"WAVE",
        b"fmt ", 16, 1, 1, SAMPLE_RATE, BYTES_PER_SECOND, 2, 16,
        b"data", data_bytes,
    )  # fmt: skip


def _free_mb(usage: Any) -> int:
    return int(usage.free // (1024 * 1024))


def check_writable(
    directory: Path,
    *,
    min_free_bytes: int = MIN_FREE_TO_START,
    disk_usage: DiskUsage = shutil.disk_usage,
) -> None:
    """Raise ``AudioDirNotWritable`` or ``DiskFull`` unless a recording can start in
    ``directory`` (created if needed)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        log.warning("recorder: audio dir not writable (%s)", errno.errorcode.get(exc.errno or 0))
        if exc.errno in _FULL:
            raise DiskFull(f"The disk holding {directory} is full: free some space.") from exc
        raise AudioDirNotWritable(
            f"Recordings cannot be saved because the folder {directory} is not writable."
        ) from exc
    usage = disk_usage(directory)
    if usage.free < min_free_bytes:
        raise DiskFull(
            f"There is not enough free disk space to record ({_free_mb(usage)} MB free, "
            f"{min_free_bytes // (1024 * 1024)} MB needed)."
        )


def storage_error(exc: OSError, path: Path) -> AudioStorageError:
    """The audio error for an OS error while writing ``path`` (shared by every recorder)."""
    if exc.errno in _FULL:
        return DiskFull("The disk is full: recording stopped, and everything until now is saved.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return AudioDirNotWritable(
            f"Recordings cannot be saved because the folder {path.parent} is not writable."
        )
    return AudioStorageError(
        f"The recording could not be written to {path.parent}; everything until now is saved."
    )


class WavRecorder:
    """Appends 16 kHz mono audio to ``path`` (a new file) as 16-bit PCM, crash-safe."""

    def __init__(
        self,
        *,
        path: Path,
        sync_every_s: float = 0.9,
        min_free_to_start: int = MIN_FREE_TO_START,
        min_free_while_recording: int = MIN_FREE_WHILE_RECORDING,
        space_check_every_s: float = 10.0,
        opener: Callable[[Path], RawFile] = _open_raw,
        disk_usage: DiskUsage = shutil.disk_usage,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self._sync_every_s = sync_every_s
        self._min_free = min_free_while_recording
        self._space_every_s = space_check_every_s
        self._disk_usage = disk_usage
        self._clock = clock
        self._file_bytes = 0
        self._synced_bytes = -1
        self._closed = False
        self._failed = False
        check_writable(path.parent, min_free_bytes=min_free_to_start, disk_usage=disk_usage)
        try:
            self._file = opener(path)
        except OSError as exc:
            raise storage_error(exc, path) from exc
        try:
            self._write_all(wav_header(0))
            os.fsync(self._file.fileno())
        except OSError as exc:
            self._file.close()
            raise storage_error(exc, path) from exc
        self._synced_bytes = 0
        self._last_sync = self._last_space_check = clock()

    @property
    def frames(self) -> int:
        return max(0, self._file_bytes - HEADER_BYTES) // 2

    @property
    def seconds(self) -> float:
        return self.frames / SAMPLE_RATE

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self._file.write(view)
            if written is None or written <= 0:  # non-blocking raw file with nothing written
                raise OSError(errno.EIO, "short write")
            self._file_bytes += written
            view = view[written:]

    def write(self, block: Audio) -> None:
        """Append samples in [-1, 1]; raises DiskFull/AudioStorageError (the file then keeps
        everything written before)."""
        if self._closed or self._failed:
            raise AudioStorageError("The recording is already closed.")
        pcm = (np.clip(block, -1.0, 1.0) * 32767.0).round().astype("<i2").tobytes()
        try:
            self._write_all(pcm)
            now = self._clock()
            if now - self._last_sync >= self._sync_every_s:
                self._sync()
            if now - self._last_space_check >= self._space_every_s:
                self._last_space_check = now
                self._check_space()
        except OSError as exc:
            self._fail()
            raise storage_error(exc, self.path) from exc
        except DiskFull:
            self._fail()
            raise

    def _check_space(self) -> None:
        usage = self._disk_usage(self.path.parent)
        if usage.free < self._min_free:
            log.warning("recorder: %d MB free, stopping", _free_mb(usage))
            raise DiskFull(
                "The disk is almost full: recording stopped, and everything until now is saved."
            )

    def _sync(self) -> None:
        """Data to disk, then a header that covers it, then the header to disk."""
        data_bytes = self._file_bytes - HEADER_BYTES
        data_bytes -= data_bytes % 2
        fd = self._file.fileno()
        os.fsync(fd)
        if data_bytes != self._synced_bytes:
            header = wav_header(data_bytes)
            self._file.seek(4)
            self._file.write(header[4:8])
            self._file.seek(40)
            self._file.write(header[40:44])
            self._file.seek(0, os.SEEK_END)
            os.fsync(fd)
            self._synced_bytes = data_bytes
        self._last_sync = self._clock()

    def _fail(self) -> None:
        """After a write error: make the header cover what did reach the file, then close."""
        self._failed = True
        self._file_bytes = HEADER_BYTES + 2 * (
            max(0, os.fstat(self._file.fileno()).st_size - HEADER_BYTES) // 2
        )
        self.close()

    def close(self) -> None:
        """Finalise the header and close (idempotent)."""
        if self._closed:
            return
        self._closed = True
        try:
            self._sync()
        except OSError as exc:
            log.warning("recorder: final sync failed (%s)", errno.errorcode.get(exc.errno or 0))
        finally:
            try:
                self._file.close()
            except OSError as exc:
                log.warning("recorder: close failed (%s)", errno.errorcode.get(exc.errno or 0))
        log.info("recorder: closed, %.1f s", self.seconds)

    def __enter__(self) -> WavRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _data_chunk(raw: bytes, path: Path) -> tuple[int, int, int, int]:
    """(offset, length, channels, sample width) of the data chunk, its length bounded by the
    bytes actually present (a stale header after a crash may say less — or more)."""
    if len(raw) < 12 or raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        raise AudioFileError(f"The file {path.name} is not a WAV recording.")
    pos, fmt = 12, None
    while pos + 8 <= len(raw):
        tag, size = raw[pos : pos + 4], struct.unpack("<I", raw[pos + 4 : pos + 8])[0]
        if tag == b"fmt ":
            fmt = struct.unpack("<HHIIHH", raw[pos + 8 : pos + 24])
        elif tag == b"data":
            if fmt is None or fmt[0] != 1 or fmt[5] != 16:
                break
            body = len(raw) - (pos + 8)
            width = 2 * fmt[1]
            return pos + 8, body - body % width, fmt[1], fmt[2]
        pos += 8 + size + (size & 1)
    raise AudioFileError(f"The file {path.name} is not a 16-bit PCM WAV recording.")


def read_wav(path: Path) -> Audio:
    """Read a recording written by ``WavRecorder`` — also one whose header is stale after a
    crash — as float32 mono at its own rate (16 kHz for ours). Uses every whole sample present."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AudioFileError(f"The recording {path.name} could not be read.") from exc
    offset, length, channels, _rate = _data_chunk(raw, path)
    samples = np.frombuffer(raw, dtype="<i2", count=length // 2, offset=offset)
    audio = samples.astype(np.float32) / 32768.0
    if channels > 1:
        audio = audio.reshape(-1, channels).mean(axis=1)
    return audio.astype(np.float32, copy=False)


def repair_wav(path: Path) -> float:
    """Rewrite the header sizes of a recording interrupted by a crash so that every reader sees
    all the audio the file holds; return its duration in seconds."""
    try:
        with open(path, "r+b") as fh:
            raw = fh.read()
            offset, length, channels, rate = _data_chunk(raw, path)
            fh.seek(4)
            fh.write(struct.pack("<I", offset + length - 8))
            fh.seek(offset - 4)
            fh.write(struct.pack("<I", length))
            fh.truncate(offset + length)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise AudioFileError(f"The recording {path.name} could not be repaired.") from exc
    return length / (2 * channels) / rate
