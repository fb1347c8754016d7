"""What ``desktop.trust.check`` returns: plain dataclasses, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

FlagKind = Literal[
    "unsupported",
    "number",
    "drug",
    "laterality",
    "negation",
    "allergy",
    "omission",
    "term",
    "repeated",
    "age",
    "placeholder",
]
KINDS: tuple[FlagKind, ...] = get_args(FlagKind)  # the same kinds, in the same order
# red: contradicts or is absent from the consultation and matters (a number, dose, drug, side,
# negation, allergy, a clinical term nobody said, a template's placeholder);
# amber: a sentence not found in the consultation (may be fine: look at it), an age nobody said
# (a note takes it from the patient's record: check it there), a sentence the note already
# wrote (a fault of the writing, not a fact at odds with the consultation; the repair removes
# it all the same);
# grey: something the consultation said that the note left out.
Severity = Literal["red", "amber", "grey"]
SEVERITY: dict[str, Severity] = {
    "unsupported": "amber",
    "omission": "grey",
    "number": "red",
    "drug": "red",
    "laterality": "red",
    "negation": "red",
    "allergy": "red",
    "term": "red",
    "repeated": "amber",
    "age": "amber",
    "placeholder": "red",  # a template's blank ("dose X", "[date]"): never said
}
FactKind = Literal[
    "vital", "result", "exam", "diagnosis", "medication", "plan", "condition", "symptom"
]


@dataclass(frozen=True)
class SentenceLink:
    """One sentence of the note and the transcript segments that support it."""

    start: int  # character span in the note
    end: int
    segments: tuple[int, ...]  # indices into the transcript, best first
    score: float  # 0..1: share of the sentence's content words found in those segments
    checked: bool = True  # False for headings and sentences too short to judge
    fact: FactKind | None = None  # the kind of clinical fact the sentence states, if any


@dataclass(frozen=True)
class Flag:
    """Something in the note the doctor should look at, or something the note left out."""

    kind: FlagKind
    note_span: tuple[int, int] | None  # None for omissions
    text: str  # the note text flagged, or for an omission the transcript words left out
    reason: str  # one English sentence (the UI translates by kind)
    evidence: tuple[int, ...] = ()  # transcript segment indices
    evidence_text: str = ""  # the words of those segments, for a tooltip or the CLI
    # The flagged sentence states a clinical fact (a vital sign, exam finding, result,
    # diagnosis, medication, plan, condition or symptom): ``fact`` says which. False for
    # "Thank you for seeing her." and for omissions.
    clinical: bool = False
    fact: FactKind | None = None

    @property
    def severity(self) -> Severity:
        """red (repair or fix it), amber (look at it), grey (an omission)."""
        return SEVERITY.get(self.kind, "red")


@dataclass(frozen=True)
class TrustReport:
    language: str
    sentences: list[SentenceLink] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def flags_of(self, kind: FlagKind) -> list[Flag]:
        return [f for f in self.flags if f.kind == kind]

    def of_severity(self, severity: Severity) -> list[Flag]:
        return [f for f in self.flags if f.severity == severity]

    @property
    def has_red(self) -> bool:
        return any(f.severity == "red" for f in self.flags)

    def sentence_at(self, position: int) -> SentenceLink | None:
        """The sentence under a note position (for "click a sentence, see its evidence")."""
        for link in self.sentences:
            if link.start <= position < link.end:
                return link
        return None
