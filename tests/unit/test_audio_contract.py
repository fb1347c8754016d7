"""The contracts of ``desktop.audio.base``: every AudioSource and every Recorder, the same tests.

Sources: ``MicrophoneSource`` (over the fake sounddevice: the test plays PortAudio's part) and
``FileSource``. Recorders: ``WavRecorder`` and the store's ``EncryptedAudioWriter``. A new source
or recorder joins a list below and must pass all of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from desktop.audio.base import AudioSource, Recorder
from desktop.audio.capture import MicrophoneSource
from desktop.audio.file_source import FileSource
from desktop.audio.recorder import WavRecorder, read_wav, repair_wav
from desktop.cancel import CancelToken
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.store.audio_crypt import EncryptedAudioWriter, read_encrypted_audio
from desktop.store.crypto import RowCipher
from tests.support.fake_sounddevice import FakeSoundDevice, device

BLOCK = SAMPLE_RATE // 10  # 0.1 s, as the capture delivers
QUANTUM = 1 / 32768  # 16-bit PCM on disk


def tone(seconds: float, freq: float = 440.0) -> Audio:
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    return (0.4 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


# --- sources -------------------------------------------------------------------------------


@dataclass
class Rig:
    """A source under test, and how to make it capture some audio."""

    source: AudioSource
    capture: Callable[[Audio], None]  # the audio arrives (the source is then stopped or ended)
    feed: Callable[[Audio], None]  # more audio arrives while ``blocks`` runs (no stop)


def microphone(audio_len: float) -> Rig:
    sd = FakeSoundDevice([device("USB Mic", rate=SAMPLE_RATE, inputs=1)])  # type: ignore[arg-type]
    source = MicrophoneSource(sd=sd)
    source.open()

    def feed(audio: Audio) -> None:
        for i in range(0, len(audio), BLOCK):
            sd.stream.push(audio[i : i + BLOCK, None])

    def capture(audio: Audio) -> None:
        feed(audio)
        source.stop()

    return Rig(source=source, capture=capture, feed=feed)


def file(audio_len: float) -> Rig:
    source = FileSource(audio=tone(audio_len), speed=0.0, description="clip.wav")
    return Rig(source=source, capture=lambda _audio: None, feed=lambda _audio: None)


SOURCES: dict[str, Callable[[float], Rig]] = {"microphone": microphone, "file": file}


@pytest.fixture(params=sorted(SOURCES))
def rig_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def collect(source: AudioSource) -> list[Audio]:
    return list(source.blocks(CancelToken()))


def test_a_source_delivers_everything_it_captured_as_16_khz_mono_float32(rig_kind: str):
    rig = SOURCES[rig_kind](1.5)
    audio = tone(1.5)
    rig.capture(audio)
    blocks = collect(rig.source)
    assert blocks and all(b.dtype == np.float32 and b.ndim == 1 for b in blocks)
    np.testing.assert_allclose(np.concatenate(blocks), audio, atol=1e-6)


def test_a_source_describes_itself_and_pauses(rig_kind: str):
    source = SOURCES[rig_kind](0.5).source
    assert isinstance(source.description, str) and source.description
    assert source.paused is False
    source.pause()
    assert source.paused is True
    source.resume()
    assert source.paused is False


def run_until(rig: Rig, end: Callable[[CancelToken], None]) -> None:
    """Start ``blocks`` on a thread, let audio arrive, call ``end``: ``blocks`` must return."""
    cancel = CancelToken()
    first = threading.Event()
    done = threading.Event()

    def consume() -> None:
        for _ in rig.source.blocks(cancel):
            first.set()
        done.set()

    threading.Thread(target=consume, daemon=True).start()
    rig.feed(tone(0.2))
    assert first.wait(10)
    end(cancel)
    assert done.wait(10), "blocks() did not return"


def running(rig_kind: str) -> Rig:
    rig = SOURCES[rig_kind](60.0)
    if rig_kind == "file":  # paced at real time: a minute of audio, unless ended early
        rig.source = FileSource(audio=tone(60.0), speed=1.0)
    return rig


def test_stop_from_another_thread_ends_a_running_source(rig_kind: str):
    rig = running(rig_kind)
    run_until(rig, lambda _cancel: rig.source.stop())


def test_cancel_from_another_thread_ends_a_running_source(rig_kind: str):
    run_until(running(rig_kind), lambda cancel: cancel.cancel())


# --- recorders -----------------------------------------------------------------------------

CIPHER = RowCipher(b"k" * 32)


@dataclass
class RecorderKind:
    make: Callable[[Path], Recorder]
    suffix: str
    read: Callable[[Path], Audio]  # also reads a recording cut short by a crash


def _read_wav(path: Path) -> Audio:
    repair_wav(path)
    return read_wav(path)


RECORDERS = {
    "wav": RecorderKind(lambda p: WavRecorder(path=p), ".wav", _read_wav),
    "encrypted": RecorderKind(
        lambda p: EncryptedAudioWriter(path=p, cipher=CIPHER),
        ".scra",
        lambda p: read_encrypted_audio(p, cipher=CIPHER).samples,
    ),
}


@pytest.fixture(params=sorted(RECORDERS))
def kind(request: pytest.FixtureRequest) -> RecorderKind:
    return RECORDERS[str(request.param)]


def write_blocks(recorder: Recorder, audio: Audio) -> None:
    for i in range(0, len(audio), BLOCK):
        recorder.write(audio[i : i + BLOCK])


def test_a_recorder_keeps_every_sample_it_was_given(kind: RecorderKind, tmp_path: Path):
    path = tmp_path / f"visit{kind.suffix}"
    recorder = kind.make(path)
    assert recorder.path == path and path.exists()
    audio = tone(2.35)
    write_blocks(recorder, audio)
    recorder.write(np.zeros(0, dtype=np.float32))  # an empty block is harmless
    recorder.close()
    recorder.close()  # closing twice is harmless
    back = kind.read(path)
    assert len(back) == len(audio)
    np.testing.assert_allclose(back, audio, atol=QUANTUM)


def test_a_recorder_cut_short_by_a_crash_loses_at_most_its_last_second(
    kind: RecorderKind, tmp_path: Path
):
    path = tmp_path / f"crash{kind.suffix}"
    recorder = kind.make(path)
    audio = tone(3.0)
    write_blocks(recorder, audio)  # no close: the process dies here
    back = kind.read(path)
    assert len(audio) - SAMPLE_RATE <= len(back) <= len(audio)
    np.testing.assert_allclose(back, audio[: len(back)], atol=QUANTUM)


def test_a_recorder_clips_what_is_louder_than_full_scale(kind: RecorderKind, tmp_path: Path):
    path = tmp_path / f"loud{kind.suffix}"
    recorder = kind.make(path)
    loud = np.array([1.7, -2.5, 0.5], dtype=np.float32)
    recorder.write(loud)
    recorder.close()
    back = kind.read(path)
    assert back.max() <= 1.0 and back.min() >= -1.0
    assert abs(back[2] - 0.5) <= QUANTUM
