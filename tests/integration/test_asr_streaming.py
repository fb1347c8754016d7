"""The live pipeline with the real Silero VAD and the real bundled Whisper base, on real audio."""

from __future__ import annotations

import queue
import re
from pathlib import Path

import jiwer
import numpy as np
import pytest

from desktop.asr import whisper_window
from desktop.asr.base import Backlog, Committed, Partial
from desktop.asr.guards import clean_text
from desktop.asr.streaming import Event, LiveTranscription
from desktop.asr.whisper_local import LocalWhisper
from desktop.audio.file_source import read_audio
from desktop.cancel import CancelToken
from desktop.pcm import SAMPLE_RATE, Audio
from tests.support.feeds import TrickleQueue

pytestmark = pytest.mark.integration

JFK = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)

BLOCK = 1600


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())


def all_queued(audio: Audio) -> queue.Queue[Audio | None]:
    q: queue.Queue[Audio | None] = queue.Queue()
    for i in range(0, len(audio), BLOCK):
        q.put(audio[i : i + BLOCK])
    q.put(None)
    return q


def trickle(audio: Audio) -> TrickleQueue:
    return TrickleQueue([*(audio[i : i + BLOCK] for i in range(0, len(audio), BLOCK)), None])


def run(model: LocalWhisper, feed: queue.Queue[Audio | None], language: str = "en") -> list[Event]:
    live = LiveTranscription(transcriber=model, language=language)
    return list(live.run(feed, CancelToken()))


def committed_text(events: list[Event]) -> str:
    return " ".join(s.text for e in events if isinstance(e, Committed) for s in e.segments)


def test_stop_right_after_the_last_word_loses_nothing(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    audio = read_audio(data_dir / "jfk_16k_mono.wav")[: int(10.6 * SAMPLE_RATE)]
    events = run(whisper_base, all_queued(audio))  # Stop arrives while far behind
    text = committed_text(events)
    assert words(text).endswith("for your country")
    assert jiwer.wer(words(JFK), words(text)) <= 0.2
    segments = [s for e in events if isinstance(e, Committed) for s in e.segments]
    assert 0.0 <= segments[0].start < 1.0 and segments[-1].end <= 10.7
    backlogs = [e.seconds for e in events if isinstance(e, Backlog)]
    assert backlogs[0] >= 8.0 and backlogs[-1] == 0.0  # ~9 s of speech waiting at Stop


def test_partials_grow_then_settle_into_committed_text(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    audio = np.concatenate([read_audio(data_dir / "jfk_16k_mono.wav"), np.zeros(SAMPLE_RATE)])
    events = run(whisper_base, trickle(audio))
    partials = [e.text for e in events if isinstance(e, Partial) and e.text]
    assert len(partials) >= 4
    assert "fellow" in words(" ".join(partials))
    assert jiwer.wer(words(JFK), words(committed_text(events))) <= 0.2


def test_silence_and_noise_stay_empty(whisper_base: LocalWhisper) -> None:
    rng = np.random.default_rng(11)
    white = rng.standard_normal(8 * SAMPLE_RATE) * 0.03
    brown = np.cumsum(rng.standard_normal(8 * SAMPLE_RATE))
    brown = (brown - brown.mean()) / np.abs(brown).max() * 0.05
    hum = 0.05 * np.sin(2 * np.pi * 50 * np.arange(8 * SAMPLE_RATE) / SAMPLE_RATE)
    audio = np.concatenate([np.zeros(6 * SAMPLE_RATE), white, brown, hum]).astype(np.float32)
    for language in ("en", "fr"):
        events = run(whisper_base, trickle(audio), language=language)
        assert [e for e in events if isinstance(e, Committed)] == []
        assert [e for e in events if isinstance(e, Partial) and e.text] == []


def test_silence_without_vad_would_invent_words_but_the_guard_drops_them(
    whisper_base: LocalWhisper,
) -> None:
    """Real Whisper output on pure silence or noise ("You" here; "C'est la première fois que
    j'ai dit que j" on an AMD EPYC, past Whisper's own no-speech rule) never reaches the
    transcript: the audio's energy and the VAD decide, whatever the words (``asr.silence``)."""
    from desktop.asr.base import DecodeOptions
    from desktop.asr.silence import nothing_to_hear

    rng = np.random.default_rng(5)
    silence = np.zeros(6 * SAMPLE_RATE, dtype=np.float32)
    noise = (rng.standard_normal(6 * SAMPLE_RATE) * 0.02).astype(np.float32)
    for audio in (silence, noise):
        assert nothing_to_hear(audio)
        for language in ("en", "fr"):
            result = whisper_base.transcribe(audio, DecodeOptions(language=language, vad=False))
            assert result.segments == ()
            quick = DecodeOptions(language=language, vad=False, quick_window=True)
            assert whisper_base.transcribe(audio, quick).segments == ()


def test_a_real_decoding_loop_is_collapsed(whisper_base: LocalWhisper, data_dir: Path) -> None:
    """Greedy decoding of 2.5 s of speech in a too-short window loops on real audio."""
    import ctranslate2
    from faster_whisper.tokenizer import Tokenizer

    audio = read_audio(data_dir / "jfk_16k_mono.wav")[: int(2.5 * SAMPLE_RATE)]
    model = whisper_base.faster_whisper
    window = 3 * SAMPLE_RATE
    padded = np.pad(audio, (0, window - len(audio)))
    features = model.feature_extractor(padded, padding=0)[:, : window // 160]
    encoded = model.model.encode(
        ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])), to_cpu=False
    )
    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language="en")
    prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
    result = model.model.generate(encoded, [prompt], beam_size=1, max_length=120)
    raw = tokenizer.decode([t for t in result[0].sequences_ids[0] if t < tokenizer.eot])
    assert words(raw).count("fellow") >= 3  # the loop is real
    assert words(clean_text(raw)).count("fellow") == 1
    assert words(whisper_base.guess_tail(audio, language="en")).count("fellow") <= 1
    assert whisper_window.MIN_WINDOW_S >= 5


def test_french_is_detected_once_and_locked(whisper_base: LocalWhisper, data_dir: Path) -> None:
    speech = read_audio(data_dir / "sr_french_dictee_16k.wav")
    gap = np.zeros(SAMPLE_RATE, dtype=np.float32)
    audio = np.concatenate([speech, gap, speech, gap])
    live = LiveTranscription(transcriber=whisper_base, language="auto")
    events = list(live.run(trickle(audio), CancelToken()))
    commits = [e for e in events if isinstance(e, Committed)]
    assert live.language == "fr"
    assert [c.language for c in commits] == ["fr"] * len(commits) and len(commits) == 2
    assert "dict" in words(committed_text(events))


def test_a_short_utterance_is_heard_in_the_context_of_the_one_before(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    """After "And so my fellow Americans," and a pause, "ask not." alone came out "is not."."""
    audio = read_audio(data_dir / "jfk_16k_mono.wav")
    before = audio[int(0.12 * SAMPLE_RATE) : int(2.41 * SAMPLE_RATE)]
    after = audio[int(3.13 * SAMPLE_RATE) : int(4.52 * SAMPLE_RATE)]
    alone = whisper_base.decode_window(after, language="en", beam_size=5, timestamps=True)
    heard = whisper_base.decode_window(
        after,
        language="en",
        beam_size=5,
        timestamps=True,
        context=before,
        context_text="And so my fellow Americans,",
    )
    assert words(alone.text) != "ask not"  # the fault is real
    assert words(heard.text) == "ask not"  # only the new utterance, not the forced prefix
    events = run(whisper_base, trickle(np.concatenate([audio, np.zeros(SAMPLE_RATE)])))
    assert words(committed_text(events)) == words(JFK)


def test_a_partial_is_heard_in_the_context_of_the_utterance_before(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    """The greedy partial of "ask not." after a pause: "is not." alone, right in context."""
    audio = read_audio(data_dir / "jfk_16k_mono.wav")
    before = audio[int(0.12 * SAMPLE_RATE) : int(2.41 * SAMPLE_RATE)]
    after = audio[int(3.13 * SAMPLE_RATE) : int(4.52 * SAMPLE_RATE)]
    assert words(whisper_base.guess_tail(after, language="en")) != "ask not"  # the fault is real
    heard = whisper_base.guess_tail(
        after, language="en", context=before, context_text="And so my fellow Americans,"
    )
    assert words(heard) == "ask not"  # only the open utterance, not the context's text


def test_silence_heard_in_the_context_of_speech_stays_out(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    """Over silence after its context, base said the context again ("and so my fellow
    Americans," ending where the context ends): segments that add no new audio are dropped."""
    from desktop.asr.base import DecodeOptions

    speech = read_audio(data_dir / "jfk_16k_mono.wav")[: int(2.6 * SAMPLE_RATE)]
    options = DecodeOptions(
        language="en",
        prompt="And so my fellow Americans,",
        vad=False,
        quick_window=True,
        context=speech,
        context_text="And so my fellow Americans,",
    )
    silence = np.zeros(2 * SAMPLE_RATE, dtype=np.float32)
    assert whisper_base.transcribe(silence, options).segments == ()


def test_after_a_lone_short_word_the_next_is_decoded_once(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    """ "two" heard after "one" (0.6 s of context) came back empty, so each of its decodes ran
    again without the context: a third more CPU on the three-word clip, for the same text."""
    from desktop.asr.vad import Segmenter, SileroDetector

    audio = read_audio(data_dir / "sr_english_one_two_three_16k.wav")
    padded = np.concatenate([audio, np.zeros(SAMPLE_RATE, dtype=np.float32)])
    one, two, _three = Segmenter(detector=SileroDetector()).push(padded)
    in_context = whisper_base.decode_window(
        two.audio,
        language="en",
        beam_size=5,
        timestamps=True,
        min_window_s=whisper_window.FINAL_MIN_WINDOW_S,
        context=one.audio,
        context_text="1",
    )
    assert clean_text(in_context.text) == ""  # the fault is real

    before = whisper_base.window_decodes
    events = run(whisper_base, all_queued(padded))  # queued at once: finals only, no partials
    assert words(committed_text(events)) == "1 2 3"
    assert whisper_base.window_decodes - before == 3  # one per utterance
