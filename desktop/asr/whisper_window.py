"""Decode a short stretch of speech with the encoder seeing only that stretch.

faster-whisper always pads the audio to a 30 s window before the encoder: ~1.1 CPU-seconds per
call on 2 cores with Whisper base, even for one word. CTranslate2 accepts shorter windows, and the
encoder cost falls steeply with the window (10 s: ~0.16 CPU-s). Windows under ~5 s make greedy
decoding loop, so the window is the audio plus a second, at least ``MIN_WINDOW_S``.

Used for the live tentative tail (greedy, >= 5 s window) and for live finals (beam search,
>= 10 s window: on a 4-minute consultation its WER against the offline transcript was 0.12-0.15,
the same as the 30 s window's 0.13-0.15, for 0.09 instead of 0.27 CPU-s per audio second).

Decodes hear their utterance in context: the audio of the previous utterances goes before it in
the same window (the encoder hears both sides of every boundary, as inside one window of an
offline transcription), their committed text ends the prompt, and the decoder is told where the
new utterance starts by forcing that one timestamp token (``<|t|>``). Cold, an utterance that
opens on "ask not…" after a pause came out "is not…"; in context it is right. Forcing the
context's text as a timed prefix instead worked as well but cost one decoder step per token (a
beam-5 final with 9 s of context: 1.8 CPU-s instead of 0.6); in the prompt it costs one batched
pass (see issue 4's note and ``bench/live_transcript.py``).
Threads: runs on the caller's (worker) thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop.asr.guards import normalise
from desktop.pcm import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer

MIN_WINDOW_S = 5  # partials: cheapest window that does not loop
FINAL_MIN_WINDOW_S = 10  # finals: as accurate as the 30 s window here, at a third of the CPU
PAD_S = 1.0
MAX_S = 28  # longer audio keeps its last MAX_S seconds (callers cut utterances far shorter)
TOKENS_PER_S = 8  # text tokens: fast speech reaches 7.6 a second (Piper consultations), Whisper's
# own limit is 7.5 (224 per 30 s window); more than this is a decoding loop
SLACK_TOKENS = 6
PROMPT_TOKENS = 120  # the end of the prompt, the context's text (<= ~10 s: ~50 tokens) included
MAX_LENGTH = 448  # Whisper's decoder length
TIME_STEP_S = 0.02  # Whisper's timestamp tokens
NEW_SPEECH_S = 0.1  # a segment after the context must end at least this far into the utterance


@dataclass(frozen=True)
class WindowResult:
    text: str
    language: str
    no_speech_prob: float
    avg_logprob: float
    # Where Whisper closed its last segment and stopped, in seconds from the start of the
    # samples, when it stopped as if the rest belonged to the next window (a closed segment,
    # ``<|t|><|t|>``, then the end); None when it heard the audio to its end.
    stopped_at_s: float | None = None
    # The answer when every word of it is in the context's text, in order (``text`` is then
    # empty): over silence Whisper saying its prompt again, or a reply that repeats it ("Yeah."
    # after "All right, yeah, right."). The caller hears the utterance alone to tell them apart.
    said_again: str = ""


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
    said in it) is heard before ``samples``; only the text of ``samples`` is returned. The
    context needs timestamps (its end is a forced timestamp): without them it is ignored.
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
    if len(context):
        prompt = with_context(prompt, context_text)
    tokens: list[int] = []
    if prompt.strip():
        tokens = [tokenizer.sot_prev, *tokenizer.encode(" " + prompt.strip())[-PROMPT_TOKENS:]]
    tokens += [*tokenizer.sot_sequence]
    forced = _prefix(tokenizer, len(context), timestamps)
    start = forced[-1] if len(context) else None  # the timestamp where ``samples`` begin
    seconds = len(samples) / SAMPLE_RATE
    budget = int(TOKENS_PER_S * seconds) + SLACK_TOKENS
    if timestamps:
        budget += 2 * int(seconds) + 4  # a start and an end time per segment
    result = model.model.generate(
        encoded,
        [tokens + forced],
        beam_size=beam_size,
        max_length=max_length(len(tokens), len(forced) + budget),
        return_scores=True,
        return_no_speech_prob=True,
        suppress_blank=True,
        suppress_tokens=[-1],
        # The new utterance starts later than Whisper's usual first-second limit.
        max_initial_timestamp_index=50
        if start is None
        else max(50, start - tokenizer.timestamp_begin + 1),
    )[0]
    ids = _after_prefix(list(result.sequences_ids[0]), forced)
    stopped_at = _stopped_at(
        [t for t in ids if t != tokenizer.eot],
        tokenizer.timestamp_begin,
        len(context) / SAMPLE_RATE,
    )
    if start is not None:
        ids = _past(ids, start + round(NEW_SPEECH_S / TIME_STEP_S), tokenizer.timestamp_begin)
    ids = [t for t in ids if t < tokenizer.eot]
    text = tokenizer.decode(ids)
    said_again = ""
    if start is not None and _echoes(text, context_text):
        said_again = text if _within(text, context_text) else ""
        text = ""  # over silence, Whisper may say its prompt again: nothing new was heard
    score = float(result.scores[0]) if result.scores else 0.0
    no_speech = float(result.no_speech_prob)
    return WindowResult(text, language, no_speech, score, stopped_at, said_again)


def max_length(prompt_tokens: int, new_tokens: int) -> int:
    """The ``max_length`` that lets CTranslate2 generate ``new_tokens`` (the forced prefix
    included) after a prompt: its Whisper stops at ``min(max_length / 2, max_length - prompt)``
    new tokens (whisper.cc), half of what the bare figure says. Budgeted as plain lengths,
    fast speech was cut short: "Hi, I'm Ms. Thompson. I'm Dr. Moore. How are you?" (2.8 s) lost
    its last three words."""
    return min(MAX_LENGTH, max(2 * new_tokens, prompt_tokens + new_tokens))


def with_context(prompt: str, context_text: str) -> str:
    """The prompt, ending with the context's text (the live prompt already ends with it, or
    with its last part when the context reaches further back than the prompt)."""
    words, said = prompt.split(), context_text.split()
    shared = 0
    while shared < min(len(words), len(said)) and words[-1 - shared] == said[-1 - shared]:
        shared += 1
    return " ".join(words[: len(words) - shared] + said)


def _prefix(tokenizer: Tokenizer, context_samples: int, timestamps: bool) -> list[int]:
    """The tokens forced after the start sequence: ``<|notimestamps|>`` untimed; timed with a
    context, the timestamp where the context ends (the new utterance's first segment starts
    there, so the decoder transcribes from that point on)."""
    if not timestamps:
        return [tokenizer.no_timestamps]
    if not context_samples:
        return []
    return [tokenizer.timestamp_begin + round(context_samples / SAMPLE_RATE / TIME_STEP_S)]


def _echoes(text: str, context_text: str) -> bool:
    """Whether ``text`` says the context again instead of going on from it: only words of the
    context's text, in order, or opening with its last words ("one" then "two three" came out
    "1, 2 3"). A caller that gets nothing decodes the utterance alone, so a real "No." after
    "No." is still heard (``WindowResult.said_again``)."""
    said, before = _words(text), _words(context_text)
    if not said:
        return False
    if _within(text, context_text):
        return True
    return any(said[:k] == before[-k:] for k in range(1, min(len(said), len(before)) + 1))


def _within(text: str, context_text: str) -> bool:
    """Whether every word of ``text`` is in the context's text, in that order."""
    said = _words(text)
    return bool(said) and f" {' '.join(said)} " in f" {' '.join(_words(context_text))} "


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w ]+", " ", normalise(text)).split()


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


def _stopped_at(ids: list[int], timestamp_begin: int, context_s: float) -> float | None:
    """Where the answer stopped, from the start of the samples, when it ends on a closed
    segment (two timestamp tokens). Offline, faster-whisper then decodes again from that time
    (its ``seek``); a single timestamp at the end means no speech after it."""
    if len(ids) < 2 or min(ids[-2:]) < timestamp_begin:
        return None
    return max(0.0, (ids[-1] - timestamp_begin) * TIME_STEP_S - context_s)


def _after_prefix(ids: list[int], forced: list[int]) -> list[int]:
    """The generated tokens without the forced prefix (CTranslate2 returns a forced timestamp
    with the answer; ``<|notimestamps|>``, part of its start sequence, it does not)."""
    return ids[len(forced) :] if forced and ids[: len(forced)] == forced else ids
