"""What the live transcript keeps of the utterances just committed, as context for the next."""

from __future__ import annotations

import numpy as np

from desktop.asr.base import SAMPLE_RATE
from desktop.asr.context import KEEP_S, RecentUtterances


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


def test_nothing_when_the_last_one_does_not_fit() -> None:
    recent = RecentUtterances()
    recent.remember(seconds(3), "one")
    assert recent.before(seconds(6), 8.0) == (None, "")
    assert RecentUtterances().before(seconds(1), 8.0) == (None, "")


def test_an_empty_utterance_breaks_the_context() -> None:
    recent = RecentUtterances()
    recent.remember(seconds(1), "one")
    recent.remember(seconds(1), "")  # a cough: its text does not describe its audio
    assert recent.before(seconds(1), 8.0) == (None, "")
    recent.remember(seconds(1), "two")
    assert recent.before(seconds(1), 8.0)[1] == "two"


def test_no_more_than_keep_s_is_kept() -> None:
    recent = RecentUtterances()
    for i in range(10):
        recent.remember(seconds(3), str(i))
    audio, text = recent.before(seconds(0), 100.0)
    assert audio is not None and len(audio) <= KEEP_S * SAMPLE_RATE
    assert text == "7 8 9"
