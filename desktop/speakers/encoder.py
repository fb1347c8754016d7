"""The voice encoder (GE2E, Resemblyzer's trained weights) as a numpy forward pass.

An utterance is cut into partials of 160 mel frames (1.6 s) at ``rate`` partials per second
(Resemblyzer's ``compute_partial_slices``: the last partial is zero-padded when it covers at
least ``min_coverage`` of its frames, else dropped, unless it is the only one); each partial goes
through a 3-layer LSTM of 256 (gate order i, f, g, o as PyTorch), the last layer's final hidden
state through a linear layer of 256, a ReLU and an L2 norm; the utterance's embedding is the
L2-normalised mean of its partials'. Volume is raised (never lowered) to -30 dBFS first, as
Resemblyzer's ``preprocess_wav`` does; its silence trimming (webrtcvad) is not repeated here:
the live VAD already cut the speech out.

Threads: a ``VoiceEncoder`` holds only read-only arrays after loading; ``embed`` may run on any
one thread at a time (the speaker labeller's worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from desktop.speakers.mel import HOP, SAMPLE_RATE, mel_spectrogram
from desktop.speakers.weights import WeightsError, load_state, locate_weights

PARTIAL_FRAMES = 160  # 1.6 s
PARTIAL_S = PARTIAL_FRAMES * HOP / SAMPLE_RATE
RATE = 1.3  # partials per second (Resemblyzer's default)
MIN_COVERAGE = 0.75
LAYERS = 3
HIDDEN = 256
TARGET_DBFS = -30.0
_INT16_MAX = 2**15 - 1
_G = slice(2 * HIDDEN, 3 * HIDDEN)  # the cell gate's columns


@dataclass(frozen=True)
class _Layer:
    w_ih: np.ndarray  # (in, 4H), transposed for x @ w
    w_hh: np.ndarray  # (H, 4H)
    bias: np.ndarray  # (4H,), both biases summed


class VoiceEncoder:
    """Embeds speech into a 256-dimensional unit vector; near vectors, similar voices."""

    def __init__(self, state: dict[str, np.ndarray]) -> None:
        try:
            self._layers = tuple(
                _Layer(
                    w_ih=_halved(state[f"lstm.weight_ih_l{i}"].T),
                    w_hh=_halved(state[f"lstm.weight_hh_l{i}"].T),
                    bias=_halved(state[f"lstm.bias_ih_l{i}"] + state[f"lstm.bias_hh_l{i}"]),
                )
                for i in range(LAYERS)
            )
            self._linear_w = np.ascontiguousarray(state["linear.weight"].T)
            self._linear_b = state["linear.bias"]
        except KeyError as exc:
            raise WeightsError(f"The voice model file lacks {exc}.") from exc
        if self._layers[0].w_hh.shape != (HIDDEN, 4 * HIDDEN) or self._linear_w.shape != (
            HIDDEN,
            HIDDEN,
        ):
            raise WeightsError("The voice model file's tensors have unexpected shapes.")

    @classmethod
    def load(cls, path: Path | None = None) -> VoiceEncoder:
        """From ``path``, or from the installed Resemblyzer wheel; ``WeightsError`` if absent."""
        return cls(load_state(path or locate_weights()))

    def embed(
        self, wav: np.ndarray, *, rate: float = RATE, min_coverage: float = MIN_COVERAGE
    ) -> np.ndarray:
        """The L2-normalised embedding of 16 kHz mono speech (any length; short is padded)."""
        partials = self.embed_partials(wav, rate=rate, min_coverage=min_coverage)
        return _unit(partials.mean(axis=0))

    def embed_partials(
        self, wav: np.ndarray, *, rate: float = RATE, min_coverage: float = MIN_COVERAGE
    ) -> np.ndarray:
        """One unit vector per partial (rows), in time order."""
        wav = normalize_volume(np.asarray(wav, dtype=np.float32))
        slices = partial_slices(len(wav), rate=rate, min_coverage=min_coverage)
        end = slices[-1] + PARTIAL_FRAMES
        needed = end * HOP
        if needed >= len(wav):
            wav = np.pad(wav, (0, needed - len(wav)))
        mel = mel_spectrogram(wav)
        batch = np.stack([mel[s : s + PARTIAL_FRAMES] for s in slices])
        return self._forward(batch)

    def _forward(self, mels: np.ndarray) -> np.ndarray:
        x = mels.astype(np.float32)  # (batch, frames, 40)
        batch, frames, _ = x.shape
        hidden = np.zeros((batch, HIDDEN), dtype=np.float32)
        for layer in self._layers:
            inputs = x @ layer.w_ih + layer.bias  # (batch, frames, 4H): all steps at once
            hidden = np.zeros((batch, HIDDEN), dtype=np.float32)
            cell = np.zeros((batch, HIDDEN), dtype=np.float32)
            outputs = np.empty((batch, frames, HIDDEN), dtype=np.float32)
            for t in range(frames):
                # One tanh for all four gates: the weights of i, f, o were halved at load, so
                # sigmoid(x) = (tanh(x / 2) + 1) / 2; g's were not, so its tanh is direct.
                act = np.tanh(inputs[:, t] + hidden @ layer.w_hh)
                sig = 0.5 * act + 0.5
                cell = sig[:, HIDDEN : 2 * HIDDEN] * cell + sig[:, :HIDDEN] * act[:, _G]
                hidden = sig[:, 3 * HIDDEN :] * np.tanh(cell)
                outputs[:, t] = hidden
            x = outputs
        raw = np.maximum(hidden @ self._linear_w + self._linear_b, 0.0)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return (raw / np.maximum(norms, 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def installed_encoder() -> VoiceEncoder:
    """The encoder with the installed wheel's weights, loaded once per process (a failure is
    not remembered: the next call tries again)."""
    return VoiceEncoder.load()


def partial_slices(n_samples: int, *, rate: float, min_coverage: float) -> list[int]:
    """The first mel frame of each partial (Resemblyzer's ``compute_partial_slices``)."""
    n_frames = int(np.ceil((n_samples + 1) / HOP))
    step = int(np.round((SAMPLE_RATE / rate) / HOP))
    if not 0 < step <= PARTIAL_FRAMES:
        raise ValueError(f"rate {rate} is outside ({1 / PARTIAL_S:.3f}, 100] partials per second")
    starts = list(range(0, max(1, n_frames - PARTIAL_FRAMES + step + 1), step))
    last = starts[-1] * HOP
    coverage = (n_samples - last) / (PARTIAL_FRAMES * HOP)
    if coverage < min_coverage and len(starts) > 1:
        starts.pop()
    return starts


def normalize_volume(wav: np.ndarray) -> np.ndarray:
    """Raise (never lower) the level to -30 dBFS, as Resemblyzer's preprocessing does."""
    rms = float(np.sqrt(np.mean((wav.astype(np.float64) * _INT16_MAX) ** 2))) if len(wav) else 0.0
    if rms <= 0.0:
        return wav
    change = TARGET_DBFS - 20 * np.log10(rms / _INT16_MAX)
    if change < 0:
        return wav
    return (wav * (10 ** (change / 20))).astype(np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(_unit(a), _unit(b)))


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float32) if norm > 0 else v.astype(np.float32)


def _halved(w: np.ndarray) -> np.ndarray:
    """Gate weights (last axis: i, f, g, o) with i, f, o halved (see the forward pass)."""
    scale = np.full(4 * HIDDEN, 0.5, dtype=np.float32)
    scale[_G] = 1.0
    return np.ascontiguousarray(w * scale, dtype=np.float32)
