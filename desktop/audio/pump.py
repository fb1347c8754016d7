"""The capture loop: source → recorder (disk) and → the live transcriber's feed, with status.

Threads: ``capture`` is a generator run by one worker thread (``desktop.session.workers``). It reads
the source's blocks, writes each to the recorder, puts it on ``feed`` (an unbounded queue read
by ``LiveTranscription.run`` on another worker thread; ``None`` marks the end) and yields a
``CaptureStatus`` about 10 times a second. Stop = ``source.stop()`` from any thread: the source
drains, the recorder is finalised, ``None`` goes on the feed and the generator returns a
``CaptureSummary``. Pause = the source's ``paused`` flag: paused audio is neither recorded nor
transcribed (the meter keeps moving).

Faults: whatever happens (microphone lost, disk full, cancel, a bug), everything captured until
then is on disk and on the feed, the recorder is closed and ``None`` is put on the feed; an
``AudioError`` is then re-raised for the controller to show.
"""

from __future__ import annotations

import logging
import math
import queue
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop.audio.base import AudioError, AudioSource, Recorder
from desktop.audio.errors import AudioStorageError
from desktop.cancel import CancelToken
from desktop.notices import Notice
from desktop.pcm import SAMPLE_RATE, Audio

log = logging.getLogger(__name__)

NO_SIGNAL_AFTER_S = 5.0
SILENCE_DBFS = -60.0  # a block quieter than this (RMS) counts as "no signal"
METER_FLOOR_DBFS = -60.0


@dataclass(frozen=True, kw_only=True)
class CaptureStatus:
    seconds: float  # audio recorded so far (paused stretches excluded)
    level: float  # meter position 0..1 for the last ~0.1 s: -60 dBFS → 0, 0 dBFS → 1
    overflows: int  # input overflows reported by the device so far
    silence_s: float  # seconds of continuous silence while recording (0 while paused)
    paused: bool
    notice: Notice | None = None  # from the source, e.g. it fell back to the default mic

    @property
    def no_signal(self) -> bool:
        """True when the "no signal" hint should show (muted mic, wrong device)."""
        return self.silence_s >= NO_SIGNAL_AFTER_S


@dataclass(frozen=True, kw_only=True)
class CaptureSummary:
    path: Path
    seconds: float
    frames: int  # 16 kHz samples recorded
    overflows: int


def rms_dbfs(block: Audio) -> float:
    if block.size == 0:
        return -math.inf
    power = float(np.mean(np.square(block, dtype=np.float64)))
    return 10.0 * math.log10(power) if power > 0 else -math.inf


class _Tally:
    """Counts what went through; writes and feeds each block. Capture-worker thread only."""

    def __init__(self, recorder: Recorder, feed: queue.Queue[Any], limit_s: float | None) -> None:
        self.recorder = recorder
        self.feed = feed
        self.limit = None if limit_s is None else round(limit_s * SAMPLE_RATE)
        self.frames = 0
        self.silence_frames = 0
        self.level_db = -math.inf
        self.recorder_ok = True

    def take(self, block: Audio, *, paused: bool) -> bool:
        """Record and feed ``block``; False once the limit is reached."""
        self.level_db = max(self.level_db, rms_dbfs(block))
        if paused:
            self.silence_frames = 0
            return True
        if self.limit is not None:
            block = block[: max(0, self.limit - self.frames)]
        if block.size == 0:
            return False
        quiet = rms_dbfs(block) < SILENCE_DBFS
        self.silence_frames = self.silence_frames + block.size if quiet else 0
        self.frames += block.size
        self.feed.put(block)
        if self.recorder_ok:
            try:
                self.recorder.write(block)
            except AudioStorageError:
                self.recorder_ok = False
                raise
        return self.limit is None or self.frames < self.limit

    def status(self, source: AudioSource) -> CaptureStatus:
        level = 0.0
        if self.level_db > METER_FLOOR_DBFS:
            level = min(1.0, 1.0 - self.level_db / METER_FLOOR_DBFS)
        self.level_db = -math.inf
        notice = getattr(source, "notice", None)
        return CaptureStatus(
            seconds=self.frames / SAMPLE_RATE,
            level=level,
            overflows=int(getattr(source, "overflows", 0)),
            silence_s=self.silence_frames / SAMPLE_RATE,
            paused=bool(getattr(source, "paused", False)),
            notice=notice if isinstance(notice, Notice) else None,
        )


def _drain(blocks: Iterator[Audio], source: AudioSource, tally: _Tally) -> AudioError | None:
    """After a stop or a fault: take what the source still holds (it is already stopping)."""
    try:
        for block in blocks:
            try:
                tally.take(block, paused=bool(getattr(source, "paused", False)))
            except AudioStorageError:
                continue  # the feed still got the block
    except AudioError as exc:
        return exc
    return None


def capture(
    *,
    source: AudioSource,
    recorder: Recorder,
    feed: queue.Queue[Any],
    cancel: CancelToken,
    limit_s: float | None = None,
    status_every_s: float = 0.1,
    clock: Callable[[], float] = time.monotonic,
) -> Generator[CaptureStatus, None, CaptureSummary]:
    """Run the capture until the source stops (or ``limit_s`` seconds are recorded)."""
    cancel.on_cancel(source.stop)
    tally = _Tally(recorder, feed, limit_s)
    blocks = source.blocks(cancel)
    failure: AudioError | None = None
    last = clock()
    try:
        for block in blocks:
            if not tally.take(block, paused=bool(getattr(source, "paused", False))):
                source.stop()
            if clock() - last >= status_every_s:
                last = clock()
                yield tally.status(source)
    except AudioError as exc:
        log.warning("capture: %s after %.1f s", type(exc).__name__, tally.frames / SAMPLE_RATE)
        failure = exc
    finally:
        source.stop()
        failure = _drain(blocks, source, tally) or failure
        try:
            recorder.close()
        finally:
            feed.put(None)
    if failure is not None:
        raise failure
    yield tally.status(source)
    log.info("capture: stopped after %.1f s", tally.frames / SAMPLE_RATE)
    return CaptureSummary(
        path=recorder.path,
        seconds=tally.frames / SAMPLE_RATE,
        frames=tally.frames,
        overflows=int(getattr(source, "overflows", 0)),
    )
