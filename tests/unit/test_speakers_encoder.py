"""The numpy voice encoder equals the original Resemblyzer (PyTorch) on real voices.

The reference embeddings were computed once with Resemblyzer 0.1.4 under PyTorch
(``bench/resemblyzer_reference.py``); the weights are those of the installed wheel
(``installer/setup`` installs ``Resemblyzer==0.1.4 --no-deps``).
"""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from desktop.speakers.encoder import VoiceEncoder, cosine, partial_slices

DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE = json.loads((DATA / "resemblyzer_reference.json").read_text())["clips"]


def _read(name: str) -> np.ndarray:
    with wave.open(str(DATA / name)) as w:
        pcm = w.readframes(w.getnframes())
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768


@pytest.fixture(scope="module")
def encoder() -> VoiceEncoder:
    return VoiceEncoder.load()  # the installed wheel's weights


@pytest.mark.parametrize("clip", sorted(REFERENCE))
def test_embeddings_equal_the_original_packages(encoder: VoiceEncoder, clip: str) -> None:
    assert cosine(encoder.embed(_read(clip)), np.array(REFERENCE[clip]["embedding"])) >= 0.999


def test_each_partial_equals_the_original_packages(encoder: VoiceEncoder) -> None:
    reference = np.array(REFERENCE["jfk_16k_mono.wav"]["partials"])
    partials = encoder.embed_partials(_read("jfk_16k_mono.wav"))
    assert partials.shape == reference.shape
    assert min(cosine(a, b) for a, b in zip(partials, reference, strict=True)) >= 0.999


def test_a_voice_is_nearer_itself_than_another_voice(encoder: VoiceEncoder) -> None:
    jfk = _read("jfk_16k_mono.wav")
    first, second = encoder.embed(jfk[: 5 * 16000]), encoder.embed(jfk[5 * 16000 :])
    other = encoder.embed(_read("stereo_diarization_left_16k.wav"))
    assert cosine(first, second) > cosine(first, other) + 0.2


def test_partials_cover_the_utterance_as_resemblyzer_cuts_it() -> None:
    assert partial_slices(16000, rate=1.3, min_coverage=0.75) == [0]  # short: one, padded
    assert partial_slices(5 * 16000, rate=1.3, min_coverage=0.75) == [0, 77, 154, 231, 308]
    with pytest.raises(ValueError, match="rate"):
        partial_slices(16000, rate=0.1, min_coverage=0.75)
