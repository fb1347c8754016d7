"""One contract every transcription backend passes: the fake, local faster-whisper, remote.

The fake runs in the fast suite; the real backends are integration tests.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from desktop.asr.base import Committed, DecodeOptions, Transcriber
from desktop.asr.fake import FakeTranscriber
from desktop.asr.remote import RemoteTranscriber
from desktop.asr.streaming import LiveTranscription
from desktop.asr.vad import EnergyDetector
from desktop.audio.file_source import read_audio
from desktop.cancel import CancelToken
from desktop.pcm import SAMPLE_RATE, Audio

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Case:
    transcriber: Transcriber
    speech: Audio  # something the backend turns into words
    english: bool  # whether it is real English speech with a known language


def _tone(seconds: float) -> Audio:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


@pytest.fixture(
    params=[
        "fake",
        pytest.param("local", marks=pytest.mark.integration),
        pytest.param("remote", marks=pytest.mark.integration),
    ]
)
def case(request: pytest.FixtureRequest) -> Case:
    if request.param == "fake":
        return Case(FakeTranscriber(), _tone(3.0), english=False)
    jfk = read_audio(DATA / "jfk_16k_mono.wav")
    model = request.getfixturevalue("whisper_base")
    if request.param == "local":
        return Case(model, jfk, english=True)
    server = request.getfixturevalue("asr_server")
    client = RemoteTranscriber(base_url=server.base_url, model="whisper-1", api_key=server.KEY)
    return Case(client, jfk, english=True)


def test_has_a_name(case: Case) -> None:
    assert isinstance(case.transcriber.name, str) and case.transcriber.name


def test_segments_are_ordered_and_shifted_by_the_offset(case: Case) -> None:
    duration = len(case.speech) / SAMPLE_RATE
    result = case.transcriber.transcribe(case.speech, DecodeOptions(offset_s=12.5))
    assert result.segments and result.text.strip()
    for segment in result.segments:
        assert 12.5 <= segment.start <= segment.end <= 12.5 + duration + 0.5
        assert segment.text.strip()
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts)
    assert isinstance(result.language, str) and result.language


def test_forced_language_is_reported(case: Case) -> None:
    result = case.transcriber.transcribe(case.speech, DecodeOptions(language="en"))
    assert result.language == "en"


def test_silence_gives_no_segments(case: Case) -> None:
    silence = np.zeros(3 * SAMPLE_RATE, dtype=np.float32)
    assert case.transcriber.transcribe(silence, DecodeOptions(language="en")).segments == ()


def test_detects_a_language(case: Case) -> None:
    language, probability = case.transcriber.detect_language(case.speech)
    assert isinstance(language, str) and 0.0 <= probability <= 1.0
    if case.english:
        assert language == "en"


def test_runs_under_the_live_policy(case: Case) -> None:
    feed: queue.Queue[Audio | None] = queue.Queue()
    audio = np.concatenate([case.speech, np.zeros(SAMPLE_RATE, dtype=np.float32)])
    for i in range(0, len(audio), 1600):
        feed.put(audio[i : i + 1600])
    feed.put(None)
    detector = None if case.english else EnergyDetector()
    live = LiveTranscription(transcriber=case.transcriber, language="en", detector=detector)
    commits = [e for e in live.run(feed, CancelToken()) if isinstance(e, Committed)]
    assert commits
    assert all(s.end <= len(audio) / SAMPLE_RATE + 0.5 for c in commits for s in c.segments)
