"""A transcriber for unit and UI tests: turns audio energy into predictable words, instantly.

Each 0.5 s window whose RMS is above a threshold becomes one word from a fixed list, so tests can
feed tones or silence and know exactly what text comes out.
"""

from __future__ import annotations

import numpy as np

from desktop.asr.base import DecodeOptions, Segment, Transcript
from desktop.pcm import SAMPLE_RATE, Audio

WORDS = ("patient", "reports", "cough", "for", "three", "days", "no", "fever")
WINDOW_S = 0.5
THRESHOLD = 0.01


class FakeTranscriber:
    name = "fake"

    def __init__(self, *, language: str = "en") -> None:
        self.language = language
        self.calls = 0

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        self.calls += 1
        step = int(WINDOW_S * SAMPLE_RATE)
        segments = []
        for i, offset in enumerate(range(0, len(audio), step)):
            window = audio[offset : offset + step]
            if window.size and float(np.sqrt(np.mean(window**2))) > THRESHOLD:
                start = options.offset_s + offset / SAMPLE_RATE
                end = start + window.size / SAMPLE_RATE
                segments.append(Segment(start, end, WORDS[i % len(WORDS)]))
        return Transcript(tuple(segments), options.language or self.language)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        return self.language, 1.0
