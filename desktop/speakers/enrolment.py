"""Recording the doctor's voice once (Settings ▸ Audio): 20–30 s of reading a shown text.

``record_voice`` takes blocks from an audio source until ``ENROL_S`` seconds were heard, reporting
the seconds recorded as it goes, then returns the voice print (the encoder's embedding of the
recording). Too little voice (``MIN_VOICE_S``: a muted microphone, a stop after a few words) is
``EnrolmentTooShort``.

Threads: runs on a worker (the settings dialog's); no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable

import numpy as np

from desktop.errors import ScribeError
from desktop.speakers.labeller import Embedder, phrases

SAMPLE_RATE = 16_000
ENROL_S = 25.0  # the recording stops by itself after this
MIN_VOICE_S = 8.0  # at least this much voice in it


class EnrolmentTooShort(ScribeError):
    """Too little voice was heard to learn it."""


def record_voice(
    blocks: Iterable[np.ndarray],
    *,
    encoder: Callable[[], Embedder],
    stop: Callable[[], None],
    seconds: float = ENROL_S,
) -> Generator[float, None, np.ndarray]:
    """Yield the seconds recorded; return the voice print. ``stop`` ends the source."""
    kept: list[np.ndarray] = []
    total = 0
    for block in blocks:
        kept.append(np.asarray(block, dtype=np.float32).reshape(-1))
        total += len(kept[-1])
        yield min(total / SAMPLE_RATE, seconds)
        if total >= seconds * SAMPLE_RATE:
            stop()
            break
    audio = np.concatenate(kept) if kept else np.zeros(0, dtype=np.float32)
    voiced = sum(b - a for a, b in phrases(audio)) / SAMPLE_RATE if len(audio) else 0.0
    if voiced < MIN_VOICE_S or _quiet(audio):
        raise EnrolmentTooShort(
            f"Only {voiced:.0f} s of voice were heard; read the text aloud for about "
            f"{seconds:.0f} s (at least {MIN_VOICE_S:.0f} s of voice)."
        )
    return encoder().embed(audio)


def _quiet(audio: np.ndarray) -> bool:
    """Near silence (a muted microphone): the pause detector alone would call hiss a voice."""
    return float(np.sqrt(np.mean(audio.astype(np.float64) ** 2))) < 1e-3
