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

A context under ``MIN_CONTEXT_S`` is not heard: it is a lone short word ("one", "Sure."), too
little to help, and after it Whisper often hears nothing new ("two" after "one" came back
empty), so the utterance was decoded a second time alone. On the 2.7 s "one two three" that was
a quarter of the CPU (1.97 → 1.48 CPU-s). On the four consultations one final lost its context
(Piper dialogue 0, after "Sure."); the text after it moved as any prompt change moves it: WER
0.0721 → 0.0672 against the script, 0.031 → 0.036 against offline. The other three: unchanged.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from desktop.pcm import SAMPLE_RATE, Audio

KEEP_S = 10.0  # the most context any decode is given (context + its own audio)
MIN_TAIL_S = 2.0  # the shortest end of an utterance worth hearing as context
MIN_CONTEXT_S = 1.0  # a shorter context is not heard


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
        text (``None, ""`` when nothing fits, or less than ``MIN_CONTEXT_S`` would)."""
        room = int(seconds * SAMPLE_RATE) - len(audio)
        taken: list[tuple[Audio, str]] = []
        for kept, text in reversed(self._recent):
            if len(kept) > room:
                if room >= int(MIN_TAIL_S * SAMPLE_RATE):
                    taken.insert(0, (kept[len(kept) - room :], text))
                break
            taken.insert(0, (kept, text))
            room -= len(kept)
        if not taken or sum(len(a) for a, _t in taken) < int(MIN_CONTEXT_S * SAMPLE_RATE):
            return None, ""
        return np.concatenate([a for a, _t in taken]), " ".join(t for _a, t in taken)
