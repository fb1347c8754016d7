"""The utterances just committed, kept so the next decodes hear them as context.

Whisper decodes a lone utterance "cold": after a pause, "ask not…" came out "is not…", and
greedy partials garble the first words of an utterance. Put after the audio of the utterances
just before it, their committed text ending the prompt (``whisper_window``), it continues the
conversation as it does inside one window of an offline transcription.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from desktop.asr.base import SAMPLE_RATE, Audio

KEEP_S = 10.0  # the most context any decode is given (context + its own audio)


class RecentUtterances:
    """Audio and text of the latest committed utterances, up to ``KEEP_S`` seconds."""

    def __init__(self) -> None:
        self._recent: deque[tuple[Audio, str]] = deque()

    def remember(self, audio: Audio, text: str) -> None:
        """Keep a committed utterance (an empty one — noise, a cough — breaks the context: its
        text would not describe its audio)."""
        if not text:
            self._recent.clear()
            return
        self._recent.append((audio, text))
        while sum(len(a) for a, _t in self._recent) > int(KEEP_S * SAMPLE_RATE):
            self._recent.popleft()

    def before(self, audio: Audio, seconds: float) -> tuple[Audio | None, str]:
        """The latest utterances that fit with ``audio`` in ``seconds``: their audio joined and
        their text (``None, ""`` when none fits)."""
        room = int(seconds * SAMPLE_RATE) - len(audio)
        taken: list[tuple[Audio, str]] = []
        for kept, text in reversed(self._recent):
            if len(kept) > room:
                break
            taken.insert(0, (kept, text))
            room -= len(kept)
        if not taken:
            return None, ""
        return np.concatenate([a for a, _t in taken]), " ".join(t for _a, t in taken)
