"""One consultation: its committed transcript, the tentative tail, and its documents.

Pure Python, no threads, no Qt: the controller feeds it and the store persists it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from desktop.asr.base import Segment
from desktop.speakers.labeller import speaker_name


@dataclass
class Document:
    template_id: str
    text: str = ""
    copied_at: float | None = None
    # The doctor's accepted instructions for this document, in order: their own statements, so
    # the trust checks take what they added ("add that he does not smoke") as said.
    instructions: list[str] = field(default_factory=list)


@dataclass
class Encounter:
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: float = field(default_factory=time.time)
    ended_at: float | None = None
    language: str = ""
    segments: list[Segment] = field(default_factory=list)
    tentative: str = ""
    complete: bool = False  # every captured second has been transcribed
    documents: dict[str, Document] = field(default_factory=dict)

    def commit(self, segments: list[Segment]) -> None:
        self.segments.extend(s for s in segments if s.text.strip())

    def settle(self, start: float, end: float, segments: Sequence[Segment]) -> None:
        """Put ``segments`` in place of those whose middle lies in ``start``..``end`` (the second
        pass's text for a stretch of the live transcript); each keeps who said it from the live
        segments it overlaps most."""

        def middle(s: Segment) -> float:
            return (s.start + s.end) / 2

        before = [s for s in self.segments if middle(s) < start]
        after = [s for s in self.segments if middle(s) >= end + 1e-6]
        replaced = [s for s in self.segments if start <= middle(s) < end + 1e-6]
        new = [labelled_like(s, replaced) for s in segments if s.text.strip()]
        self.segments = [*before, *new, *after]

    def relabel(self, before: tuple[Segment, ...], after: tuple[Segment, ...]) -> bool:
        """Put ``after`` in place of the run of segments equal to ``before`` (the latest such
        run). When that run is no longer there (the second pass replaced its text meanwhile),
        the unlabelled segments now in its time take their labels from ``after`` by overlap (a
        label already there, the doctor's own above all, is never overwritten). False when
        nothing changed."""
        kept = [s for s in before if s.text.strip()]
        n = len(kept)
        if not n:
            return False
        for i in range(len(self.segments) - n, -1, -1):
            if self.segments[i : i + n] == kept:
                self.segments[i : i + n] = [s for s in after if s.text.strip()]
                return True
        changed = False
        for i, segment in enumerate(self.segments):
            relabelled = labelled_like(segment, after)  # only segments nobody labelled yet
            if relabelled is not segment:
                self.segments[i] = relabelled
                changed = True
        return changed

    def turn_of(self, index: int) -> range:
        """The segments of the turn that holds segment ``index`` (same speaker, in a row)."""
        who = self.segments[index].speaker
        first = last = index
        while first > 0 and self.segments[first - 1].speaker == who:
            first -= 1
        while last + 1 < len(self.segments) and self.segments[last + 1].speaker == who:
            last += 1
        return range(first, last + 1)

    def relabel_turn(self, index: int, speaker: str) -> None:
        """The doctor says who spoke the turn holding segment ``index`` (no longer a guess)."""
        for i in self.turn_of(index):
            self.segments[i] = replace(self.segments[i], speaker=speaker, speaker_uncertain=False)

    def rename_speakers(self, names: dict[str, str]) -> None:
        """Every segment of speaker ``old`` becomes ``names[old]`` (a swap names both ways)."""
        self.segments = [
            replace(s, speaker=names[s.speaker]) if s.speaker in names else s for s in self.segments
        ]

    def speakers(self) -> list[str]:
        """The speakers heard, in the order they first spoke."""
        return list(dict.fromkeys(s.speaker for s in self.segments if s.speaker))

    def set_tentative(self, text: str) -> None:
        self.tentative = text.strip()

    @property
    def transcript_text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def dialogue_text(self) -> str:
        """The transcript for the note prompt: one "Doctor: …" / "Patient: …" line per turn
        when who spoke is known, else the plain text."""
        return dialogue(self.segments)

    @property
    def duration_s(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def document(self, template_id: str) -> Document:
        return self.documents.setdefault(template_id, Document(template_id))

    def finish(self) -> None:
        self.ended_at = time.time()
        self.tentative = ""
        self.complete = True


def dialogue(segments: list[Segment]) -> str:
    """Consecutive segments of one speaker joined into a "Name: text" line."""
    if not any(s.speaker for s in segments):
        return " ".join(s.text.strip() for s in segments if s.text.strip())
    lines: list[tuple[str | None, list[str]]] = []
    for s in segments:
        if not s.text.strip():
            continue
        if lines and lines[-1][0] == s.speaker:
            lines[-1][1].append(s.text.strip())
        else:
            lines.append((s.speaker, [s.text.strip()]))
    return "\n".join(
        (f"{speaker_name(who)}: " if who else "") + " ".join(words) for who, words in lines
    )


def labelled_like(segment: Segment, others: Sequence[Segment]) -> Segment:
    """``segment`` with the speaker of the labelled one of ``others`` it overlaps most in time
    (unchanged when it has a speaker already, or overlaps none)."""
    if segment.speaker is not None:
        return segment
    best, overlap = None, 0.0
    for other in others:
        shared = min(segment.end, other.end) - max(segment.start, other.start)
        if other.speaker is not None and shared > overlap:
            best, overlap = other, shared
    if best is None:
        return segment
    return replace(segment, speaker=best.speaker, speaker_uncertain=best.speaker_uncertain)
