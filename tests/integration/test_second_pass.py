"""The second pass with the real Whisper base: a recording replayed through the live pipeline at
real-time pace settles into the transcript of an offline-style pass, its own model copy runs at
the lowest priority on one thread, and every word of the recording is still there."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

from desktop.asr.base import SAMPLE_RATE, DecodeOptions
from desktop.audio.file_source import read_audio
from desktop.cancel import CancelToken
from desktop.session.replay import replay
from desktop.session.second_pass import AudioTape, SecondPass, Settled

pytestmark = pytest.mark.integration


def _words(text: str) -> list[str]:
    return "".join(c.lower() if c.isalnum() or c.isspace() else " " for c in text).split()


def test_a_replayed_recording_settles_into_the_offline_text(whisper_base, data_dir):
    pause = np.zeros(SAMPLE_RATE, dtype=np.float32)
    clips = [
        read_audio(data_dir / name)
        for name in (
            "jfk_16k_mono.wav",
            "stereo_diarization_left_16k.wav",
            "sr_english_one_two_three_16k.wav",
            "stereo_diarization_right_16k.wav",
        )
    ]
    audio = np.concatenate([part for clip in clips for part in (clip, pause)])  # ~28 s
    settled: list[Settled] = []
    transcript = replay(
        audio,
        transcriber=whisper_base,
        language="en",
        speed=4.0,
        second_pass=True,
        on_settled=settled.append,
    )
    assert settled, "the second pass settled nothing"  # (how many windows depends on timing)
    assert settled[0].start == 0.0 and settled[-1].end >= transcript.segments[-1].end
    assert [s.start for s in settled[1:]] == [s.end for s in settled[:-1]]
    words = _words(transcript.text)
    for word in ("country", "wizard", "curtain", "left", "horizon", "distant"):
        assert word in words  # nothing of the recording lost
    assert "three" in words or "3" in words  # Whisper writes "one two three" either way
    first = settled[0]
    offline = whisper_base.transcribe(
        audio[: int(first.end * SAMPLE_RATE)], DecodeOptions(language="en")
    )
    assert _words(" ".join(s.text for s in first.segments)) == _words(offline.text)


def test_the_background_copy_runs_niced_on_one_thread(whisper_base):
    seen: dict[str, object] = {}

    def load():  # type: ignore[no-untyped-def]
        copy = whisper_base.background_copy()
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        seen["copy"] = copy
        return copy

    second = SecondPass(tape=AudioTape(), load=load, language="en")
    second.stop()
    assert list(second.run(CancelToken())) == []
    assert seen["nice"] == 19
    copy = seen["copy"]
    assert copy is not whisper_base and copy.faster_whisper.model.num_workers == 1
