"""Recording through the real PulseAudio virtual microphone, PortAudio and the real Whisper model.

Speech (tests/data/jfk_16k_mono.wav) is played into the null sink with paplay while the app
records the sink's monitor as its default microphone.
"""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from desktop.asr.base import DecodeOptions
from desktop.audio.capture import MicrophoneSource
from desktop.audio.file_source import read_audio
from desktop.audio.pump import CaptureSummary, capture
from desktop.audio.recorder import WavRecorder, read_wav, repair_wav
from desktop.cancel import CancelToken

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
JFK_WORDS = "ask not what your country can do for you ask what you can do for your country"


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z' ]+", " ", text.lower()).split())


def _align(recording: np.ndarray, clip: np.ndarray) -> tuple[int, float]:
    """Where ``clip`` starts in ``recording``, and how well (Pearson r) they match there."""
    n = 1 << int(np.ceil(np.log2(len(recording) + len(clip))))
    corr = np.fft.irfft(np.fft.rfft(recording, n) * np.conj(np.fft.rfft(clip, n)), n)
    offset = int(np.argmax(corr[: len(recording) - len(clip) + 1]))
    segment = recording[offset : offset + len(clip)]
    return offset, float(np.corrcoef(segment, clip)[0, 1])


def _frames(path: Path) -> int:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16_000, 1, 2)
        return w.getnframes()


def test_speech_played_into_the_virtual_mic_is_recorded_whole_and_transcribed(
    virtual_mic: Any, whisper_base: Any, data_dir: Path, tmp_path: Path
) -> None:
    clip = read_audio(data_dir / "jfk_16k_mono.wav")
    source = MicrophoneSource()  # the system default input, as on a fresh install
    recorder = WavRecorder(path=tmp_path / "encounter.wav")
    feed: queue.Queue[Any] = queue.Queue()
    gen = capture(source=source, recorder=recorder, feed=feed, cancel=CancelToken())
    player: subprocess.Popen[bytes] | None = None
    stop_at = None
    summary: CaptureSummary | None = None
    while summary is None:
        try:
            status = next(gen)
        except StopIteration as stop:
            summary = stop.value
            break
        assert status.seconds < 40, "the clip never finished playing"
        if player is None and status.seconds >= 0.5:
            player = virtual_mic.play(data_dir / "jfk_16k_mono.wav")
        elif player is not None and stop_at is None and player.poll() is not None:
            assert player.returncode == 0, player.stderr.read() if player.stderr else ""
            stop_at = status.seconds + 1.0
        elif stop_at is not None and status.seconds >= stop_at:
            source.stop()  # what the Stop button does
    assert summary.overflows == 0
    assert source.stream_rate == 44_100  # the null sink's native format, resampled by us

    # Duration: the file holds exactly what was captured, and the whole clip is in it.
    assert _frames(recorder.path) == summary.frames
    recorded = read_wav(recorder.path)
    assert summary.seconds >= 0.5 + 11.0
    offset, match = _align(recorded, clip)
    assert offset >= 0.4 * 16_000
    assert match > 0.95, f"the recorded speech differs from what was played (r={match:.3f})"
    for second in range(11):  # no dropout anywhere in it
        part = slice(second * 16_000, (second + 1) * 16_000)
        piece = recorded[offset:][part]
        if np.std(clip[part]) > 0.01:
            assert np.corrcoef(piece, clip[part])[0, 1] > 0.9, f"second {second} is damaged"

    # The live feed got the same audio, then the end marker.
    fed = []
    while not feed.empty():
        fed.append(feed.get_nowait())
    assert fed[-1] is None
    np.testing.assert_allclose(np.concatenate(fed[:-1]), recorded, atol=1 / 16_000)

    # Words, through the real model.
    text = whisper_base.transcribe(recorded, DecodeOptions(language="en")).text
    assert JFK_WORDS in _words(text)


def _scribe(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args]


def test_scribe_devices_lists_the_virtual_mic_as_default(virtual_mic: Any) -> None:
    done = subprocess.run(
        _scribe("devices"), cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    defaults = [line for line in done.stdout.splitlines() if line.startswith("*")]
    assert len(defaults) == 1 and "default" in defaults[0]


def test_scribe_record_writes_n_seconds_and_falls_back_from_a_missing_device(
    virtual_mic: Any, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "check.wav"
    player = virtual_mic.play(data_dir / "jfk_16k_mono.wav")
    try:
        done = subprocess.run(
            _scribe("record", "--seconds", "3", "--out", str(out), "--device", "No Such Mic"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        player.terminate()
        player.wait(timeout=10)
    assert done.returncode == 0, done.stderr
    assert 'The microphone "No Such Mic" was not found' in done.stderr
    assert done.stdout.startswith("Recorded 3.0 s from")
    assert _frames(out) == 48_000
    speech = read_wav(out)
    assert float(np.sqrt(np.mean(speech**2))) > 0.01  # it heard the speech, not silence


def test_a_recording_killed_with_sigkill_is_readable_up_to_the_kill(
    virtual_mic: Any, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "killed.wav"
    proc = subprocess.Popen(
        _scribe("record", "--seconds", "120", "--out", str(out)),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    player: subprocess.Popen[bytes] | None = None
    reported = 0.0
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # the progress lines, about one a second
            found = re.match(r"\s*(\d+\.\d) s", line)
            if not found:
                continue
            reported = float(found.group(1))
            if player is None:  # recording: start the speech
                player = virtual_mic.play(data_dir / "jfk_16k_mono.wav")
            if reported >= 4.0:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
    finally:
        proc.kill()
        if player is not None:
            player.terminate()
            player.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert reported >= 4.0, "the recording never got going"

    # Any WAV reader opens it, and sees everything up to the kill but for the last second.
    header_frames = _frames(out)
    on_disk = len(read_wav(out))  # every sample the process wrote before it died
    assert on_disk >= (reported - 0.05) * 16_000  # the progress line rounds to 0.1 s
    assert on_disk <= (reported + 2.0) * 16_000
    assert on_disk - header_frames <= 16_000
    assert repair_wav(out) == pytest.approx(on_disk / 16_000)
    assert _frames(out) == on_disk

    # And it is the speech that was playing.
    clip = read_audio(data_dir / "jfk_16k_mono.wav")[: 2 * 16_000]
    _offset, match = _align(read_wav(out), clip)
    assert match > 0.9
