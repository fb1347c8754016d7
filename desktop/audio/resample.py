"""Streaming conversion of any device format to 16 kHz mono float32 (numpy only).

``Resampler`` is a stateful windowed-sinc (Kaiser) polyphase resampler for any pair of integer
rates: blocks of any size go in, the output is exactly what one pass over the whole signal
would give, and ``flush`` returns the tail. Positions are computed with integers, so a
60-minute recording does not drift. Pure computation, no threads: run it off the audio thread.
"""

from __future__ import annotations

from math import ceil, gcd

import numpy as np
import numpy.typing as npt

from desktop.pcm import SAMPLE_RATE, Audio

ZERO_CROSSINGS = 16  # filter half-length, in zero crossings of the sinc at the cutoff
ROLLOFF = 0.94  # cutoff as a fraction of the lower Nyquist frequency
KAISER_BETA = 8.6  # ~ -80 dB stop band


def to_mono(block: npt.NDArray[np.floating]) -> Audio:
    """(frames,) or (frames, channels) → (frames,) float32, averaging the channels."""
    data = np.asarray(block, dtype=np.float32)
    if data.ndim == 2:
        data = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1, dtype=np.float32)
    return np.ascontiguousarray(data, dtype=np.float32)


def _filter_bank(up: int, down: int, half: int, cutoff: float) -> Audio:
    """Row ``p`` holds the taps for an output that falls ``p / up`` of a sample after an input.

    Taps cover inputs ``i - half + 1 .. i + half`` where ``i`` is the input just before.
    """
    phases = np.arange(up, dtype=np.float64)[:, None] / up
    offsets = np.arange(-half + 1, half + 1, dtype=np.float64)[None, :]
    t = phases - offsets  # distance from each tap to the output position, in input samples
    window = np.i0(KAISER_BETA * np.sqrt(np.clip(1.0 - (t / half) ** 2, 0.0, 1.0)))
    taps = cutoff * np.sinc(cutoff * t) * window / np.i0(KAISER_BETA)
    taps /= taps.sum(axis=1, keepdims=True)  # unit gain at DC for every phase
    return taps.astype(np.float32)


class Resampler:
    """Converts a stream at ``rate`` Hz to ``target`` Hz. Not thread-safe: one consumer thread."""

    def __init__(self, *, rate: int, target: int = SAMPLE_RATE) -> None:
        if rate <= 0 or target <= 0:
            raise ValueError("sample rates must be positive")
        self.rate = int(rate)
        self.target = int(target)
        g = gcd(self.rate, self.target)
        self._up = self.target // g  # output n sits at input position n * down / up
        self._down = self.rate // g
        self._passthrough = self.rate == self.target
        cutoff = ROLLOFF * min(1.0, self.target / self.rate)
        self._half = ceil(ZERO_CROSSINGS / cutoff)
        self._bank = _filter_bank(self._up, self._down, self._half, cutoff)
        # Input history: absolute index of _buf[0]; starts with zeros before the signal.
        self._buf = np.zeros(self._half, dtype=np.float32)
        self._buf_start = -self._half
        self._n_out = 0  # index of the next output sample
        self._n_in = 0  # input samples received so far

    def process(self, block: Audio) -> Audio:
        """Feed input samples (mono float32); return the output samples now complete."""
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        self._n_in += block.size
        if self._passthrough:
            return block.copy()
        self._buf = np.concatenate([self._buf, block])
        return self._produce(self._buf_start + self._buf.size - 1)

    def flush(self) -> Audio:
        """Return the remaining output: the stream ends here (total = ceil(inputs × ratio))."""
        if self._passthrough:
            return np.zeros(0, dtype=np.float32)
        self._buf = np.concatenate([self._buf, np.zeros(self._half, dtype=np.float32)])
        total = -(-self._n_in * self._up // self._down)  # ceil
        out = self._produce(self._buf_start + self._buf.size - 1, limit=total)
        return out

    def _produce(self, last_input: int, limit: int | None = None) -> Audio:
        # Output n needs inputs up to floor(n * down / up) + half.
        n_end = ((last_input - self._half + 1) * self._up - 1) // self._down + 1
        if limit is not None:
            n_end = min(n_end, limit)
        n = np.arange(self._n_out, max(n_end, self._n_out), dtype=np.int64)
        if n.size == 0:
            return np.zeros(0, dtype=np.float32)
        base = n * self._down // self._up  # input just before each output
        phase = n * self._down - base * self._up
        windows = np.lib.stride_tricks.sliding_window_view(self._buf, 2 * self._half)
        rows = windows[base - self._half + 1 - self._buf_start]
        out = np.einsum("ij,ij->i", rows, self._bank[phase]).astype(np.float32)
        self._n_out = int(n[-1]) + 1
        # Keep only the history the next output needs.
        keep_from = self._n_out * self._down // self._up - self._half + 1
        drop = max(0, keep_from - self._buf_start)
        if drop:
            self._buf = self._buf[drop:]
            self._buf_start += drop
        return out
