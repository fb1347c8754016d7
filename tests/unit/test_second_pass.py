"""The second pass (desktop.session.second_pass): which stretch it takes next, how its text
replaces the live text, and how it behaves when it fails, when the live tier is busy, when the
language changes and at Stop. Fake transcribers; the real model is in the integration tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from desktop.asr.base import SAMPLE_RATE, Audio, DecodeOptions, Segment, Transcript
from desktop.cancel import CancelToken
from desktop.session.second_pass import (
    MIN_WINDOW_S,
    WINDOW_S,
    AudioTape,
    SecondPass,
    Settled,
    TeeFeed,
    next_window,
    settle,
)


@dataclass(frozen=True)
class Labelled(Segment):
    """A segment with a field the second pass does not know (e.g. a speaker label)."""

    speaker: str = ""


LONG = (
    "It started on Monday after I lifted a heavy box at work and it has not gone away since then."
)


def seg(start: float, end: float, text: str = "word word") -> Segment:
    return Segment(start, end, text)


def utterances(every: float, length: float, until: float) -> list[Segment]:
    """Live segments of ``length`` s, one every ``every`` s (pauses between them)."""
    out, t = [], 0.0
    while t + length <= until:
        out.append(seg(t, t + length))
        t += every
    return out


# --- next_window ------------------------------------------------------------------------------


def test_waits_until_enough_is_committed_then_cuts_at_a_pause():
    live = utterances(every=3.0, length=2.5, until=9.0)
    assert next_window(live, 0.0, stopped=False) is None  # a little behind the live text
    live = utterances(every=3.0, length=2.5, until=60.0)
    start, end = next_window(live, 0.0, stopped=False)
    assert start == 0.0 and MIN_WINDOW_S <= end <= WINDOW_S
    assert any(s.end == end for s in live)  # at the end of a live segment, before a pause
    nxt = next_window(live, end, stopped=False)
    assert nxt is not None and nxt[0] == end


def test_at_stop_the_rest_is_taken_whatever_its_length():
    live = utterances(every=3.0, length=2.5, until=9.0)
    assert next_window(live, 0.0, stopped=True) == (0.0, 8.5)
    assert next_window(live, 8.5, stopped=True) is None


def test_a_long_stretch_without_pauses_is_cut_at_its_widest_gap():
    live = [seg(float(t), float(t) + 1.0) for t in range(0, 40)]  # no gap anywhere
    live[10] = seg(10.0, 10.8)  # the widest gap: 0.2 s after 10.8
    assert next_window(live, 0.0, stopped=False) == (0.0, 10.8)


# --- settle -----------------------------------------------------------------------------------


def test_settled_text_replaces_the_stretch_and_keeps_other_fields():
    live = [
        Labelled(0.0, 2.0, "When did this pain start?", "doctor"),
        Labelled(2.5, 4.0, "When did this pain start?", "doctor"),
        Labelled(5.0, 7.0, "Are you sure I have a pain?", "patient"),
        Labelled(7.5, 8.5, LONG, "patient"),
        Labelled(9.0, 10.0, "Later words.", "doctor"),
    ]
    new = [
        Segment(0.0, 4.0, " When did this pain start?"),
        Segment(5.0, 7.0, " A sharp pain, a sharp pain."),
        Segment(7.5, 8.5, LONG),
    ]
    merged = settle(live, 0.0, 8.5, new)
    assert [s.text for s in merged] == [
        "When did this pain start?",
        "A sharp pain, a sharp pain.",
        LONG,
        "Later words.",
    ]
    assert [s.speaker for s in merged] == ["doctor", "patient", "patient", "doctor"]
    assert all(isinstance(s, Labelled) for s in merged)


def test_text_that_looks_wrong_is_not_used():
    live = [seg(0.0, 5.0, "one two three four five six seven eight nine ten")]
    assert settle(live, 0.0, 5.0, []) is None
    assert settle(live, 0.0, 5.0, [seg(0.0, 5.0, "one two")]) is None
    six = "one two three four five six"  # four words of ten skipped: the live text stays
    assert settle(live, 0.0, 5.0, [seg(0.0, 5.0, six)]) is None
    eight = "one two three four five six seven eight"
    assert settle(live, 0.0, 5.0, [seg(0.0, 5.0, eight)]) is not None


# --- the tape ---------------------------------------------------------------------------------


def test_the_feed_copies_the_audio_and_counts_what_waits():
    tape = AudioTape()
    feed = TeeFeed(tape)
    block = np.arange(SAMPLE_RATE, dtype=np.float32)
    feed.put(block)
    feed.put(block + SAMPLE_RATE)
    assert feed.waiting_s() == 2.0 and tape.seconds == 2.0
    assert feed.get() is block
    assert feed.waiting_s() == 1.0
    feed.put(None)
    assert tape.seconds == 2.0
    np.testing.assert_array_equal(
        tape.read(0.5, 1.5), np.arange(SAMPLE_RATE // 2, SAMPLE_RATE * 3 // 2)
    )
    tape.forget_before(1.2)  # the first block is settled: dropped
    np.testing.assert_array_equal(tape.read(1.0, 1.5), np.arange(SAMPLE_RATE, SAMPLE_RATE * 3 // 2))


# --- the pass itself ----------------------------------------------------------------------------


class Scripted:
    """Answers call N with a sentence "settled N ..." every 3 s of the window, and records the
    options it was given; ``fail`` makes the given call numbers raise."""

    name = "scripted"

    def __init__(self, *, fail: tuple[int, ...] = (), log: list[str] | None = None) -> None:
        self.calls: list[DecodeOptions] = []
        self.fail = fail
        self.log = log if log is not None else []

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        self.calls.append(options)
        self.log.append("decode")
        if len(self.calls) in self.fail:
            raise RuntimeError("decode failed")
        seconds = len(audio) / SAMPLE_RATE
        text = f"settled {len(self.calls)} " + " ".join(["word"] * 5)
        starts = np.arange(0.0, seconds - 0.5, 3.0)  # a sentence every 3 s, as the live ones
        return Transcript(
            tuple(
                Segment(options.offset_s + t, options.offset_s + min(t + 2.5, seconds), text)
                for t in starts
            ),
            "en",
        )

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        return "en", 1.0


def make_pass(model: Scripted, seconds: float, **kwargs) -> SecondPass:
    tape = AudioTape()
    tape.append(np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32))
    return SecondPass(tape=tape, load=lambda: model, language="en", nice=False, **kwargs)


def live_words(start: float, end: float) -> Segment:
    return seg(start, end, "live " + " ".join(["word"] * 6))


def test_each_window_settles_with_the_text_before_as_prompt():
    model = Scripted()
    second = make_pass(model, 70.0, vocabulary=("amoxicillin",))
    live = [live_words(t, t + 2.5) for t in range(0, 66, 3)]
    second.committed(live, "en")
    second.stop()
    settled = list(second.run(CancelToken()))
    assert len(settled) >= 3 and all(isinstance(s, Settled) for s in settled)
    assert settled[0].start == 0.0 and settled[-1].end == live[-1].end
    assert [s.start for s in settled[1:]] == [s.end for s in settled[:-1]]  # no gap, no overlap
    assert model.calls[0].prompt == "amoxicillin."
    assert "settled 1" in model.calls[1].prompt  # the previous window's text
    assert all(o.beam_size == 5 and o.vad and o.language == "en" for o in model.calls)
    assert settled[1].segments[0].start == settled[1].start  # times from the encounter's start


def test_a_failed_window_keeps_the_live_text_and_the_next_ones_settle():
    model = Scripted(fail=(1,))
    second = make_pass(model, 70.0)
    live = [live_words(t, t + 2.5) for t in range(0, 66, 3)]
    second.committed(live, "en")
    second.stop()
    settled = list(second.run(CancelToken()))
    assert len(model.calls) == len(settled) + 1
    assert settled[0].start > 0.0  # the first stretch was not replaced
    assert "live word" in model.calls[1].prompt  # ... and its live text is the prompt


def test_the_pass_steps_aside_while_the_live_tier_is_behind():
    log: list[str] = []
    waiting = [5.0, 5.0, 0.0]

    def live_waiting_s() -> float:
        value = waiting.pop(0) if waiting else 0.0
        log.append(f"live waits {value}")
        return value

    model = Scripted(log=log)
    second = make_pass(model, 70.0, live_waiting_s=live_waiting_s)
    second.committed([live_words(t, t + 2.5) for t in range(0, 66, 3)], "en")
    run = second.run(CancelToken())
    next(run)
    assert log == ["live waits 5.0", "live waits 5.0", "live waits 0.0", "decode"]
    second.live_backlog(3.0)  # the live tier reported a backlog: no decode until it is gone
    assert second._busy()
    second.live_backlog(0.0)
    assert not second._busy()


def test_a_language_change_starts_the_prompt_again():
    model = Scripted()
    second = make_pass(model, 70.0)
    second.committed([live_words(t, t + 2.5) for t in range(0, 33, 3)], "en")
    run = second.run(CancelToken())
    next(run)
    second.committed([live_words(t, t + 2.5) for t in range(33, 66, 3)], "fr")
    second.stop()
    list(run)
    assert model.calls[0].language == "en" and model.calls[-1].language == "fr"
    first_french = next(o for o in model.calls if o.language == "fr")
    assert first_french.prompt == ""  # the English text is no prompt for French


def test_at_stop_the_last_stretch_is_settled_with_the_live_model():
    background, live_model = Scripted(), Scripted()
    second = make_pass(background, 70.0)
    second.committed([live_words(t, t + 2.5) for t in range(0, 33, 3)], "en")
    run = second.run(CancelToken())
    next(run)
    assert len(background.calls) == 1
    second.committed([live_words(t, t + 2.5) for t in range(33, 45, 3)], "en")
    second.stop(final=live_model)
    rest = list(run)
    assert len(background.calls) == 1 and len(live_model.calls) == len(rest) >= 1
    assert rest[-1].end == 44.5


def test_no_window_reaches_past_the_audio_heard():
    """A live segment claiming to end after the audio on the tape (Whisper's timestamp
    overshooting) must not make a window of audio nobody heard yet: its text would replace the
    next utterances' as they come."""
    model = Scripted()
    second = make_pass(model, 20.0)  # 20 s heard so far
    live = [live_words(t, t + 2.5) for t in range(0, 15, 3)]
    live.append(live_words(15.0, 33.5))  # "ends" 13.5 s after the tape
    second.committed(live, "en")
    run = second.run(CancelToken())
    first = next(run)
    assert first.end <= 20.0
    second.stop()
    assert all(s.end <= 20.0 for s in [first, *run])


def test_cancel_ends_the_pass():
    model = Scripted()
    second = make_pass(model, 70.0)
    second.committed([live_words(t, t + 2.5) for t in range(0, 66, 3)], "en")
    token = CancelToken()
    run = second.run(token)
    next(run)
    token.cancel()
    assert list(run) == []


@pytest.mark.parametrize("stopped", [False, True])
def test_nothing_committed_nothing_settled(stopped):
    model = Scripted()
    second = make_pass(model, 5.0)
    if stopped:
        second.stop()
        assert list(second.run(CancelToken())) == []
    else:
        assert next_window([], 0.0, stopped=False) is None
    assert model.calls == []
