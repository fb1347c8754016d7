"""What every audio source provides: 16 kHz mono float32 blocks, until stopped and drained."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from desktop.cancel import CancelToken
from desktop.errors import ScribeError
from desktop.pcm import Audio


class AudioSource(Protocol):
    """A stream of audio. Threads: ``blocks`` runs on one worker thread; ``stop`` from any thread.

    ``blocks`` yields float32 mono 16 kHz arrays until ``stop`` is called (or the source ends),
    then yields whatever is still queued and returns: nothing captured is dropped.
    """

    description: str
    paused: bool  # while True the capture pump neither records nor transcribes

    def blocks(self, cancel: CancelToken) -> Iterator[Audio]: ...

    def stop(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...


class AudioError(ScribeError):
    """Audio could not be captured, read or written."""


class AudioFileError(AudioError):
    """An audio file is missing, unreadable or holds no audio."""


class MicrophoneError(AudioError):
    """No usable microphone, or it failed while recording."""


class Recorder(Protocol):
    """Writes an encounter's audio to disk as it is captured (crash-safe); ``close`` finalises."""

    path: Path

    def write(self, block: Audio) -> None: ...

    def close(self) -> None: ...
