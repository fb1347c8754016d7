"""Who said each committed segment: the speaker labeller run beside the live transcript.

Each ``Committed`` utterance (its segments and audio) is queued to ``label_turns``, which runs on
its own worker thread at a lower OS priority than the transcription (Linux: nice +10 for that
thread only) with numpy held to one BLAS thread, so the live transcript never waits for it. For
each utterance it yields ``Labelled``: the same segments with their speaker, a segment split where
the speaker changes inside it (its words shared in proportion to each voice's speech, the cut
moved to a sentence end when one is near).

Threads: ``label_turns`` runs on the "speakers" worker (``desktop.session.recording`` spawns it);
``labelled_segments`` is pure and used there and by the command line. No Qt.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from desktop.asr.base import Committed, Segment
from desktop.cancel import CancelToken
from desktop.speakers.labeller import SpeakerLabeller, Turn

log = logging.getLogger(__name__)

NICE = 10
SNAP_WORDS = 4  # a cut moves to a sentence end at most this many words away
_SENTENCE_END = re.compile(r"[.?!…:;]$")


@dataclass(frozen=True)
class Job:
    encounter_id: str
    committed: Committed


@dataclass(frozen=True)
class Labelled:
    """The segments of one utterance (``before``), now with their speakers (``after``)."""

    encounter_id: str
    before: tuple[Segment, ...]
    after: tuple[Segment, ...]


def label_turns(
    jobs: queue.Queue[Job | None],
    make_labeller: Callable[[], SpeakerLabeller],
    *,
    cancel: CancelToken,
) -> Iterator[Labelled]:
    """Label each queued utterance until ``None`` (the recording's end) or cancel."""
    _lower_priority()
    labeller = make_labeller()  # loads the voice encoder: errors end the labelling, not the visit
    with _one_blas_thread():
        while not cancel.is_cancelled():
            try:
                job = jobs.get(timeout=0.2)
            except queue.Empty:
                continue
            if job is None:
                return
            labelled = label_committed(labeller, job.committed)
            if labelled is not None:
                yield Labelled(job.encounter_id, job.committed.segments, labelled)


def label_committed(labeller: SpeakerLabeller, committed: Committed) -> tuple[Segment, ...] | None:
    """The committed segments with their speakers (None without audio to tell by)."""
    if committed.audio is None or not len(committed.audio) or not committed.segments:
        return None
    turns = labeller.label(committed.audio, committed.audio_start_s)
    return labelled_segments(committed.segments, turns)


def labelled_segments(segments: tuple[Segment, ...], turns: list[Turn]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for segment in segments:
        out.extend(_split(segment, [t for t in turns if _overlap(segment, t) > 0]))
    return tuple(out)


def _split(segment: Segment, turns: list[Turn]) -> list[Segment]:
    if not turns:
        return [segment]
    if len(turns) == 1:
        turn = turns[0]
        return [replace(segment, speaker=turn.speaker, speaker_uncertain=turn.uncertain)]
    words = segment.text.split()
    shares = [t.speech_s * _overlap(segment, t) / max(t.end - t.start, 1e-6) for t in turns]
    cuts = _cuts(words, shares)
    pieces: list[Segment] = []
    for i, turn in enumerate(turns):
        text = " ".join(words[cuts[i] : cuts[i + 1]])
        if not text:
            continue
        start = segment.start if i == 0 else max(segment.start, turn.start)
        end = segment.end if i == len(turns) - 1 else min(segment.end, turn.end)
        pieces.append(
            replace(
                segment,
                start=round(start, 3),
                end=round(end, 3),
                text=text,
                speaker=turn.speaker,
                speaker_uncertain=turn.uncertain,
            )
        )
    return pieces or [segment]


def _cuts(words: list[str], shares: list[float]) -> list[int]:
    """Word indexes where each turn's words begin, plus the end (monotonic)."""
    total = sum(shares) or 1.0
    cuts = [0]
    done = 0.0
    for share in shares[:-1]:
        done += share
        cuts.append(max(cuts[-1], _snap(words, round(len(words) * done / total))))
    cuts.append(len(words))
    return cuts


def _snap(words: list[str], cut: int) -> int:
    """``cut`` moved to just after the nearest sentence end within ``SNAP_WORDS`` words."""
    for distance in range(SNAP_WORDS + 1):
        for at in (cut - distance, cut + distance):
            if 0 < at < len(words) and _SENTENCE_END.search(words[at - 1]):
                return at
    return cut


def _overlap(segment: Segment, turn: Turn) -> float:
    return max(0.0, min(segment.end, turn.end) - max(segment.start, turn.start))


def _lower_priority() -> None:
    """This thread only, below the transcription (Linux; elsewhere the OS schedules it)."""
    setpriority = getattr(os, "setpriority", None)
    if setpriority is None or not hasattr(threading, "get_native_id"):
        return
    try:
        setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    except OSError:
        log.debug("speakers: could not lower the labelling thread's priority")


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; without it numpy picks its threads
        yield
        return
    with threadpool_limits(1):
        yield
