"""Audio files: decode any common format to 16 kHz mono, and replay one as a live source.

Threads: ``FileSource.blocks`` runs on the caller's (worker) thread; ``stop`` from any thread.
"""

from __future__ import annotations

import logging
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.audio.base import AudioFileError
from desktop.cancel import CancelToken
from desktop.pcm import SAMPLE_RATE, Audio

log = logging.getLogger(__name__)

BLOCK_S = 0.1
MIN_AUDIO_S = 0.1  # less audio than this (a truncated file's remains) holds no word
_HEADER_BYTES = 1 << 16  # a WAV's chunks before its data (fmt, LIST, fact...) fit in this


@dataclass(frozen=True)
class Shortfall:
    declared_s: float  # what the WAV header announces
    present_s: float  # what the file holds


@dataclass(frozen=True)
class AudioRead:
    """The audio of a file, and one sentence when the file is damaged but partly readable."""

    audio: Audio
    damage: str = ""  # "" for a whole file
    shortfall: Shortfall | None = None


def read_audio(path: Path) -> Audio:
    """Decode any format FFmpeg reads (WAV, MP3, M4A, OGG, FLAC...) to 16 kHz mono float32."""
    read = load_audio(path)
    if read.shortfall is not None:  # figures only: a file name may name the patient
        log.warning(
            "audio file truncated: header %.1f s, read %.1f s",
            read.shortfall.declared_s,
            len(read.audio) / SAMPLE_RATE,
        )
    return read.audio


def load_audio(path: Path) -> AudioRead:
    """``read_audio``, also saying when a WAV holds less audio than its header announces (cut
    short by a copy or a crash): what is there is returned, with a sentence saying so; an
    ``AudioFileError`` when too little is left to hold a word."""
    if not path.exists():
        raise AudioFileError(f"The audio file {path} does not exist.")
    if not path.is_file():
        raise AudioFileError(f"{path} is not a file.")
    from faster_whisper.audio import decode_audio  # PyAV inside; slow import, so import late

    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many types (InvalidDataError, ValueError, OSError...)
        raise AudioFileError(
            f"The file {path.name} could not be read as audio (damaged or not an audio file)."
        ) from exc
    short = wav_shortfall(path)
    seconds = samples.size / SAMPLE_RATE
    if short is not None and seconds < MIN_AUDIO_S:
        raise AudioFileError(
            f"The file {path.name} is truncated or damaged: its header announces "
            f"{short.declared_s:.1f} s of audio but it holds {seconds:.2f} s, too little to "
            "transcribe."
        )
    if samples.size == 0:
        raise AudioFileError(f"The file {path.name} holds no audio.")
    damage = ""
    if short is not None:
        damage = (
            f"The file {path.name} is truncated or damaged: its header announces "
            f"{short.declared_s:.1f} s of audio but it holds only {seconds:.1f} s; "
            "transcribing what is there."
        )
    return AudioRead(samples.astype(np.float32, copy=False), damage, short)


def wav_shortfall(path: Path) -> Shortfall | None:
    """For a WAV file whose data chunk is shorter than its header says, both durations; None
    for a whole WAV, a header still being written (size 0 or 0xFFFFFFFF), or another format."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEADER_BYTES)
        size = path.stat().st_size
    except OSError:
        return None
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, byte_rate, block = 12, 0, 1
    while pos + 8 <= len(head):
        tag, length = head[pos : pos + 4], struct.unpack("<I", head[pos + 4 : pos + 8])[0]
        if tag == b"fmt " and pos + 24 <= len(head):
            _fmt, _channels, _rate, byte_rate, block, _bits = struct.unpack(
                "<HHIIHH", head[pos + 8 : pos + 24]
            )
        elif tag == b"data":
            present = size - (pos + 8)
            if length in (0, 0xFFFFFFFF) or byte_rate <= 0 or present >= length - max(block, 1):
                return None
            return Shortfall(length / byte_rate, max(present, 0) / byte_rate)
        pos += 8 + length + (length & 1)
    return None


class FileSource:
    """Replays audio as if it came from a microphone, at ``speed`` × real time (0 = no pacing)."""

    def __init__(self, *, audio: Audio, speed: float = 1.0, description: str = "file") -> None:
        self.description = description
        self._audio = audio
        self._speed = speed
        self._stopped = threading.Event()
        self.paused = False

    @classmethod
    def from_path(cls, path: Path, *, speed: float = 1.0) -> FileSource:
        return cls(audio=read_audio(path), speed=speed, description=path.name)

    def stop(self) -> None:
        self._stopped.set()

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def blocks(self, cancel: CancelToken) -> Iterator[Audio]:
        step = int(BLOCK_S * SAMPLE_RATE)
        start = time.monotonic()
        for offset in range(0, len(self._audio), step):
            if self._stopped.is_set() or cancel.is_cancelled():
                return
            if self._speed > 0:
                due = start + min(offset + step, len(self._audio)) / SAMPLE_RATE / self._speed
                delay = due - time.monotonic()
                if delay > 0 and cancel.wait(delay):
                    return
            yield self._audio[offset : offset + step]
