"""Synthetic audio for tests that need sound but no words."""

from __future__ import annotations

import numpy as np

from desktop.asr.base import SAMPLE_RATE


def beats(seconds: int) -> np.ndarray:
    """Alternating 0.5 s of tone and 0.5 s of silence: one "word" a second, at whole seconds."""
    t = np.arange(SAMPLE_RATE // 2, dtype=np.float32) / SAMPLE_RATE
    tone = (0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    return np.tile(np.concatenate([tone, np.zeros_like(tone)]), seconds)
