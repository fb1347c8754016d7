"""The capture pump: disk + feed + status, pause, limits, and every fault keeping the audio."""

from __future__ import annotations

import errno
import io
import itertools
import queue
import wave
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from desktop.audio.capture import MicrophoneSource
from desktop.audio.errors import DiskFull, MicrophoneLost, NoMicrophone
from desktop.audio.pump import NO_SIGNAL_AFTER_S, CaptureStatus, CaptureSummary, capture
from desktop.audio.recorder import HEADER_BYTES, WavRecorder, read_wav
from desktop.cancel import CancelToken
from desktop.notices import MICROPHONE_NOT_FOUND, Notice
from tests.support.fake_sounddevice import FakeSoundDevice, device

BLOCK = 1_600
FELL_BACK = Notice(MICROPHONE_NOT_FOUND, "fell back", ("USB", "default"))


class ListSource:
    """An AudioSource over a list of blocks; ``pause_at``/``resume_at`` flip ``paused`` as the
    pump reaches those block indexes (as the GUI thread would)."""

    def __init__(self, blocks: list[np.ndarray], *, pause_at: int = -1, resume_at: int = -1):
        self.description = "list"
        self._blocks = blocks
        self._pause_at, self._resume_at = pause_at, resume_at
        self.paused = False
        self.overflows = 3
        self.notice = FELL_BACK
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def blocks(self, cancel: CancelToken) -> Iterator[np.ndarray]:
        for i, block in enumerate(self._blocks):
            if i == self._pause_at:
                self.paused = True
            if i == self._resume_at:
                self.paused = False
            yield block


def _tone(n: int, amp: float = 0.1, start: int = 0) -> np.ndarray:
    t = np.arange(start, start + n) / 16_000
    return (amp * np.sin(2 * np.pi * 300 * t)).astype(np.float32)


def _run(gen: Any) -> tuple[list[CaptureStatus], CaptureSummary]:
    statuses = []
    while True:
        try:
            statuses.append(next(gen))
        except StopIteration as stop:
            return statuses, stop.value


def _drain(feed: queue.Queue[Any]) -> list[Any]:
    items = []
    while not feed.empty():
        items.append(feed.get_nowait())
    return items


def _ticking(step: float = 0.05) -> Any:
    ticks = itertools.count(0.0, step)
    return lambda: next(ticks)


def test_every_block_goes_to_disk_and_to_the_feed_then_none(tmp_path: Path) -> None:
    blocks = [_tone(BLOCK, start=i * BLOCK) for i in range(30)]
    feed: queue.Queue[Any] = queue.Queue()
    recorder = WavRecorder(path=tmp_path / "a.wav")
    statuses, summary = _run(
        capture(
            source=ListSource(blocks),
            recorder=recorder,
            feed=feed,
            cancel=CancelToken(),
            clock=_ticking(),
        )
    )
    fed = _drain(feed)
    assert fed[-1] is None
    np.testing.assert_array_equal(np.concatenate(fed[:-1]), np.concatenate(blocks))
    assert summary == CaptureSummary(
        path=tmp_path / "a.wav", seconds=3.0, frames=48_000, overflows=3
    )
    np.testing.assert_allclose(read_wav(tmp_path / "a.wav"), np.concatenate(blocks), atol=1e-4)
    # About 10 a second: the clock advances 0.05 s per look, two looks per block.
    assert 10 <= len(statuses) <= 31
    last = statuses[-1]
    assert (last.seconds, last.overflows, last.notice, last.paused) == (3.0, 3, FELL_BACK, False)
    assert 0.5 < last.level < 0.8  # a -23 dBFS tone


def test_paused_audio_is_neither_recorded_nor_transcribed(tmp_path: Path) -> None:
    blocks = [np.full(BLOCK, i / 100, np.float32) for i in range(1, 11)]
    feed: queue.Queue[Any] = queue.Queue()
    source = ListSource(blocks, pause_at=3, resume_at=7)
    gen = capture(
        source=source,
        recorder=WavRecorder(path=tmp_path / "a.wav"),
        feed=feed,
        cancel=CancelToken(),
        status_every_s=0.0,
        clock=_ticking(),
    )
    statuses, summary = _run(gen)
    kept = [b[0] for b in _drain(feed)[:-1]]
    assert kept == pytest.approx([0.01, 0.02, 0.03, 0.08, 0.09, 0.10])
    assert summary.frames == 6 * BLOCK
    assert [s.paused for s in statuses[:10]] == [False] * 3 + [True] * 4 + [False] * 3
    assert statuses[5].seconds == statuses[2].seconds == 0.3
    assert statuses[5].level > 0  # the meter keeps moving while paused
    assert len(read_wav(tmp_path / "a.wav")) == 6 * BLOCK


def test_silence_is_counted_for_the_no_signal_hint_and_reset_by_sound(tmp_path: Path) -> None:
    silent = [np.zeros(BLOCK, np.float32)] * 55 + [_tone(BLOCK)] + [np.zeros(BLOCK, np.float32)]
    gen = capture(
        source=ListSource(silent),
        recorder=WavRecorder(path=tmp_path / "a.wav"),
        feed=queue.Queue(),
        cancel=CancelToken(),
        status_every_s=0.0,
        clock=_ticking(),
    )
    statuses, _ = _run(gen)
    assert statuses[48].silence_s == pytest.approx(4.9)
    assert not statuses[48].no_signal
    assert statuses[54].silence_s == pytest.approx(5.5)
    assert statuses[54].no_signal and statuses[54].level == 0.0
    assert statuses[55].silence_s == 0.0 and statuses[55].level > 0
    assert statuses[56].silence_s == pytest.approx(0.1)
    assert NO_SIGNAL_AFTER_S == 5.0


def test_a_limit_records_exactly_that_much_and_stops_the_source(tmp_path: Path) -> None:
    source = ListSource([_tone(BLOCK)] * 20)
    feed: queue.Queue[Any] = queue.Queue()
    _, summary = _run(
        capture(
            source=source,
            recorder=WavRecorder(path=tmp_path / "a.wav"),
            feed=feed,
            cancel=CancelToken(),
            limit_s=1.25,
        )
    )
    assert summary.frames == 20_000 and source.stopped
    assert sum(len(b) for b in _drain(feed)[:-1]) == 20_000
    with wave.open(str(tmp_path / "a.wav")) as w:
        assert w.getnframes() == 20_000


def test_a_slow_consumer_never_loses_audio(tmp_path: Path) -> None:
    feed: queue.Queue[Any] = queue.Queue()  # nobody reads it while capturing
    blocks = [_tone(BLOCK, start=i * BLOCK) for i in range(600)]  # one minute
    _run(
        capture(
            source=ListSource(blocks),
            recorder=WavRecorder(path=tmp_path / "a.wav"),
            feed=feed,
            cancel=CancelToken(),
        )
    )
    assert feed.qsize() == 601


def _mic(sd: FakeSoundDevice) -> MicrophoneSource:
    source = MicrophoneSource(sd=sd)
    source.open()
    return source


def test_unplugging_mid_recording_keeps_and_feeds_everything_then_reports(
    tmp_path: Path,
) -> None:
    sd = FakeSoundDevice([device("USB", rate=16_000, inputs=1)])
    source = _mic(sd)
    audio = _tone(16_000 * 2)
    for i in range(0, len(audio), BLOCK):
        sd.stream.push(audio[i : i + BLOCK, None])
    sd.stream.end()
    feed: queue.Queue[Any] = queue.Queue()
    gen = capture(
        source=source,
        recorder=WavRecorder(path=tmp_path / "a.wav"),
        feed=feed,
        cancel=CancelToken(),
    )
    with pytest.raises(MicrophoneLost):
        _run(gen)
    fed = _drain(feed)
    assert fed[-1] is None
    np.testing.assert_array_equal(np.concatenate(fed[:-1]), audio)
    np.testing.assert_allclose(read_wav(tmp_path / "a.wav"), audio, atol=1e-4)
    with wave.open(str(tmp_path / "a.wav")) as w:
        assert w.getnframes() == 32_000  # finalised


class _FullDisk(io.FileIO):
    room = HEADER_BYTES + 2 * 3 * BLOCK  # three blocks fit

    def write(self, data: Any, /) -> int:
        view = memoryview(data)
        left = self.room - self.tell()
        if left <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(view[:left])


def test_disk_full_mid_recording_stops_keeps_what_was_written_and_reports(
    tmp_path: Path,
) -> None:
    sd = FakeSoundDevice([device("USB", rate=16_000, inputs=1)])
    source = _mic(sd)
    audio = _tone(BLOCK * 8)
    for i in range(0, len(audio), BLOCK):
        sd.stream.push(audio[i : i + BLOCK, None])
    recorder = WavRecorder(
        path=tmp_path / "a.wav",
        opener=lambda p: _FullDisk(p, "xb"),
        disk_usage=lambda _p: SimpleNamespace(free=10**12),
    )
    feed: queue.Queue[Any] = queue.Queue()
    with pytest.raises(DiskFull):
        _run(capture(source=source, recorder=recorder, feed=feed, cancel=CancelToken()))
    assert sd.stream.closed  # the microphone was stopped
    np.testing.assert_allclose(read_wav(tmp_path / "a.wav"), audio[: 3 * BLOCK], atol=1e-4)
    fed = _drain(feed)
    assert fed[-1] is None
    # The transcript still gets every block captured before the stop.
    assert sum(len(b) for b in fed[:-1]) == len(audio)


def test_a_cancelled_worker_still_finalises_the_file_and_ends_the_feed(tmp_path: Path) -> None:
    sd = FakeSoundDevice([device("USB", rate=16_000, inputs=1)])
    source = _mic(sd)
    for _ in range(10):
        sd.stream.push(_tone(BLOCK)[:, None])
    feed: queue.Queue[Any] = queue.Queue()
    cancel = CancelToken()
    gen = capture(
        source=source,
        recorder=WavRecorder(path=tmp_path / "a.wav"),
        feed=feed,
        cancel=cancel,
        status_every_s=0.0,
        clock=_ticking(),
    )
    next(gen)
    cancel.cancel()
    gen.close()  # what desktop.session.workers does after a cancel
    assert sd.stream.closed
    with wave.open(str(tmp_path / "a.wav")) as w:
        assert w.getnframes() == 10 * BLOCK
    assert _drain(feed)[-1] is None


def test_no_microphone_at_start_still_closes_the_file_and_ends_the_feed(tmp_path: Path) -> None:
    sd = FakeSoundDevice([], default_input=-1)
    feed: queue.Queue[Any] = queue.Queue()
    with pytest.raises(NoMicrophone):
        _run(
            capture(
                source=MicrophoneSource(sd=sd),
                recorder=WavRecorder(path=tmp_path / "a.wav"),
                feed=feed,
                cancel=CancelToken(),
            )
        )
    assert _drain(feed) == [None]  # the live transcription ends instead of waiting forever
    with wave.open(str(tmp_path / "a.wav")) as w:
        assert w.getnframes() == 0
