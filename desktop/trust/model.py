"""What ``desktop.trust.check`` returns: plain dataclasses, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FlagKind = Literal["unsupported", "number", "drug", "laterality", "negation", "allergy", "omission"]
KINDS: tuple[FlagKind, ...] = (
    "unsupported",
    "number",
    "drug",
    "laterality",
    "negation",
    "allergy",
    "omission",
)


@dataclass(frozen=True)
class SentenceLink:
    """One sentence of the note and the transcript segments that support it."""

    start: int  # character span in the note
    end: int
    segments: tuple[int, ...]  # indices into the transcript, best first
    score: float  # 0..1: share of the sentence's content words found in those segments
    checked: bool = True  # False for headings and sentences too short to judge


@dataclass(frozen=True)
class Flag:
    """Something in the note the doctor should look at, or something the note left out."""

    kind: FlagKind
    note_span: tuple[int, int] | None  # None for omissions
    text: str  # the note text flagged, or for an omission the transcript words left out
    reason: str  # one English sentence (the UI translates by kind)
    evidence: tuple[int, ...] = ()  # transcript segment indices
    evidence_text: str = ""  # the words of those segments, for a tooltip or the CLI


@dataclass(frozen=True)
class TrustReport:
    language: str
    sentences: list[SentenceLink] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def flags_of(self, kind: FlagKind) -> list[Flag]:
        return [f for f in self.flags if f.kind == kind]

    def sentence_at(self, position: int) -> SentenceLink | None:
        """The sentence under a note position (for "click a sentence, see its evidence")."""
        for link in self.sentences:
            if link.start <= position < link.end:
                return link
        return None
