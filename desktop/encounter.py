"""One consultation: its committed transcript, the tentative tail, and its documents.

Pure Python, no threads, no Qt: the controller feeds it and the store persists it.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field, replace

from desktop.asr.base import Segment
from desktop.speakers.labeller import speaker_name


@dataclass
class Document:
    template_id: str
    text: str = ""
    copied_at: float | None = None


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

    def relabel(self, before: tuple[Segment, ...], after: tuple[Segment, ...]) -> bool:
        """Put ``after`` in place of the run of segments equal to ``before`` (the latest such
        run); False when it is no longer there (its text was replaced meanwhile)."""
        kept = [s for s in before if s.text.strip()]
        n = len(kept)
        if not n:
            return False
        for i in range(len(self.segments) - n, -1, -1):
            if self.segments[i : i + n] == kept:
                self.segments[i : i + n] = [s for s in after if s.text.strip()]
                return True
        return False

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
