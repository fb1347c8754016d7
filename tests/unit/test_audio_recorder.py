"""WavRecorder: a valid WAV while it is written, after a crash, and on disk faults."""

from __future__ import annotations

import errno
import io
import itertools
import wave
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from desktop.audio.base import AudioFileError
from desktop.audio.errors import AudioDirNotWritable, AudioStorageError, DiskFull
from desktop.audio.recorder import (
    HEADER_BYTES,
    WavRecorder,
    check_writable,
    read_wav,
    repair_wav,
)

BLOCK = 1_600  # 0.1 s


def _ramp(n: int, start: int = 0) -> np.ndarray:
    """Distinct sample values, so a test can tell which samples landed where."""
    return (((np.arange(start, start + n) % 20_000) - 10_000) / 32_768).astype(np.float32)


def _frames(path: Path) -> int:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16_000, 1, 2)
        return w.getnframes()


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _plenty(_path: Path) -> SimpleNamespace:
    return SimpleNamespace(free=10**12)


def test_writes_a_16_khz_mono_16_bit_wav_and_finalises_on_close(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    with WavRecorder(path=path) as rec:
        for i in range(25):
            rec.write(_ramp(BLOCK, i * BLOCK))
        assert rec.seconds == 2.5
    assert _frames(path) == 40_000
    np.testing.assert_allclose(read_wav(path), _ramp(40_000), atol=1 / 32_768)


def test_out_of_range_samples_are_clipped(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    with WavRecorder(path=path) as rec:
        rec.write(np.array([2.0, -3.0, 0.5], dtype=np.float32))
    np.testing.assert_allclose(read_wav(path), [32_767 / 32_768, -32_767 / 32_768, 0.5], atol=1e-4)


def test_after_a_crash_readers_see_up_to_the_last_second_and_repair_recovers_all(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crash.wav"
    clock = _Clock()
    rec = WavRecorder(path=path, clock=clock)
    for i in range(37):  # 3.7 s, the clock moving with the audio
        clock.now = (i + 1) * 0.1
        rec.write(_ramp(BLOCK, i * BLOCK))
    # The process dies here: no close(). What is on disk is what a reader gets.
    header_frames = _frames(path)
    assert 36_800 <= header_frames <= 59_200  # the last sync, at most 1 s old
    assert 59_200 - header_frames <= 16_000
    np.testing.assert_allclose(read_wav(path), _ramp(59_200), atol=1 / 32_768)
    assert repair_wav(path) == pytest.approx(3.7)
    assert _frames(path) == 59_200
    rec.close()


def test_read_and_repair_handle_a_torn_last_sample(tmp_path: Path) -> None:
    path = tmp_path / "torn.wav"
    with WavRecorder(path=path) as rec:
        rec.write(_ramp(100))
    with open(path, "ab") as fh:
        fh.write(b"\x01")  # half a sample: the power went out mid-write
    assert len(read_wav(path)) == 100
    assert repair_wav(path) == pytest.approx(100 / 16_000)
    assert path.stat().st_size == HEADER_BYTES + 200


def test_reading_something_that_is_not_a_recording(tmp_path: Path) -> None:
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"not a wav file at all")
    with pytest.raises(AudioFileError):
        read_wav(junk)
    with pytest.raises(AudioFileError):
        read_wav(tmp_path / "missing.wav")


def test_a_folder_that_cannot_be_created_is_reported_before_recording(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(AudioDirNotWritable) as caught:
        WavRecorder(path=blocker / "audio" / "a.wav")
    assert "is not writable" in str(caught.value)


def test_a_folder_the_user_may_not_write_to(tmp_path: Path) -> None:
    def denied(path: Path) -> io.FileIO:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    with pytest.raises(AudioDirNotWritable):
        WavRecorder(path=tmp_path / "a.wav", opener=denied)


def test_too_little_free_space_is_reported_before_recording(tmp_path: Path) -> None:
    def nearly_full(_path: Path) -> SimpleNamespace:
        return SimpleNamespace(free=3 * 1024 * 1024)

    with pytest.raises(DiskFull) as caught:
        check_writable(tmp_path, disk_usage=nearly_full)
    assert str(caught.value) == (
        "There is not enough free disk space to record (3 MB free, 50 MB needed)."
    )
    with pytest.raises(DiskFull):
        WavRecorder(path=tmp_path / "a.wav", disk_usage=nearly_full)
    assert not (tmp_path / "a.wav").exists()


class _FullDisk(io.FileIO):
    """A real file on a disk that fills up after ``room`` bytes."""

    room = HEADER_BYTES + 10_000

    def write(self, data: Any, /) -> int:
        view = memoryview(data)
        left = self.room - self.tell()
        if left <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(view[:left])


def test_the_disk_filling_up_mid_recording_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "full.wav"
    rec = WavRecorder(path=path, opener=lambda p: _FullDisk(p, "xb"), disk_usage=_plenty)
    rec.write(_ramp(BLOCK))
    rec.write(_ramp(BLOCK, BLOCK))
    rec.write(_ramp(BLOCK, 2 * BLOCK))
    with pytest.raises(DiskFull) as caught:
        rec.write(_ramp(BLOCK, 3 * BLOCK))
    assert "everything until now is saved" in str(caught.value)
    assert _frames(path) == 5_000  # the header covers every whole sample that reached the disk
    np.testing.assert_allclose(read_wav(path), _ramp(5_000), atol=1 / 32_768)
    with pytest.raises(AudioStorageError):
        rec.write(_ramp(BLOCK))
    rec.close()  # idempotent after a failure


def test_free_space_running_out_mid_recording_stops_it(tmp_path: Path) -> None:
    free = itertools.chain([10**12], itertools.repeat(1024))
    clock = _Clock()
    rec = WavRecorder(
        path=tmp_path / "a.wav",
        clock=clock,
        disk_usage=lambda _p: SimpleNamespace(free=next(free)),
        space_check_every_s=10.0,
    )
    clock.now = 5.0
    rec.write(_ramp(BLOCK))
    clock.now = 11.0
    with pytest.raises(DiskFull):
        rec.write(_ramp(BLOCK, BLOCK))
    assert _frames(tmp_path / "a.wav") == 2 * BLOCK


def test_an_io_error_mid_recording_is_a_storage_error(tmp_path: Path) -> None:
    class _Broken(io.FileIO):
        def write(self, data: Any, /) -> int:
            if self.tell() >= HEADER_BYTES:
                raise OSError(errno.EIO, "Input/output error")
            return super().write(data)

    rec = WavRecorder(
        path=tmp_path / "a.wav", opener=lambda p: _Broken(p, "xb"), disk_usage=_plenty
    )
    with pytest.raises(AudioStorageError) as caught:
        rec.write(_ramp(BLOCK))
    assert not isinstance(caught.value, DiskFull)
    assert _frames(tmp_path / "a.wav") == 0
