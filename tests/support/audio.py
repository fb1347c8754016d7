"""Synthetic audio for tests that need sound but no words."""

from __future__ import annotations

import numpy as np

from desktop.pcm import SAMPLE_RATE


def beats(seconds: int) -> np.ndarray:
    """Alternating 0.5 s of tone and 0.5 s of silence: one "word" a second, at whole seconds."""
    t = np.arange(SAMPLE_RATE // 2, dtype=np.float32) / SAMPLE_RATE
    tone = (0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32)
    return np.tile(np.concatenate([tone, np.zeros_like(tone)]), seconds)


def faster(audio: np.ndarray, rate: float, frame: int = 640) -> np.ndarray:
    """``audio`` spoken ``rate`` times faster at the same pitch (plain overlap-add of Hann
    frames, read ``rate`` times faster than they are written): a fast talker from a clip."""
    hop_out = frame // 2
    hop_in = int(hop_out * rate)
    window = np.hanning(frame).astype(np.float32)
    count = (len(audio) - frame) // hop_in
    out = np.zeros(count * hop_out + frame, dtype=np.float32)
    weight = np.zeros_like(out)
    for i in range(count):
        out[i * hop_out : i * hop_out + frame] += audio[i * hop_in : i * hop_in + frame] * window
        weight[i * hop_out : i * hop_out + frame] += window
    return out / np.maximum(weight, 1e-3)
