"""Decode a short stretch of speech with the encoder seeing only that stretch.

faster-whisper always pads the audio to a 30 s window before the encoder: ~1.1 CPU-seconds per
call on 2 cores with Whisper base, even for one word. CTranslate2 accepts shorter windows, and the
encoder cost falls steeply with the window (10 s: ~0.16 CPU-s). Windows under ~5 s make greedy
decoding loop, so the window is the audio plus a second, at least ``MIN_WINDOW_S``.

Used for the live tentative tail (greedy, >= 5 s window) and for live finals (beam search,
>= 10 s window: on a 4-minute consultation its WER against the offline transcript was 0.12-0.15,
the same as the 30 s window's 0.13-0.15, for 0.09 instead of 0.27 CPU-s per audio second).
Threads: runs on the caller's (worker) thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop.asr.base import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

MIN_WINDOW_S = 5  # partials: cheapest window that does not loop
FINAL_MIN_WINDOW_S = 10  # finals: as accurate as the 30 s window here, at a third of the CPU
PAD_S = 1.0
MAX_S = 28  # longer audio keeps its last MAX_S seconds (callers cut utterances far shorter)
TOKENS_PER_S = 5  # fast speech is ~4 tokens a second; more than this is a decoding loop
SLACK_TOKENS = 6
PROMPT_TOKENS = 100


@dataclass(frozen=True)
class WindowResult:
    text: str
    language: str
    no_speech_prob: float
    avg_logprob: float


def encode(model: WhisperModel, samples: np.ndarray, min_window_s: int = MIN_WINDOW_S) -> object:
    import ctranslate2

    seconds = len(samples) / SAMPLE_RATE
    window = int(np.ceil(min(30.0, max(seconds + PAD_S, min_window_s)))) * SAMPLE_RATE
    padded = np.pad(samples, (0, max(0, window - len(samples))))
    extractor = model.feature_extractor
    features = extractor(padded, padding=0)[:, : window // extractor.hop_length]
    return model.model.encode(
        ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])), to_cpu=False
    )


def detect(model: WhisperModel, encoded: object) -> tuple[str, float]:
    best = model.model.detect_language(encoded)[0][0]
    return best[0][2:-2], float(best[1])  # ("<|en|>", p) -> ("en", p)


def language_probabilities(model: WhisperModel, encoded: object) -> dict[str, float]:
    return {token[2:-2]: float(p) for token, p in model.model.detect_language(encoded)[0]}


def decode(
    model: WhisperModel,
    samples: np.ndarray,
    *,
    language: str | None,
    prompt: str = "",
    beam_size: int = 1,
    timestamps: bool = False,
    min_window_s: int = MIN_WINDOW_S,
) -> WindowResult:
    """Text of ``samples``; ``language=None`` detects it on the same window.

    ``timestamps=True`` lets Whisper predict segment times (they are dropped from the text): a
    little slower, but beam search then stops cleanly on one-word utterances ("one", not
    "one one").
    """
    from faster_whisper.tokenizer import Tokenizer

    samples = samples[-MAX_S * SAMPLE_RATE :]
    encoded = encode(model, samples, min_window_s)
    if language is None:
        language, _p = detect(model, encoded)
    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language=language)
    tokens: list[int] = []
    if prompt.strip():
        tokens = [tokenizer.sot_prev, *tokenizer.encode(" " + prompt.strip())[-PROMPT_TOKENS:]]
    tokens += [*tokenizer.sot_sequence]
    if not timestamps:
        tokens.append(tokenizer.no_timestamps)
    seconds = len(samples) / SAMPLE_RATE
    budget = int(TOKENS_PER_S * seconds) + SLACK_TOKENS
    if timestamps:
        budget += 2 * int(seconds) + 4  # a start and an end time per segment
    result = model.model.generate(
        encoded,
        [tokens],
        beam_size=beam_size,
        max_length=len(tokens) + budget,
        return_scores=True,
        return_no_speech_prob=True,
        suppress_blank=True,
        suppress_tokens=[-1],
    )[0]
    ids = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
    score = float(result.scores[0]) if result.scores else 0.0
    return WindowResult(tokenizer.decode(ids), language, float(result.no_speech_prob), score)
