"""Audio files: decode any common format to 16 kHz mono, and replay one as a live source.

Threads: ``FileSource.blocks`` runs on the caller's (worker) thread; ``stop`` from any thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from desktop.audio.base import AudioFileError
from desktop.cancel import CancelToken
from desktop.pcm import SAMPLE_RATE, Audio

BLOCK_S = 0.1


def read_audio(path: Path) -> Audio:
    """Decode any format FFmpeg reads (WAV, MP3, M4A, OGG, FLAC...) to 16 kHz mono float32."""
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
    if samples.size == 0:
        raise AudioFileError(f"The file {path.name} holds no audio.")
    return samples.astype(np.float32, copy=False)


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
