"""The live transcript: voice activity cuts utterances; partials for the open one; finals.

Policy (issue 4):
- Silero VAD (``vad.Segmenter``) cuts the stream into utterances at pauses (past 6 s of speech a
  breath is enough), or at the quietest point of a long one.
- About once a second of new speech (every 1.5 s past 4 s), a cheap greedy decode of the open
  utterance, heard after the utterances just before it, gives the tentative tail (``Partial``).
  Skipped whenever finals are waiting or we are behind, and once the speaker has paused (the
  final is due within half a second: a partial then would only delay it; the final is decoded
  early instead, and used if the pause holds).
- Each finished utterance gets one full decode (beam search, the end of the committed text and the
  vocabulary as prompt/hotwords, the audio of the utterances just before it as context)
  and becomes ``Committed`` with times from the start of the encounter. The decode uses a
  shorter encoder window than Whisper's padded 30 s (``DecodeOptions.quick_window``; measured as
  accurate here, at a third of the CPU). Committed text never changes afterwards.
  ``Partial("")`` follows each commit.
- Language "auto" chooses among the app's languages (English, French), weighing each
  utterance's evidence until a few seconds of speech were heard, then locks for the encounter.
- Audio is never dropped: when decoding falls behind, the feed queue grows, partials stop and
  ``Backlog`` events say how many seconds remain.
- ``None`` on the feed means Stop: everything queued is drained, the open utterance finished and
  committed, then ``run`` returns. Cancelling the token abandons the work at once instead.

Threads: ``run`` is a generator driven by one worker thread (the controller's, or a plain thread
in the CLI); the capture thread only puts blocks on ``feed``. Nothing here starts threads.
"""

from __future__ import annotations

import logging
import queue
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import replace

from desktop.asr.base import (
    SAMPLE_RATE,
    Audio,
    Backlog,
    Committed,
    DecodeOptions,
    Partial,
    Transcriber,
    Transcript,
    within,
)
from desktop.asr.context import KEEP_S, RecentUtterances
from desktop.asr.guards import collapse_repeats, normalise
from desktop.asr.language_lock import LANGUAGES, LanguageLock
from desktop.asr.vad import Segmenter, SileroDetector, SpeechDetector, Utterance, VadPolicy
from desktop.cancel import CancelToken

log = logging.getLogger(__name__)

Event = Partial | Committed | Backlog

PARTIAL_EVERY_S = 1.0  # new speech between two partial decodes
PARTIAL_EVERY_LONG_S = 1.5  # ... once the open utterance is past CONTEXT_UP_TO_S (a partial
# decodes all of it: the longer it is, the more each costs and the longer a final waits behind it)
MIN_PARTIAL_S = 0.6  # no partial for less speech than this
PAUSED_S = 0.25  # silence at the end of the open utterance that makes its final imminent
EARLY_AFTER_S = 0.35  # ... and after this much, the final is decoded early (fewer wasted decodes
# on breaths than at PAUSED_S: a wasted beam decode holds the partials back)
BACKLOG_STEP_S = 1.0  # report the backlog again when it moved this much
PROMPT_CHARS = 200  # committed text given to the decoder as prompt
CONTEXT_S = KEEP_S  # previous utterances heard with a final: context + utterance within this
# (10 s: 7, 14 and 20 s all agreed less with offline on the 4-minute consultation)
CONTEXT_UP_TO_S = 4.0  # partials hear their context while the open utterance is this short
PARTIAL_CONTEXT_S = 8.0  # ... the previous utterances heard with the open one, within this
# (cold, greedy partials garble the first words of an utterance; in context they rarely do)


class LiveTranscription:
    """The live transcript of one encounter (make a new one per recording: the language lock
    and the prompt context belong to the encounter)."""

    def __init__(
        self,
        *,
        transcriber: Transcriber,
        language: str,
        vocabulary: tuple[str, ...] = (),
        detector: SpeechDetector | None = None,
        policy: VadPolicy | None = None,
        partials: bool | None = None,
        quick_finals: bool = True,
        languages: tuple[str, ...] = LANGUAGES,
    ) -> None:
        self._transcriber = transcriber
        self._lock = LanguageLock(language=language, languages=languages)
        self._vocabulary = tuple(v.strip() for v in vocabulary if v.strip())
        self._detector = detector
        self._policy = policy
        self._partials = (
            bool(getattr(transcriber, "live_partials", True)) if partials is None else partials
        )
        self._quick_finals = quick_finals
        self._committed_text = ""
        self._last_final = ""
        self._recent = RecentUtterances()  # context for the next decodes
        self._early: tuple[tuple[int, int, int] | None, Transcript | None] = (None, None)
        self._last_partial_at = 0  # where the open utterance ended at the last partial (sample)

    @property
    def language(self) -> str | None:
        """The language in use (None until "auto" has been detected)."""
        return self._lock.language

    def run(self, feed: queue.Queue[Audio | None], cancel: CancelToken) -> Iterator[Event]:
        segmenter = Segmenter(detector=self._detector or SileroDetector(), policy=self._policy)
        finals: deque[Utterance] = deque()
        stopped = False
        reported = 0.0
        while not cancel.is_cancelled():
            stopped = _drain(feed, segmenter, finals, block=not finals and not stopped) or stopped
            if cancel.is_cancelled():
                return
            backlog = _backlog_s(segmenter, finals, stopped=stopped)
            if abs(backlog - reported) >= BACKLOG_STEP_S or (reported and not backlog):
                reported = round(backlog, 1)
                yield Backlog(reported)
            if finals:
                yield from self._commit(finals.popleft())
            elif stopped:
                last = segmenter.flush()
                if last is not None:
                    yield from self._commit(last)
                if reported:
                    yield Backlog(0.0)
                return
            elif self._partials and not reported:
                yield from self._partial(segmenter, cancel)

    # --- decoding ------------------------------------------------------------------------------

    def _partial(self, segmenter: Segmenter, cancel: CancelToken) -> Iterator[Event]:
        """A greedy decode of the open utterance once it grew by about a second; once the
        speaker has paused, the final instead (ahead of time, see ``_speculate``)."""
        opened = segmenter.open_utterance()
        if opened is None or len(opened.audio) < _samples(MIN_PARTIAL_S):
            return
        if opened.end - opened.speech_end >= _samples(PAUSED_S):
            if opened.end - opened.speech_end >= _samples(EARLY_AFTER_S):
                self._speculate(segmenter)
            return
        long = len(opened.audio) > _samples(CONTEXT_UP_TO_S)
        every = PARTIAL_EVERY_LONG_S if long else PARTIAL_EVERY_S
        if opened.end - self._last_partial_at < _samples(every):
            return
        self._last_partial_at = opened.end
        text = self._partial_text(opened)
        if text and not cancel.is_cancelled():
            yield Partial(text)

    def _speculate(self, segmenter: Segmenter) -> None:
        """Decode the utterance as it will end if the pause holds, while the pause is still
        being confirmed: when the segmenter then closes it with the same audio, the final is
        already there (it saves the rest of the pause, ~0.15 s, on every final). When the
        speaker goes on, the decode is simply not used."""
        closing = segmenter.closing_utterance()
        if closing is None or self._lock.language is None or _identity(closing) == self._early[0]:
            return
        self._early = (_identity(closing), self._final(closing, self._lock.language))

    def _commit(self, utterance: Utterance) -> Iterator[Event]:
        started = time.monotonic()
        speech_s = max(0.1, (utterance.speech_end - utterance.start) / SAMPLE_RATE)
        language = self._lock.weigh(self._transcriber, utterance.audio, speech_s)
        key, early = self._early
        self._early = (None, None)
        result = early if early is not None and key == _identity(utterance) else None
        if result is None:
            result = self._final(utterance, language)
        segments = within(result.segments, utterance.start_s, utterance.end / SAMPLE_RATE)
        self._recent.remember(utterance.audio, " ".join(s.text.strip() for s in segments))
        log.debug(
            "final: %.1f s of audio, %d segments, %s in %.2f s",
            len(utterance.audio) / SAMPLE_RATE,
            len(segments),
            "decoded early" if result is early else "decoded",
            time.monotonic() - started,
        )
        if segments:
            joined = " ".join(s.text.strip() for s in segments)
            self._committed_text = (self._committed_text + " " + joined).strip()[-1000:]
            self._last_final = joined
            yield Committed(
                segments,
                language or result.language,
                audio=utterance.audio,
                audio_start_s=utterance.start_s,
            )
        yield Partial("")

    def _final(self, utterance: Utterance, language: str | None) -> Transcript:
        """The full decode of a finished utterance (no state changes: it may run early)."""
        context, context_text = self._context(utterance)
        options = DecodeOptions(
            language=language,
            prompt=self._prompt(),
            hotwords=self._vocabulary,
            beam_size=5,
            vad=False,  # the segmenter already cut the speech out
            offset_s=utterance.start_s,
            quick_window=self._quick_finals,
            context=context,
            context_text=context_text,
        )
        result = self._transcriber.transcribe(utterance.audio, options)
        text = " ".join(s.text.strip() for s in result.segments)
        if self._echoes_previous(text):  # Whisper repeating its prompt instead of listening
            result = self._transcriber.transcribe(utterance.audio, _no_prompt(options))
        return result

    def _partial_text(self, utterance: Utterance) -> str:
        guess_tail = getattr(self._transcriber, "guess_tail", None)
        if callable(guess_tail):
            context, context_text = None, ""
            if len(utterance.audio) <= _samples(CONTEXT_UP_TO_S):  # longer ones carry their own
                context, context_text = self._recent.before(utterance.audio, PARTIAL_CONTEXT_S)
            text = str(
                guess_tail(
                    utterance.audio,
                    language=self._lock.language,
                    prompt=self._prompt(),
                    context=context,
                    context_text=context_text,
                )
            )
        else:
            options = DecodeOptions(
                language=self._lock.language, prompt=self._prompt(), beam_size=1, vad=False
            )
            text = self._transcriber.transcribe(utterance.audio, options).text
        return collapse_repeats(text.strip())

    def _context(self, utterance: Utterance) -> tuple[Audio | None, str]:
        """The context of a final (on a short window only: a backend decoding 30 s windows
        gains nothing from it)."""
        if not self._quick_finals:
            return None, ""
        return self._recent.before(utterance.audio, CONTEXT_S)

    def _prompt(self) -> str:
        vocabulary = ", ".join(self._vocabulary)
        recent = self._committed_text[-PROMPT_CHARS:]
        if recent and len(self._committed_text) > PROMPT_CHARS:
            recent = recent.split(" ", 1)[-1]  # start on a whole word
        return " ".join(p for p in (vocabulary + "." if vocabulary else "", recent) if p)

    def _echoes_previous(self, text: str) -> bool:
        words = normalise(text).split()
        return len(words) >= 4 and normalise(text) == normalise(self._last_final)


def _drain(
    feed: queue.Queue[Audio | None],
    segmenter: Segmenter,
    finals: deque[Utterance],
    *,
    block: bool,
) -> bool:
    """Move everything queued into the segmenter; True when the stop marker (None) was seen."""
    timeout = 0.1 if block else 0.0
    while True:
        try:
            item = feed.get(timeout=timeout) if timeout else feed.get_nowait()
        except queue.Empty:
            return False
        timeout = 0.0
        if item is None:
            return True
        finals.extend(segmenter.push(item))


def _backlog_s(segmenter: Segmenter, finals: deque[Utterance], *, stopped: bool) -> float:
    """Seconds of finished speech waiting behind the next final (after Stop: all of it)."""
    if not stopped:
        return sum(len(u.audio) for u in list(finals)[1:]) / SAMPLE_RATE
    opened = segmenter.open_utterance()
    waiting = sum(len(u.audio) for u in finals)
    return (waiting + (len(opened.audio) if opened is not None else 0)) / SAMPLE_RATE


def _no_prompt(options: DecodeOptions) -> DecodeOptions:
    return replace(options, prompt="", context=None, context_text="")


def _identity(utterance: Utterance) -> tuple[int, int, int]:
    """Tells utterances apart: an early final is used only for the utterance it was made for."""
    return (utterance.start, utterance.speech_end, len(utterance.audio))


def _samples(seconds: float) -> int:
    """A duration as a number of samples at 16 kHz."""
    return int(seconds * SAMPLE_RATE)
