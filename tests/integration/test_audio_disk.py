"""Real disk faults: a tiny tmpfs that fills up, and a read-only one (needs root to mount)."""

from __future__ import annotations

import queue
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from desktop.audio.errors import AudioDirNotWritable, DiskFull
from desktop.audio.file_source import FileSource, read_audio
from desktop.audio.pump import capture
from desktop.audio.recorder import HEADER_BYTES, WavRecorder, read_wav
from desktop.cancel import CancelToken

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _mount(where: Path, options: str) -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip()})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "tiny", "size=256k")


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    yield from _mount(tmp_path / "ro", "ro,size=1m")


def test_too_little_space_is_refused_before_recording(tiny_disk: Path) -> None:
    with pytest.raises(DiskFull) as caught:
        WavRecorder(path=tiny_disk / "a.wav")
    assert str(caught.value).startswith("There is not enough free disk space to record")


def test_a_read_only_folder_is_refused_before_recording_even_for_root(
    read_only_disk: Path,
) -> None:
    with pytest.raises(AudioDirNotWritable) as caught:
        WavRecorder(path=read_only_disk / "audio" / "a.wav")
    assert str(caught.value) == (
        f"Recordings cannot be saved because the folder {read_only_disk / 'audio'} is not writable."
    )


def test_the_disk_filling_up_mid_recording_stops_and_keeps_what_was_written(
    tiny_disk: Path, data_dir: Path
) -> None:
    speech = read_audio(data_dir / "jfk_16k_mono.wav")  # 11 s = 352 kB: does not fit
    recorder = WavRecorder(
        path=tiny_disk / "a.wav", min_free_to_start=0, min_free_while_recording=0
    )
    feed: queue.Queue[Any] = queue.Queue()
    with pytest.raises(DiskFull) as caught:
        for _status in capture(
            source=FileSource(audio=speech, speed=0),
            recorder=recorder,
            feed=feed,
            cancel=CancelToken(),
        ):
            pass
    assert "everything until now is saved" in str(caught.value)
    with wave.open(str(tiny_disk / "a.wav")) as w:
        frames = w.getnframes()
    assert (256 * 1024 - HEADER_BYTES) // 2 - 16_000 < frames <= (256 * 1024 - HEADER_BYTES) // 2
    np.testing.assert_allclose(read_wav(tiny_disk / "a.wav"), speech[:frames], atol=1e-4)
    fed = []
    while not feed.empty():
        fed.append(feed.get_nowait())
    assert fed[-1] is None
    assert sum(len(b) for b in fed[:-1]) >= frames


def test_scribe_record_on_a_full_disk_says_so_in_one_line(tiny_disk: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "record", "--seconds", "30", "--out",
         str(tiny_disk / "x.wav")],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("scribe: There is not enough free disk space to record (")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tiny_disk / "x.wav").exists()
