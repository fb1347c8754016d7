"""Who said each stretch of a visit: Doctor / Patient / Speaker N, decided as the visit goes.

Each finished utterance's audio is cut at its pauses into phrases; each phrase long enough to
tell a voice (``MIN_PHRASE_S``) is embedded by the voice encoder and given to the nearest voice
of the visit (cosine). A voice is a running mean of the phrases given to it:

- with the doctor's enrolled voice: the doctor starts as a known voice; a phrase that is far from
  every voice heard so far starts a new one: the first is the Patient, the next Speaker 3, 4;
- without enrolment: two voices at most, Speaker 1 (the first heard) and Speaker 2.

A phrase too short to tell (or one as near one voice as another: overlap, a cough) keeps the
label of the phrase before it (or after it, at the start) and is marked uncertain.

Pure numpy, no threads: the session runs ``label`` on a worker, one utterance after another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

SAMPLE_RATE = 16_000
DOCTOR = "doctor"
PATIENT = "patient"
FRAME_S = 0.01
MIN_PAUSE_S = 0.2  # a quieter stretch this long separates two phrases
MIN_PHRASE_S = 0.8  # shorter phrases are not embedded (the label of a neighbour, uncertain)
NEW_VOICE_BELOW = 0.72  # a phrase less similar than this to every voice starts a new one
NEW_VOICE_MIN_S = 1.0  # ... if it is at least this long
THIRD_VOICE_BELOW = 0.58  # a third voice and more: stricter (one voice's phrases vary a lot)
UNSURE_MARGIN = 0.04  # nearer one voice than another by less than this: uncertain
STAY_BONUS = 0.02  # the voice that spoke last is preferred by this much (turns last)
ENROLMENT_WEIGHT = 3.0  # the enrolled voice counts as this many phrases in the doctor's mean
MAX_OTHERS = 3  # with enrolment: Patient, Speaker 3, Speaker 4


def speaker_name(key: str) -> str:
    """The English name of a speaker key, as the note prompt and the command line write it."""
    if key == DOCTOR:
        return "Doctor"
    if key == PATIENT:
        return "Patient"
    return key.capitalize()  # "speaker 3" -> "Speaker 3"


class Embedder(Protocol):
    def embed(self, wav: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Turn:
    """A stretch of one utterance with its speaker (times in seconds of the visit's audio)."""

    start: float
    end: float
    speaker: str  # DOCTOR, PATIENT, "speaker 1".. (``speaker_name`` shows it)
    uncertain: bool
    speech_s: float  # seconds of voice in it (to share an utterance's words between turns)


@dataclass
class _Voice:
    key: str
    total: np.ndarray
    weight: float

    def centroid(self) -> np.ndarray:
        return self.total / max(float(np.linalg.norm(self.total)), 1e-12)

    def add(self, embedding: np.ndarray, weight: float = 1.0) -> None:
        self.total = self.total + weight * embedding
        self.weight += weight


@dataclass
class SpeakerLabeller:
    """The voices of one visit (make one per recording)."""

    encoder: Embedder
    doctor: np.ndarray | None = None  # the enrolled voice (unit vector), if any
    _voices: list[_Voice] = field(default_factory=list, init=False)
    _last: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.doctor is not None:
            vector = np.asarray(self.doctor, dtype=np.float32)
            self._voices.append(_Voice(DOCTOR, ENROLMENT_WEIGHT * vector, ENROLMENT_WEIGHT))

    @property
    def enrolled(self) -> bool:
        return self.doctor is not None

    def label(self, audio: np.ndarray, start_s: float) -> list[Turn]:
        """The turns of one utterance, in order, covering it from start to end."""
        audio = np.asarray(audio, dtype=np.float32)
        spans = _grouped(phrases(audio)) or [(0, len(audio))]
        decided = [self._decide(audio[a:b]) for a, b in spans]
        keys = _fill_gaps([key for key, _ in decided], self._last)
        turns: list[Turn] = []
        for i, ((a, b), key) in enumerate(zip(spans, keys, strict=True)):
            begin = 0 if i == 0 else spans[i][0]
            end = len(audio) if i == len(spans) - 1 else spans[i + 1][0]
            unsure = decided[i][1] or decided[i][0] is None
            turns.append(
                Turn(
                    start_s + begin / SAMPLE_RATE,
                    start_s + end / SAMPLE_RATE,
                    key,
                    unsure,
                    (b - a) / SAMPLE_RATE,
                )
            )
        self._last = keys[-1] if keys else self._last
        return _merge(turns)

    def _decide(self, wav: np.ndarray) -> tuple[str | None, bool]:
        """(voice key or None when too short to tell, uncertain)."""
        seconds = len(wav) / SAMPLE_RATE
        if seconds < MIN_PHRASE_S:
            return None, True
        embedding = self.encoder.embed(wav)
        if not self._voices:
            return self._new_voice(embedding), False
        scores = sorted(
            (
                (
                    float(np.dot(v.centroid(), embedding))
                    + (STAY_BONUS if v.key == self._last else 0),
                    i,
                )
                for i, v in enumerate(self._voices)
            ),
            reverse=True,
        )
        best, index = scores[0]
        far = best < NEW_VOICE_BELOW
        new = best < (NEW_VOICE_BELOW if len(self._voices) < 2 else THIRD_VOICE_BELOW)
        if new and seconds >= NEW_VOICE_MIN_S and self._room_for_another():
            return self._new_voice(embedding), False
        voice = self._voices[index]
        unsure = far or (len(scores) > 1 and best - scores[1][0] < UNSURE_MARGIN)
        if not unsure:
            voice.add(embedding)
        self._last = voice.key
        return voice.key, unsure

    def _room_for_another(self) -> bool:
        if self.enrolled:
            return len(self._voices) < 1 + MAX_OTHERS
        return len(self._voices) < 2

    def _new_voice(self, embedding: np.ndarray) -> str:
        n = len(self._voices)
        key = PATIENT if self.enrolled and n == 1 else f"speaker {n + 1}"
        self._voices.append(_Voice(key, embedding.astype(np.float32), 1.0))
        self._last = key
        return key


def phrases(audio: np.ndarray) -> list[tuple[int, int]]:
    """Sample ranges of voice separated by pauses of at least ``MIN_PAUSE_S`` (by energy)."""
    hop = int(FRAME_S * SAMPLE_RATE)
    n = len(audio) // hop
    if n == 0:
        return []
    frames = audio[: n * hop].reshape(n, hop)
    level = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-10)
    voiced = level > max(np.percentile(level, 95) - 25.0, -60.0)
    spans: list[tuple[int, int]] = []
    gap = int(MIN_PAUSE_S / FRAME_S)
    start = end = None
    for i, v in enumerate(voiced):
        if not v:
            continue
        if start is None or end is None:
            start = end = i
        elif i - end > gap:
            spans.append((start, end + 1))
            start = i
        end = i
    if start is not None and end is not None:
        spans.append((start, end + 1))
    return [(a * hop, b * hop) for a, b in spans]


def _grouped(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Consecutive phrases too short to tell, joined until together they are long enough."""
    least = int(MIN_PHRASE_S * SAMPLE_RATE)
    groups: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for a, b in spans:
        if b - a >= least:
            if pending is not None:
                groups.append(pending)
                pending = None
            groups.append((a, b))
            continue
        pending = (a, b) if pending is None else (pending[0], b)
        if pending[1] - pending[0] >= least:
            groups.append(pending)
            pending = None
    if pending is not None:
        groups.append(pending)
    return groups


def _fill_gaps(keys: list[str | None], before: str | None) -> list[str]:
    """Undecided phrases take the label before them (or after, at an utterance's start)."""
    first = next((k for k in keys if k is not None), before)
    filled: list[str] = []
    last = before if before is not None else first
    for key in keys:
        last = key if key is not None else last
        filled.append(last if last is not None else "speaker 1")
    return filled


def _merge(turns: list[Turn]) -> list[Turn]:
    merged: list[Turn] = []
    for turn in turns:
        if merged and merged[-1].speaker == turn.speaker:
            prev = merged[-1]
            merged[-1] = Turn(
                prev.start,
                turn.end,
                prev.speaker,
                prev.uncertain and turn.uncertain,
                prev.speech_s + turn.speech_s,
            )
        else:
            merged.append(turn)
    return merged
