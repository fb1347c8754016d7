"""The second, offline-quality pass: committed audio transcribed again, a little behind the live
text, in windows of up to 30 s cut at pauses with the text before as prompt (as an offline pass
decodes), and its text put in place of the live text of those stretches ("settled").

The live tier decodes each utterance as soon as it ends, with a few seconds of context: quick, but
it disagrees with an offline pass of the same model on about one word in ten. The CPU is mostly
idle meanwhile, so this pass re-transcribes finished stretches with full context at low priority
(its own copy of the model, one thread, the thread niced) and steps aside whenever the live tier
has a backlog. At Stop only the last stretch remains; it is decoded with the live model (free by
then, and allowed every thread). When a window fails, or its text looks wrong (far fewer words
than the live text), the live text of that stretch stays.

Pieces: ``AudioTape`` keeps the audio the live tier was fed (``TeeFeed`` copies each block into it
on the capture thread); ``next_window`` chooses the next stretch; ``settle`` maps a window's
segments onto the live ones; ``SecondPass.run`` is the worker's generator yielding ``Settled``.

Threads: ``TeeFeed.put`` runs on the capture thread; ``SecondPass.run`` on its own worker thread;
``committed``, ``live_backlog`` and ``stop`` are called from the GUI thread and only hand values
over under a lock. Plain Python, no Qt.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from desktop.asr.base import SAMPLE_RATE, Audio, DecodeOptions, Segment, Transcriber, within
from desktop.asr.guards import normalise
from desktop.cancel import CancelToken

log = logging.getLogger(__name__)

WINDOW_S = 28.0  # at most this much audio per window (Whisper hears 30 s at once)
MIN_WINDOW_S = 12.0  # during the visit, wait for at least this much committed speech
PAUSE_S = 0.3  # a gap between two live segments this long is a pause to cut at
PROMPT_CHARS = 200  # settled text given as prompt, as the live tier does
MIN_WORD_RATIO = 0.8  # a window with fewer words than this share of the live ones is not used
# (Whisper given 30 s at once sometimes skips a stretch; the live text of it is better than none)
BUSY_FEED_S = 1.0  # audio waiting for the live tier that makes this pass step aside
NICE = 19


@dataclass(frozen=True)
class Settled:
    """The live segments within ``start``..``end`` (seconds) are replaced by ``segments``."""

    start: float
    end: float
    segments: tuple[Segment, ...]


class AudioTape:
    """The encounter's audio as fed to the live tier (so its times are the segments' times).
    ``append`` on the capture thread, ``read``/``forget_before`` on the second pass's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._blocks: list[Audio] = []
        self._offset = 0  # samples forgotten before the first block
        self._length = 0

    def append(self, block: Audio) -> None:
        with self._lock:
            self._blocks.append(block)
            self._length += len(block)

    @property
    def seconds(self) -> float:
        return self._length / SAMPLE_RATE

    def read(self, start_s: float, end_s: float) -> Audio:
        start = max(self._offset, int(start_s * SAMPLE_RATE))
        end = int(end_s * SAMPLE_RATE)
        with self._lock:
            blocks = list(self._blocks)
            offset = self._offset
        if not blocks or end <= start:
            return np.zeros(0, dtype=np.float32)
        joined = np.concatenate(blocks)
        return joined[start - offset : end - offset]

    def forget_before(self, seconds: float) -> None:
        """Drop the audio before ``seconds`` (settled: never read again)."""
        cut = int(seconds * SAMPLE_RATE)
        with self._lock:
            while self._blocks and self._offset + len(self._blocks[0]) <= cut:
                self._offset += len(self._blocks.pop(0))


class TeeFeed(queue.Queue[Any]):
    """The live tier's feed queue, copying every audio block onto ``tape`` as it is put, and
    counting the audio waiting in it (``waiting_s``: the live tier's backlog, as it grows)."""

    def __init__(self, tape: AudioTape) -> None:
        super().__init__()
        self.tape = tape
        self._waiting = 0  # samples in the queue (changed under the queue's own lock)

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        if item is not None:
            self.tape.append(item)
        super().put(item, block, timeout)

    def _put(self, item: Any) -> None:
        self._waiting += 0 if item is None else len(item)
        super()._put(item)

    def _get(self) -> Any:
        item = super()._get()
        self._waiting -= 0 if item is None else len(item)
        return item

    def waiting_s(self) -> float:
        return self._waiting / SAMPLE_RATE


def next_window(
    segments: Sequence[Segment], done_s: float, *, stopped: bool
) -> tuple[float, float] | None:
    """The next stretch to transcribe again, from ``done_s``: up to ``WINDOW_S`` of the live
    segments after it, ending at a pause between two of them (the last segment's end once the
    live tier has finished: ``stopped``). None while there is not enough yet."""
    after = [s for s in segments if (s.start + s.end) / 2 >= done_s]
    if not after:
        return None
    limit = done_s + WINDOW_S
    if stopped and after[-1].end <= limit:
        return done_s, after[-1].end
    cuts: list[tuple[float, float]] = []  # (end, gap to the next segment)
    for current, following in itertools.pairwise(after):
        if current.end > limit:
            break
        cuts.append((current.end, following.start - current.end))
    if not cuts:  # one segment longer than a window (rare: the live tier cuts at breaths)
        return (done_s, after[0].end) if stopped or len(after) > 1 else None
    paused = [c for c in cuts if c[1] >= PAUSE_S]
    end = (paused or [max(cuts, key=lambda c: c[1])])[-1][0]
    if not stopped and end - done_s < MIN_WINDOW_S and after[-1].end <= limit:
        return None  # a little behind the live text: wait for more
    return done_s, end


def settle(
    live: Sequence[Segment], start: float, end: float, new: Sequence[Segment]
) -> list[Segment] | None:
    """``live`` with the segments of ``start``..``end`` replaced by ``new`` (each a copy of the
    live segment it overlaps most, so fields other than times and text survive); None when the
    new text is not to be trusted (empty, or far fewer words than the live text had)."""
    inside = [s for s in live if start <= (s.start + s.end) / 2 < end + 1e-6]
    if not inside:
        return None
    live_words = sum(len(normalise(s.text).split()) for s in inside)
    new_words = sum(len(normalise(s.text).split()) for s in new)
    if new_words == 0 or new_words < MIN_WORD_RATIO * live_words:
        return None
    settled = [
        replace(_most_overlapping(inside, s), start=s.start, end=s.end, text=s.text.strip())
        for s in new
        if s.text.strip()
    ]
    before = [s for s in live if (s.start + s.end) / 2 < start]
    after = [s for s in live if (s.start + s.end) / 2 >= end + 1e-6]
    return [*before, *settled, *after]


def _most_overlapping(candidates: Sequence[Segment], segment: Segment) -> Segment:
    def overlap(s: Segment) -> float:
        return min(s.end, segment.end) - max(s.start, segment.start)

    return max(candidates, key=overlap)


class SecondPass:
    """The second pass of one encounter (make one per recording)."""

    def __init__(
        self,
        *,
        tape: AudioTape,
        load: Callable[[], Transcriber],
        language: str | None,
        vocabulary: tuple[str, ...] = (),
        live_waiting_s: Callable[[], float] = lambda: 0.0,
        nice: bool = True,
    ) -> None:
        self._tape = tape
        self._load = load
        self._vocabulary = tuple(v for v in vocabulary if v.strip())
        self._live_waiting_s = live_waiting_s
        self._nice = nice
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._segments: list[Segment] = []  # the live ones, and settled ones as they settle
        self._language = language
        self._backlog = 0.0
        self._stopped = False
        self._final: Transcriber | None = None  # the live model, for the last stretch
        self._done_s = 0.0
        self._settled_text = ""
        self._prompt_language = language

    # --- from the GUI thread -------------------------------------------------------------------

    def committed(self, segments: Sequence[Segment], language: str | None) -> None:
        """The live tier committed ``segments`` (in the language it uses). A segment claiming
        to end after the audio heard so far ends there: a window never reaches past the tape."""
        heard = self._tape.seconds
        with self._lock:
            self._segments.extend(
                replace(s, end=min(s.end, heard)) if s.end > heard else s
                for s in segments
                if s.text.strip()
            )
            if language:
                self._language = language
        self._wake.set()

    def live_backlog(self, seconds: float) -> None:
        self._backlog = seconds
        self._wake.set()

    def stop(self, *, final: Transcriber | None = None) -> None:
        """The live tier has finished: settle what remains, with ``final`` if given."""
        with self._lock:
            self._stopped = True
            self._final = final
        self._wake.set()

    # --- on the worker thread ------------------------------------------------------------------

    def run(self, cancel: CancelToken) -> Iterator[Settled]:
        if self._nice:
            _lower_priority()
        model = self._load()  # threads it starts inherit this thread's priority
        while not cancel.is_cancelled():
            with self._lock:
                segments = list(self._segments)
                stopped, final, language = self._stopped, self._final, self._language
            window = next_window(segments, self._done_s, stopped=stopped)
            if window is None:
                if stopped:
                    return
                self._wake.wait(0.5)
                self._wake.clear()
                continue
            if not stopped and self._busy():
                self._wake.wait(0.25)
                self._wake.clear()
                continue
            settled = self._settle(final or model, window, segments, language)
            if cancel.is_cancelled():
                return
            self._done_s = window[1]
            self._tape.forget_before(self._done_s)
            if settled is not None:
                yield settled

    def _busy(self) -> bool:
        return self._backlog > 0 or self._live_waiting_s() > BUSY_FEED_S

    def _settle(
        self,
        model: Transcriber,
        window: tuple[float, float],
        segments: list[Segment],
        language: str | None,
    ) -> Settled | None:
        start, end = window
        if language != self._prompt_language:  # a language change: the prompt starts again
            self._settled_text, self._prompt_language = "", language
        options = DecodeOptions(
            language=language,
            prompt=self._prompt(),
            hotwords=self._vocabulary,
            beam_size=5,
            vad=True,
            offset_s=start,
        )
        try:
            result = model.transcribe(self._tape.read(start, end), options)
        except Exception as exc:  # the live text stays
            log.warning("second pass: window failed (%s)", type(exc).__name__)
            self._remember(" ".join(s.text.strip() for s in segments if start <= s.start < end))
            return None
        new = within(result.segments, start, end)  # Whisper's times may overshoot the window
        merged = settle(segments, start, end, new)
        if merged is None:
            log.info("second pass: %.1f-%.1f s kept live (its text looked wrong)", start, end)
            self._remember(" ".join(s.text.strip() for s in segments if start <= s.start < end))
            return None
        replaced = tuple(s for s in merged if start <= (s.start + s.end) / 2 < end + 1e-6)
        with self._lock:  # what the GUI committed meanwhile comes after ``end``
            later = [s for s in self._segments if (s.start + s.end) / 2 >= end + 1e-6]
            earlier = [s for s in self._segments if (s.start + s.end) / 2 < start]
            self._segments = [*earlier, *replaced, *later]
        self._remember(" ".join(s.text.strip() for s in replaced))
        return Settled(start, end, replaced)

    def _remember(self, text: str) -> None:
        self._settled_text = (self._settled_text + " " + text).strip()[-1000:]

    def _prompt(self) -> str:
        vocabulary = ", ".join(self._vocabulary)
        recent = last_words(self._settled_text, PROMPT_CHARS)
        return " ".join(p for p in (vocabulary + "." if vocabulary else "", recent) if p)


def last_words(text: str, chars: int) -> str:
    """The end of ``text``, at most ``chars`` long, starting at a whole word."""
    recent = text[-chars:] if chars > 0 else ""
    return recent.split(" ", 1)[-1] if recent and len(text) > chars else recent


def _lower_priority() -> None:
    """Give this thread (and the threads it starts) the lowest CPU priority, where possible."""
    # Not on every system: there, the one thread is the limit.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
