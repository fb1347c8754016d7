"""The live transcription policy, with the fake transcriber and an energy-based VAD."""

from __future__ import annotations

import itertools
import queue
from dataclasses import dataclass, field, replace

import numpy as np
import pytest

from desktop.asr.base import (
    SAMPLE_RATE,
    Audio,
    Backlog,
    Committed,
    DecodeOptions,
    Partial,
    Transcript,
)
from desktop.asr.fake import FakeTranscriber
from desktop.asr.streaming import Event, LiveTranscription
from desktop.asr.vad import EnergyDetector
from desktop.cancel import CancelToken
from tests.support.feeds import TrickleQueue

BLOCK = 1600  # 0.1 s, as the capture thread sends


def tone(seconds: float, amplitude: float = 0.2) -> Audio:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def quiet(seconds: float) -> Audio:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def blocks(audio: Audio) -> list[Audio]:
    return [audio[i : i + BLOCK] for i in range(0, len(audio), BLOCK)]


def backlog_queue(items: list[Audio | None]) -> queue.Queue[Audio | None]:
    """Everything already queued: the decoder is far behind the microphone."""
    q: queue.Queue[Audio | None] = queue.Queue()
    for item in items:
        q.put(item)
    return q


@dataclass
class Recording:
    """Wraps a transcriber and remembers every call."""

    inner: FakeTranscriber = field(default_factory=FakeTranscriber)
    name: str = "recording"
    calls: list[DecodeOptions] = field(default_factory=list)
    detections: int = 0

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        self.calls.append(options)
        return self.inner.transcribe(audio, options)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        self.detections += 1
        return self.inner.detect_language(audio)


def run(live: LiveTranscription, feed: queue.Queue[Audio | None]) -> list[Event]:
    return list(live.run(feed, CancelToken()))


def committed(events: list[Event]) -> list[Committed]:
    return [e for e in events if isinstance(e, Committed)]


def live(transcriber: object, **kwargs: object) -> LiveTranscription:
    return LiveTranscription(
        transcriber=transcriber,  # type: ignore[arg-type]
        language=str(kwargs.pop("language", "en")),
        detector=EnergyDetector(),
        **kwargs,  # type: ignore[arg-type]
    )


def test_each_utterance_is_committed_once_with_encounter_times() -> None:
    audio = np.concatenate([quiet(1.0), tone(1.5), quiet(1.5), tone(2.0), quiet(1.5)])
    events = run(live(FakeTranscriber()), TrickleQueue([*blocks(audio), None]))
    commits = committed(events)
    assert len(commits) == 2
    first, second = commits[0].segments, commits[1].segments
    assert first[0].start == pytest.approx(0.8, abs=0.1)  # 0.2 s of pre-roll before the tone
    assert first[-1].end <= 2.75  # the tone ends at 2.5 s, plus 0.2 s of padding
    assert second[0].start == pytest.approx(3.8, abs=0.1)
    assert second[-1].end <= 6.25
    # every commit clears the tentative tail
    for i, event in enumerate(events):
        if isinstance(event, Committed):
            assert events[i + 1] == Partial("")


def test_partials_about_once_a_second_then_the_final() -> None:
    audio = np.concatenate([tone(4.0), quiet(1.0)])
    events = run(live(FakeTranscriber()), TrickleQueue([*blocks(audio), None]))
    partials = [e.text for e in events if isinstance(e, Partial) and e.text]
    assert 3 <= len(partials) <= 4
    assert all(len(b.split()) >= len(a.split()) for a, b in itertools.pairwise(partials))
    commits = committed(events)
    assert len(commits) == 1
    assert " ".join(s.text for s in commits[0].segments).startswith(partials[-1])
    assert not any(isinstance(e, Backlog) for e in events)


def test_stop_drains_everything_and_finishes_the_open_utterance() -> None:
    # Speech right up to Stop: the last utterance never sees its pause.
    audio = np.concatenate([tone(2.0), quiet(1.0), tone(3.0), quiet(1.0), tone(2.5)])
    events = run(live(FakeTranscriber()), backlog_queue([*blocks(audio), None]))
    words = [s.text for c in committed(events) for s in c.segments]
    # FakeTranscriber gives one word per 0.5 s of tone: 4 + 6 + 5 words, none lost.
    assert len(words) >= 15
    assert committed(events)[-1].segments[-1].end == pytest.approx(9.5, abs=0.05)


def test_when_behind_partials_stop_and_backlog_is_reported_down_to_zero() -> None:
    audio = np.concatenate([tone(2.0), quiet(1.0)] * 4)
    events = run(live(FakeTranscriber()), backlog_queue([*blocks(audio), None]))
    backlogs = [e.seconds for e in events if isinstance(e, Backlog)]
    assert backlogs[0] >= 4.0
    assert backlogs[-1] == 0.0
    assert backlogs == sorted(backlogs, reverse=True)
    assert not [e for e in events if isinstance(e, Partial) and e.text]
    assert len(committed(events)) == 4
    assert isinstance(events[-1], Backlog)


def test_final_decode_gets_beam_prompt_vocabulary_and_offset() -> None:
    rec = Recording()
    audio = np.concatenate([tone(1.0), quiet(1.0), tone(1.0), quiet(1.0)])
    run(
        live(rec, vocabulary=("amoxicillin", " ", "Doliprane")),
        TrickleQueue([*blocks(audio), None]),
    )
    finals = [c for c in rec.calls if c.beam_size == 5]
    assert len(finals) == 2
    assert finals[0].hotwords == ("amoxicillin", "Doliprane")
    assert finals[0].prompt == "amoxicillin, Doliprane."
    assert finals[1].prompt.startswith("amoxicillin, Doliprane. patient reports")
    assert finals[1].offset_s == pytest.approx(1.8, abs=0.1)
    assert all(not c.vad and c.language == "en" for c in finals)


def test_auto_language_is_locked_once_it_clearly_leads() -> None:
    rec = Recording(inner=FakeTranscriber(language="fr"))
    audio = np.concatenate([tone(2.5), quiet(1.0)] * 3)
    live_fr = live(rec, language="auto")
    events = run(live_fr, TrickleQueue([*blocks(audio), None]))
    assert rec.detections == 1  # 2.5 s of sure French: locked, never checked again
    assert live_fr.language == "fr"
    assert [c.language for c in committed(events)] == ["fr", "fr", "fr"]
    assert {c.language for c in rec.calls if c.beam_size == 5} == {"fr"}


@dataclass
class Unsure(Recording):
    """Hears robotic French as Thai first, as Whisper base does on espeak audio."""

    answers: list[dict[str, float]] = field(
        default_factory=lambda: [
            {"th": 0.81, "fr": 0.05, "en": 0.02},
            {"fr": 0.76, "en": 0.01, "la": 0.07},
        ]
    )

    def language_probabilities(self, audio: Audio) -> dict[str, float]:
        self.detections += 1
        return self.answers[min(self.detections - 1, len(self.answers) - 1)]


def test_auto_chooses_among_the_app_languages_weighing_the_evidence() -> None:
    rec = Unsure()
    audio = np.concatenate([tone(2.5), quiet(1.0)] * 3)
    live_auto = live(rec, language="auto")
    events = run(live_auto, TrickleQueue([*blocks(audio), None]))
    assert live_auto.language == "fr"
    assert [c.language for c in committed(events)] == ["fr", "fr", "fr"]
    assert rec.detections == 2  # the Thai-sounding start was too weak evidence to lock on


def test_short_utterances_are_not_weighed_once_a_language_leads() -> None:
    rec = Unsure(answers=[{"fr": 0.5, "en": 0.1}, {"fr": 0.9, "en": 0.0}])
    audio = np.concatenate([tone(1.5), quiet(1.0), tone(0.4), quiet(1.0), tone(0.4), quiet(1.0)])
    audio = np.concatenate([audio, tone(2.5), quiet(1.0)])
    live_auto = live(rec, language="auto")
    events = run(live_auto, TrickleQueue([*blocks(audio), None]))
    # The two short ones took the leader, French, without an encoder pass of their own.
    assert rec.detections == 2
    assert [c.language for c in committed(events)] == ["fr", "fr", "fr", "fr"]
    assert live_auto.language == "fr"


def test_cancel_stops_at_once_without_draining() -> None:
    audio = np.concatenate([tone(2.0), quiet(1.0)] * 3)
    token = CancelToken()
    out: list[Event] = []
    gen = live(FakeTranscriber()).run(backlog_queue([*blocks(audio), None]), token)
    for event in gen:
        out.append(event)
        if isinstance(event, Committed):
            token.cancel()
    assert len(committed(out)) == 1


def test_backend_without_partials_gives_finals_only() -> None:
    fake = FakeTranscriber()
    fake.live_partials = False  # type: ignore[attr-defined]
    audio = np.concatenate([tone(4.0), quiet(1.0)])
    events = run(live(fake), TrickleQueue([*blocks(audio), None]))
    assert [e for e in events if isinstance(e, Partial) and e.text] == []
    assert len(committed(events)) == 1


class Echoing(Recording):
    """Answers with its prompt's last sentence when it has one (Whisper's prompt echo)."""

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        result = super().transcribe(audio, options)
        if options.prompt and options.beam_size == 5 and len(self.calls) > 1:
            return Transcript((result.segments[0].__class__(0, 1, self.last),), "en")
        self.last = result.text
        return result


def test_prompt_echo_is_decoded_again_without_prompt() -> None:
    rec = Echoing()
    audio = np.concatenate([tone(2.5), quiet(1.0), tone(2.5), quiet(1.0)])
    events = run(live(rec, partials=False), TrickleQueue([*blocks(audio), None]))
    texts = [" ".join(s.text for s in c.segments) for c in committed(events)]
    assert len(texts) == 2 and texts[0] != texts[1]
    assert rec.calls[-1].prompt == ""


def test_no_speech_no_events() -> None:
    events = run(live(FakeTranscriber()), TrickleQueue([*blocks(quiet(5.0)), None]))
    assert committed(events) == []
    assert [e for e in events if isinstance(e, Partial) and e.text] == []


def test_finals_use_the_quick_window_unless_told_otherwise() -> None:
    audio = np.concatenate([tone(1.0), quiet(1.0)] * 3)
    default = Recording()
    run(live(default, partials=False), TrickleQueue([*blocks(audio), None]))
    assert [c.quick_window for c in default.calls] == [True, True, True]
    full = Recording()
    run(live(full, partials=False, quick_finals=False), backlog_queue([*blocks(audio), None]))
    assert [c.quick_window for c in full.calls] == [False, False, False]


def test_finals_hear_the_previous_utterances_as_context() -> None:
    rec = Recording()
    audio = np.concatenate([tone(1.0), quiet(1.0), tone(1.5), quiet(1.0), tone(7.5), quiet(1.0)])
    events = run(live(rec, partials=False), TrickleQueue([*blocks(audio), None]))
    texts = [" ".join(s.text for s in c.segments) for c in committed(events)]
    first, second, third = rec.calls
    assert first.context is None and first.context_text == ""
    assert second.context is not None
    assert len(second.context) == pytest.approx(1.2 * SAMPLE_RATE, abs=0.1 * SAMPLE_RATE)  # +pad
    assert second.context_text == texts[0]
    assert second.prompt.endswith(texts[0])  # a backend ignoring the context loses nothing
    # Context and utterance fit in CONTEXT_S: 7.9 s of speech leaves room for the 1.9 s before
    # it, not for both utterances.
    assert third.context is not None and third.context_text == texts[1]


class Coughing(Recording):
    """Hears nothing in its second utterance (a cough, a door)."""

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        result = super().transcribe(audio, options)
        return Transcript((), "en") if len(self.calls) == 2 else result


def test_an_empty_final_breaks_the_context() -> None:
    rec = Coughing()
    audio = np.concatenate([tone(1.0), quiet(1.0)] * 3)
    run(live(rec, partials=False), TrickleQueue([*blocks(audio), None]))
    assert [c.context is not None for c in rec.calls] == [False, True, False]


def test_no_context_when_finals_use_the_full_window() -> None:
    rec = Recording()
    audio = np.concatenate([tone(1.0), quiet(1.0)] * 3)
    run(live(rec, partials=False, quick_finals=False), TrickleQueue([*blocks(audio), None]))
    assert [c.context for c in rec.calls] == [None, None, None]


def test_no_partial_once_the_speaker_paused() -> None:
    # Partials are due at 1.0 s and 2.0 s of the utterance; at 2.0 s the speaker has been quiet
    # for 0.3 s, so the final (at 2.2 s) is next and a partial then would only delay it.
    rec = Recording()
    audio = np.concatenate([tone(1.7), quiet(1.0)])
    events = run(live(rec), TrickleQueue([*blocks(audio), None]))
    assert len([e for e in events if isinstance(e, Partial) and e.text]) == 1
    assert len(committed(events)) == 1


def test_the_final_is_decoded_during_the_pause_and_used_once_the_pause_holds() -> None:
    rec = Recording()
    audio = np.concatenate([tone(1.7), quiet(1.0), tone(1.2), quiet(1.0)])
    events = run(live(rec), TrickleQueue([*blocks(audio), None]))
    finals = [c for c in rec.calls if c.beam_size == 5]
    assert len(finals) == 2  # one decode per utterance: the early one was used
    commits = committed(events)
    assert len(commits) == 2
    assert commits[0].segments[-1].end == pytest.approx(1.9, abs=0.05)  # speech + 0.2 s pad


def test_an_early_final_is_dropped_when_the_speaker_goes_on() -> None:
    rec = Recording()
    # A 0.45 s breath: long enough for an early decode, too short to end the utterance.
    audio = np.concatenate([tone(1.5), quiet(0.45), tone(1.5), quiet(1.0)])
    events = run(live(rec), TrickleQueue([*blocks(audio), None]))
    finals = [c for c in rec.calls if c.beam_size == 5]
    assert len(finals) == 2  # early at the breath (not used), early at the real end (used)
    commits = committed(events)
    assert len(commits) == 1  # the breath did not split the utterance
    assert commits[0].segments[0].start == 0.0
    assert commits[0].segments[-1].end >= 3.4  # the whole of it (the fake times words by 0.5 s)


@dataclass
class GuessingTail(Recording):
    """Offers ``guess_tail`` (as the local backend does) and remembers the context of each."""

    guesses: list[tuple[float, str]] = field(default_factory=list)  # context seconds, its text

    def guess_tail(
        self,
        audio: Audio,
        *,
        language: str | None,
        prompt: str = "",
        context: Audio | None = None,
        context_text: str = "",
    ) -> str:
        seconds = 0.0 if context is None else len(context) / SAMPLE_RATE
        self.guesses.append((seconds, context_text))
        options = DecodeOptions(language=language, beam_size=1, vad=False)
        return self.inner.transcribe(audio, options).text


def test_partials_hear_the_previous_utterances_as_context() -> None:
    rec = GuessingTail()
    audio = np.concatenate([tone(1.5), quiet(1.0), tone(2.5), quiet(1.0), tone(9.0), quiet(1.0)])
    events = run(live(rec), TrickleQueue([*blocks(audio), None]))
    first, second, _third = (" ".join(s.text for s in c.segments) for c in committed(events))
    contexts = [text for _s, text in rec.guesses]
    assert contexts[0] == ""  # nothing said before the first utterance
    assert first in contexts and f"{first} {second}" in contexts
    seconds = [s for s, text in rec.guesses if text == f"{first} {second}"]
    assert all(s == pytest.approx(1.7 + 2.9, abs=0.1) for s in seconds)  # both, with padding
    # As the open utterance grows, the oldest context goes first; past 4 s all of it (a longer
    # utterance carries its own context, and the partials of a long one cost enough).
    assert contexts.index(second) > contexts.index(f"{first} {second}")
    assert rec.guesses[-1] == (0.0, "")
    assert contexts.count("") == 1 + 3  # the first utterance; the third at 4.8, 6.4 and 8 s


def test_partials_come_less_often_once_the_utterance_is_long() -> None:
    # A partial decodes the whole open utterance: on a long one each costs more and holds the
    # final back longer. Up to 4 s of speech one comes about every second (at 1.1, 2.2 and 3.2 s
    # of audio here), then every 1.5 s (4.8, 6.4, 8.0 s): 6 partials instead of 8.
    rec = GuessingTail()
    audio = np.concatenate([tone(9.0), quiet(1.0)])
    events = run(live(rec), TrickleQueue([*blocks(audio), None]))
    assert len(rec.guesses) == 6
    assert len(committed(events)) == 1


@dataclass
class Overshooting:
    """Whisper's last timestamp past the audio it was given (seen live: an utterance ending at
    160.7 s committed a segment "ending" at 173.5 s)."""

    inner: FakeTranscriber = field(default_factory=FakeTranscriber)
    name: str = "overshooting"

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        result = self.inner.transcribe(audio, options)
        segments = tuple(replace(s, start=s.start - 3.0, end=s.end + 13.0) for s in result.segments)
        return Transcript(segments, result.language)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        return self.inner.detect_language(audio)


def test_a_committed_segment_never_lies_outside_its_utterances_audio() -> None:
    audio = np.concatenate([quiet(4.0), tone(1.5), quiet(1.5), tone(2.0), quiet(1.5)])
    commits = committed(run(live(Overshooting()), TrickleQueue([*blocks(audio), None])))
    assert len(commits) == 2
    first, second = commits[0].segments, commits[1].segments
    assert first[0].start >= 3.7 and first[-1].end <= 5.75  # the tone: 4.0-5.5 s, and padding
    assert second[0].start >= 6.7 and second[-1].end <= 9.25
    assert first[-1].end <= second[0].start  # in order, never overlapping
