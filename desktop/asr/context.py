"""The utterances just committed, kept so the next decodes hear them as context.

Whisper decodes a lone utterance "cold": after a pause, "ask not…" came out "is not…", and
greedy partials garble the first words of an utterance. Put after the audio of the utterances
just before it, their committed text ending the prompt (``whisper_window``), it continues the
conversation as it does inside one window of an offline transcription.

An utterance too long to fit whole before the next one still lends its end (at least
``MIN_TAIL_S``): otherwise the utterance after every long one was decoded cold. Its whole text
ends the prompt (its words are not timed), as offline the prompt holds the previous window's
text. On four 4-minute consultations (Piper and Festival voices), WER against the script fell on
all four: 0.0885 → 0.0787, 0.0722 → 0.0704, 0.0861 → 0.0814, 0.0809 → 0.0504 (a minimum of
3 s did less well against the script, 1 s against the offline transcript; see issue 4's note).
"""

from __future__ import annotations

from collections import deque

import numpy as np

from desktop.asr.base import SAMPLE_RATE, Audio

KEEP_S = 10.0  # the most context any decode is given (context + its own audio)
MIN_TAIL_S = 2.0  # the shortest end of an utterance worth hearing as context


class RecentUtterances:
    """Audio and text of the latest committed utterances, enough to fill ``KEEP_S`` seconds."""

    def __init__(self) -> None:
        self._recent: deque[tuple[Audio, str]] = deque()

    def remember(self, audio: Audio, text: str) -> None:
        """Keep a committed utterance (an empty one — noise, a cough — breaks the context: its
        text would not describe its audio)."""
        if not text:
            self._recent.clear()
            return
        self._recent.append((audio, text))
        # The oldest kept one may reach further back than KEEP_S: its end may still be heard.
        while len(self._recent) > 1 and sum(len(a) for a, _t in self._recent) - len(
            self._recent[0][0]
        ) >= int(KEEP_S * SAMPLE_RATE):
            self._recent.popleft()

    def before(self, audio: Audio, seconds: float) -> tuple[Audio | None, str]:
        """The latest utterances that fit with ``audio`` in ``seconds``, and the end of the one
        before them when at least ``MIN_TAIL_S`` of room is left: their audio joined and their
        text (``None, ""`` when nothing fits)."""
        room = int(seconds * SAMPLE_RATE) - len(audio)
        taken: list[tuple[Audio, str]] = []
        for kept, text in reversed(self._recent):
            if len(kept) > room:
                if room >= int(MIN_TAIL_S * SAMPLE_RATE):
                    taken.insert(0, (kept[len(kept) - room :], text))
                break
            taken.insert(0, (kept, text))
            room -= len(kept)
        if not taken:
            return None, ""
        return np.concatenate([a for a, _t in taken]), " ".join(t for _a, t in taken)
