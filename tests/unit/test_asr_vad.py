"""Cutting a live stream into utterances."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from desktop.asr.vad import FRAME, EnergyDetector, Segmenter, SileroDetector, VadPolicy
from desktop.pcm import SAMPLE_RATE


def tone(seconds: float, amplitude: float = 0.2) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def quiet(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def feed(segmenter: Segmenter, audio: np.ndarray, block: int = 1600) -> list:
    done = []
    for i in range(0, len(audio), block):
        done += segmenter.push(audio[i : i + block])
    return done


def test_pauses_cut_utterances_with_padding_and_exact_positions() -> None:
    audio = np.concatenate([quiet(1.0), tone(1.0), quiet(1.0), tone(0.5), quiet(1.0)])
    seg = Segmenter(detector=EnergyDetector())
    done = feed(seg, audio, block=1000)  # blocks that are not whole frames
    starts = [u.start / SAMPLE_RATE for u in done]
    assert starts == pytest.approx([0.8, 2.8], abs=FRAME / SAMPLE_RATE)  # 0.2 s of pre-roll
    first = done[0]
    assert first.end / SAMPLE_RATE == pytest.approx(2.2, abs=FRAME / SAMPLE_RATE)
    # the audio handed over is exactly the stream's samples at those positions
    np.testing.assert_array_equal(first.audio, audio[first.start : first.end])
    assert seg.flush() is None
    assert seg.received == len(audio)


def test_blip_shorter_than_min_speech_is_ignored() -> None:
    audio = np.concatenate([quiet(1.0), tone(0.05), quiet(1.0)])
    assert feed(Segmenter(detector=EnergyDetector()), audio) == []


def test_long_speech_is_cut_at_its_quietest_point_without_losing_samples() -> None:
    policy = VadPolicy(max_utterance_s=6.0)
    dip = tone(0.15, amplitude=0.005)  # quieter than the threshold, shorter than a pause
    audio = np.concatenate([tone(4.0), dip, tone(5.0), quiet(1.0)])
    seg = Segmenter(detector=EnergyDetector(), policy=policy)
    done = feed(seg, audio)
    assert len(done) == 2
    cut = done[0].end / SAMPLE_RATE
    assert 4.0 <= cut <= 4.2  # in the dip, not at the 6 s bound
    assert done[1].start == done[0].end  # contiguous: nothing lost at the cut
    assert all(len(u.audio) <= 6.0 * SAMPLE_RATE for u in done)


def test_without_a_pause_long_speech_is_cut_at_the_bound() -> None:
    policy = VadPolicy(max_utterance_s=5.0)
    seg = Segmenter(detector=EnergyDetector(), policy=policy)
    done = feed(seg, tone(12.0))
    last = seg.flush()
    assert last is not None
    pieces = [*done, last]
    assert pieces[0].start == 0
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert pieces[-1].end == 12 * SAMPLE_RATE


def test_flush_finishes_speech_that_runs_to_the_end() -> None:
    seg = Segmenter(detector=EnergyDetector())
    assert feed(seg, np.concatenate([quiet(0.5), tone(1.03)])) == []
    opened = seg.open_utterance()
    assert opened is not None
    assert opened.start / SAMPLE_RATE == pytest.approx(0.3, abs=FRAME / SAMPLE_RATE)
    last = seg.flush()
    assert last is not None and last.end == len(quiet(0.5)) + len(tone(1.03))
    assert seg.open_utterance() is None


def test_silero_frame_by_frame_equals_one_pass(data_dir) -> None:  # type: ignore[no-untyped-def]
    from faster_whisper.vad import get_vad_model

    from desktop.audio.file_source import read_audio

    audio = read_audio(data_dir / "jfk_16k_mono.wav")[: 200 * FRAME]
    whole = np.asarray(get_vad_model()(audio)).reshape(-1)
    detector = SileroDetector()
    parts = [
        detector.probabilities(audio[i : i + 3 * FRAME]) for i in range(0, len(audio), 3 * FRAME)
    ]
    np.testing.assert_allclose(np.concatenate(parts), whole, atol=1e-5)
    assert whole.max() > 0.9  # speech is in there


def test_the_closing_utterance_is_the_one_the_pause_will_end() -> None:
    seg = Segmenter(detector=EnergyDetector())
    assert feed(seg, np.concatenate([quiet(0.5), tone(1.0)])) == []
    assert seg.closing_utterance() is None  # still speaking
    assert feed(seg, quiet(0.1)) == []
    assert seg.closing_utterance() is None  # the padding after the speech is not there yet
    assert feed(seg, quiet(0.2)) == []
    closing = seg.closing_utterance()
    assert closing is not None
    (ended,) = feed(seg, quiet(0.5))
    assert (closing.start, closing.speech_end) == (ended.start, ended.speech_end)
    np.testing.assert_array_equal(closing.audio, ended.audio)
    assert seg.closing_utterance() is None  # nothing open any more


def test_past_six_seconds_a_breath_ends_the_utterance() -> None:
    seg = Segmenter(detector=EnergyDetector())
    done = feed(seg, np.concatenate([tone(7.0), quiet(0.2), tone(1.0), quiet(1.0)]))
    assert len(done) == 2  # ended at the breath, at once, not at the 12 s bound
    assert done[0].speech_end / SAMPLE_RATE == pytest.approx(7.0, abs=FRAME / SAMPLE_RATE)
    seg = Segmenter(detector=EnergyDetector())
    assert len(feed(seg, np.concatenate([tone(3.0), quiet(0.2), tone(1.0), quiet(1.0)]))) == 1
