"""What of Whisper's answer is kept: a segment Whisper itself doubts (its no-speech probability
and log-probability), one it decoded without confidence over claps and knocks, a looped phrase,
or an utterance that only said its context again.

Whisper's own figures are one witness; the audio (``asr.silence``: energy and the VAD) is asked
too, since what Whisper invents over silence differs from one CPU to the next, and its
no-speech probability belongs to a whole 30 s window rather than to one segment.

Pure functions; ``whisper_local`` applies them to faster-whisper's segments and to short-window
answers (``whisper_window``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from desktop.asr import whisper_window
from desktop.asr.base import Segment
from desktop.asr.guards import clean_text

# A segment Whisper itself thinks is probably not speech, decoded without confidence, is noise
# (Whisper's own rule uses -1.0; pure silence gives "You" at no_speech 0.68, logprob -0.78).
# Whisper's own figures are one witness; the audio's energy and the VAD are the others
# (``asr.silence``): what Whisper invents over silence differs from one CPU to the next.
NO_SPEECH_PROB = 0.6
LOW_LOGPROB = -0.5
UNSURE_NO_SPEECH_PROB = 0.4
VERY_LOW_LOGPROB = -1.0
MAX_COMPRESSION_RATIO = 2.4  # above this a segment is a looped phrase


def said_again(
    in_context: whisper_window.WindowResult, alone: whisper_window.WindowResult
) -> whisper_window.WindowResult:
    """The answer for an utterance whose decode in context said nothing new (or too much: the
    context again after new words). When all it said were words of the context (``said_again``)
    and the utterance heard alone is speech, they were said again: "Yeah." after "All right,
    yeah, right." (alone, Whisper heard "You guys."). Otherwise the utterance alone (nothing
    over silence: the decode only echoed its prompt)."""
    if in_context.said_again and clean_text(alone.text) and not probably_not_speech(alone):
        return replace(in_context, text=in_context.said_again)
    return alone


class Decoded(Protocol):  # a short-window answer, or a segment of faster-whisper's own
    @property
    def no_speech_prob(self) -> float: ...
    @property
    def avg_logprob(self) -> float: ...


def probably_not_speech(result: Decoded) -> bool:
    """Whisper itself thinks it probably is not speech, and decoded it without confidence."""
    return result.no_speech_prob > NO_SPEECH_PROB and result.avg_logprob < LOW_LOGPROB


def segment_or_none(
    raw: Any, offset_s: float, speech_in: Callable[[float, float], bool]
) -> Segment | None:
    """Our Segment for one faster-whisper segment, or None for noise/credits/loops.

    Whisper's no-speech probability belongs to the whole 30 s window a segment was decoded in:
    after a pause, real words at the end of a long window came with 0.75 ("left. One, two,
    three." at the end of a 20 s window of the second pass) and were dropped as noise. So when
    Whisper doubts, the audio of the segment itself is asked (``speech_in``: energy and VAD)."""
    if probably_not_speech(raw) and not speech_in(raw.start, raw.end):
        return None
    if raw.no_speech_prob > UNSURE_NO_SPEECH_PROB and raw.avg_logprob < VERY_LOW_LOGPROB:
        return None  # half-sure it is not speech and unsure of the words: claps, knocks
    text = clean_text(raw.text)
    if not text:
        return None
    if raw.compression_ratio > MAX_COMPRESSION_RATIO and text == raw.text.strip():
        return None  # a loop the phrase guard could not untangle
    return Segment(round(raw.start + offset_s, 3), round(raw.end + offset_s, 3), text)
