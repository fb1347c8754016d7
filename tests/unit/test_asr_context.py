"""What the live transcript keeps of the utterances just committed, as context for the next."""

from __future__ import annotations

import numpy as np

from desktop.asr.context import KEEP_S, MIN_CONTEXT_S, MIN_TAIL_S, RecentUtterances
from desktop.pcm import SAMPLE_RATE


def seconds(s: float, value: float = 0.1) -> np.ndarray:
    return np.full(int(s * SAMPLE_RATE), value, dtype=np.float32)


def test_the_latest_utterances_that_fit_come_first_to_last() -> None:
    recent = RecentUtterances()
    recent.remember(seconds(3, 0.1), "one")
    recent.remember(seconds(2, 0.2), "two")
    recent.remember(seconds(1, 0.3), "three")
    audio, text = recent.before(seconds(4), 8.0)  # 4 s of room: "two" and "three"
    assert text == "two three"
    assert audio is not None and len(audio) == 3 * SAMPLE_RATE
    assert audio[0] == np.float32(0.2) and audio[-1] == np.float32(0.3)


def test_nothing_when_too_little_of_the_last_one_would_fit() -> None:
    recent = RecentUtterances()
    recent.remember(seconds(3), "one")
    assert recent.before(seconds(8 - MIN_TAIL_S + 0.1), 8.0) == (None, "")
    assert RecentUtterances().before(seconds(1), 8.0) == (None, "")


def test_a_long_utterance_lends_its_end_when_it_does_not_fit_whole() -> None:
    # After a long utterance the next one is not decoded cold: it hears the long one's end.
    recent = RecentUtterances()
    ramp = np.linspace(0, 1, 8 * SAMPLE_RATE, dtype=np.float32)
    recent.remember(ramp, "a long answer")
    recent.remember(seconds(1, 0.3), "yes")
    audio, text = recent.before(seconds(5), 10.0)  # room for "yes" and 4 s of the long one
    assert text == "a long answer yes"
    assert audio is not None and len(audio) == 5 * SAMPLE_RATE
    assert audio[0] == ramp[4 * SAMPLE_RATE] and audio[4 * SAMPLE_RATE - 1] == ramp[-1]
    assert audio[-1] == np.float32(0.3)


def test_an_empty_utterance_breaks_the_context() -> None:
    recent = RecentUtterances()
    recent.remember(seconds(1), "one")
    recent.remember(seconds(1), "")  # a cough: its text does not describe its audio
    assert recent.before(seconds(1), 8.0) == (None, "")
    recent.remember(seconds(1), "two")
    assert recent.before(seconds(1), 8.0)[1] == "two"


def test_no_more_is_kept_than_fills_keep_s() -> None:
    recent = RecentUtterances()
    for i in range(10):
        recent.remember(seconds(3), str(i))
    audio, text = recent.before(seconds(0), 100.0)
    assert text == "6 7 8 9"  # 7 8 9 are 9 s: the end of 6 may still be heard
    assert audio is not None and len(audio) == 12 * SAMPLE_RATE
    assert recent.before(seconds(0), KEEP_S)[1] == "7 8 9"  # 1 s left: too short a tail
    recent.remember(seconds(12), "a long one")
    assert recent.before(seconds(0), 100.0)[1] == "a long one"


def test_a_context_shorter_than_min_context_s_is_not_heard() -> None:
    # After a lone short word ("one"), Whisper heard nothing new in "two": two decodes, not one.
    recent = RecentUtterances()
    recent.remember(seconds(MIN_CONTEXT_S - 0.1), "one")
    assert recent.before(seconds(1), 8.0) == (None, "")
    recent.remember(seconds(0.2), "two")  # together they are long enough
    audio, text = recent.before(seconds(1), 8.0)
    assert text == "one two"
    assert audio is not None and len(audio) == int((MIN_CONTEXT_S + 0.1) * SAMPLE_RATE)
