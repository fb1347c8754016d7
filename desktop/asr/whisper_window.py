"""Decode a short stretch of speech with the encoder seeing only that stretch.

faster-whisper always pads the audio to a 30 s window before the encoder: ~1.1 CPU-seconds per
call on 2 cores with Whisper base, even for one word. CTranslate2 accepts shorter windows, and the
encoder cost falls steeply with the window (10 s: ~0.16 CPU-s). Windows under ~5 s make greedy
decoding loop, so the window is the audio plus a second, at least ``MIN_WINDOW_S``.

Used for the live tentative tail (greedy, >= 5 s window) and for live finals (beam search,
>= 10 s window: on a 4-minute consultation its WER against the offline transcript was 0.12-0.15,
the same as the 30 s window's 0.13-0.15, for 0.09 instead of 0.27 CPU-s per audio second).

Finals hear their utterance in context: the audio of the previous utterances goes before it in
the same window and their committed text is forced as the decoder's prefix (with its timestamps),
so Whisper continues the conversation instead of starting cold — as it does inside one window of
an offline transcription. Cold, an utterance that opens on "ask not…" after a pause came out "is
not…"; in context it is right (``bench/live_transcript.py``, see issue 4's note).
Threads: runs on the caller's (worker) thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop.asr.base import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer

MIN_WINDOW_S = 5  # partials: cheapest window that does not loop
FINAL_MIN_WINDOW_S = 10  # finals: as accurate as the 30 s window here, at a third of the CPU
PAD_S = 1.0
MAX_S = 28  # longer audio keeps its last MAX_S seconds (callers cut utterances far shorter)
TOKENS_PER_S = 5  # fast speech is ~4 tokens a second; more than this is a decoding loop
SLACK_TOKENS = 6
PROMPT_TOKENS = 100
PREFIX_TOKENS = 80  # the context's text (its audio is <= ~10 s: at most ~50 tokens)
MAX_LENGTH = 448  # Whisper's decoder length
TIME_STEP_S = 0.02  # Whisper's timestamp tokens
NEW_SPEECH_S = 0.1  # a segment after the context must end at least this far into the utterance


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
    context: np.ndarray | None = None,
    context_text: str = "",
) -> WindowResult:
    """Text of ``samples``; ``language=None`` detects it on the same window.

    ``timestamps=True`` lets Whisper predict segment times (they are dropped from the text): a
    little slower, but beam search then stops cleanly on one-word utterances ("one", not
    "one one"). ``context`` (audio just before ``samples``) with ``context_text`` (what was
    said in it) is decoded as a forced, timed prefix; only the text of ``samples`` is returned.
    The context needs timestamps (untimed, the decoder sometimes stopped inside the new
    utterance, losing words): without them it is ignored.
    """
    from faster_whisper.tokenizer import Tokenizer

    samples = samples[-MAX_S * SAMPLE_RATE :]
    if context is None or not context_text.strip() or not timestamps:
        context = samples[:0]
    keep = min(len(context), MAX_S * SAMPLE_RATE - len(samples))
    context = context[len(context) - keep :]
    encoded = encode(model, np.concatenate([context, samples]), min_window_s)
    if language is None:
        language, _p = detect(model, encoded)
    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language=language)
    tokens: list[int] = []
    if prompt.strip():
        tokens = [tokenizer.sot_prev, *tokenizer.encode(" " + prompt.strip())[-PROMPT_TOKENS:]]
    tokens += [*tokenizer.sot_sequence]
    forced = _prefix(tokenizer, context_text if len(context) else "", len(context), timestamps)
    seconds = len(samples) / SAMPLE_RATE
    budget = int(TOKENS_PER_S * seconds) + SLACK_TOKENS
    if timestamps:
        budget += 2 * int(seconds) + 4  # a start and an end time per segment
    result = model.model.generate(
        encoded,
        [tokens + forced],
        beam_size=beam_size,
        # CTranslate2 counts a forced prefix twice against max_length (measured: without the
        # second len(forced) the answer stops inside the prefix).
        max_length=min(MAX_LENGTH, len(tokens) + 2 * len(forced) + budget),
        return_scores=True,
        return_no_speech_prob=True,
        suppress_blank=True,
        suppress_tokens=[-1],
    )[0]
    ids = _after_prefix(list(result.sequences_ids[0]), forced)
    if timestamps and forced:
        ids = _past(ids, forced[-1] + round(NEW_SPEECH_S / TIME_STEP_S), tokenizer.timestamp_begin)
    ids = [t for t in ids if t < tokenizer.eot]
    score = float(result.scores[0]) if result.scores else 0.0
    return WindowResult(tokenizer.decode(ids), language, float(result.no_speech_prob), score)


def _prefix(tokenizer: Tokenizer, text: str, context_samples: int, timestamps: bool) -> list[int]:
    """The tokens forced after the start sequence: the context's text, timed when timestamps
    are on (``<|0.00|> text<|t|><|t|>``: the new utterance starts where the context ends)."""
    if not timestamps:
        return [tokenizer.no_timestamps]
    if not text:
        return []
    end = tokenizer.timestamp_begin + round(context_samples / SAMPLE_RATE / TIME_STEP_S)
    return [tokenizer.timestamp_begin, *_text(tokenizer, text), end, end]


def _text(tokenizer: Tokenizer, text: str) -> list[int]:
    return list(tokenizer.encode(" " + " ".join(text.split())))[-PREFIX_TOKENS:]


def _past(ids: list[int], after: int, timestamp_begin: int) -> list[int]:
    """Only the timed segments that end after the token ``after``: over silence or noise,
    Whisper may say the context again as a segment that ends where the context ended."""
    kept: list[int] = []
    segment: list[int] = []
    for token in ids:
        segment.append(token)
        if token >= timestamp_begin and any(t < timestamp_begin for t in segment):
            if token > after:
                kept += segment
            segment = []
    return kept + segment


def _after_prefix(ids: list[int], forced: list[int]) -> list[int]:
    """The generated tokens without the forced prefix (CTranslate2 returns a timed prefix with
    the answer; a lone ``<|notimestamps|>`` it does not). Nothing when the answer does not start
    with the prefix: the caller then decodes the utterance without context."""
    if len(forced) <= 1:
        return ids
    return ids[len(forced) :] if ids[: len(forced)] == forced else []
