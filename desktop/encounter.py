"""One consultation: its committed transcript, the tentative tail, and its documents.

Pure Python, no threads, no Qt: the controller feeds it and the store persists it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.asr.base import Segment


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

    def settle(self, start: float, end: float, segments: Sequence[Segment]) -> None:
        """Put ``segments`` in place of those whose middle lies in ``start``..``end`` (the second
        pass's text for a stretch of the live transcript)."""

        def middle(s: Segment) -> float:
            return (s.start + s.end) / 2

        before = [s for s in self.segments if middle(s) < start]
        after = [s for s in self.segments if middle(s) >= end + 1e-6]
        self.segments = [*before, *(s for s in segments if s.text.strip()), *after]

    def set_tentative(self, text: str) -> None:
        self.tentative = text.strip()

    @property
    def transcript_text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def duration_s(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def document(self, template_id: str) -> Document:
        return self.documents.setdefault(template_id, Document(template_id))

    def finish(self) -> None:
        self.ended_at = time.time()
        self.tentative = ""
        self.complete = True
