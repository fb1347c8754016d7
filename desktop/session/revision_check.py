"""A revision checked like a draft: what the consultation contradicts, and what nobody said.

The doctor's instruction is evidence: "add that he does not smoke" is stated by the doctor, so the
sentence it adds is supported. But an instruction cannot overrule what was said in the consultation
without being flagged: "make the dose 50 mg" when 5 mg was said is applied, and the new dose is
flagged red with the transcript's words as evidence. So the new text is checked twice: against
the transcript alone for contradictions (numbers, drugs, sides, negations, allergies), and against
the transcript plus every instruction the doctor gave for this document for unsupported content.
Only flags inside the inserted text, and not already on the old text, belong to the revision. A
flag on words the doctor's instruction holds ("50 mg") is a contradiction: applied as asked, shown
red with the consultation's words. A flag on words nobody said (the model's own) is unsupported.

Pure Python (no Qt); fast enough for the GUI thread, like ``desktop.trust.check``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.asr.base import Segment
from desktop.notes.revise import Revision
from desktop.notes.sections import fold
from desktop.notes.text_diff import inserted_spans
from desktop.trust import Flag, check

CONTRADICTION_KINDS = ("number", "drug", "laterality", "negation", "allergy")


@dataclass(frozen=True)
class RevisionCheck:
    contradictions: tuple[Flag, ...]  # the doctor asked it, the consultation says otherwise
    unsupported: tuple[Flag, ...]  # said neither in the consultation nor in an instruction

    @property
    def clean(self) -> bool:
        return not self.contradictions and not self.unsupported


def stated(transcript: Sequence[Segment], instructions: Sequence[str]) -> list[Segment]:
    """The transcript followed by the doctor's instructions, as segments after its end."""
    end = max((s.end for s in transcript), default=0.0)
    said = [Segment(end + i + 1, end + i + 1, text) for i, text in enumerate(instructions)]
    return [*transcript, *said]


def check_revision(
    revision: Revision,
    transcript: Sequence[Segment],
    *,
    instructions: Sequence[str] = (),
    language: str = "auto",
) -> RevisionCheck:
    """Flags the revision brings; ``instructions`` are the earlier ones kept with the document."""
    if not transcript or not revision.changed:
        return RevisionCheck((), ())
    spans = inserted_spans(revision.diff)
    doctor = stated(transcript, [*instructions, revision.instruction])
    before: set[tuple[str, str]] = {
        (f.kind, f.text) for f in check(revision.old, doctor, language=language).flags
    }
    asked = _key(" ".join([*instructions, revision.instruction]))
    alone = check(revision.new, transcript, language=language).flags
    with_doctor = check(revision.new, doctor, language=language).flags
    contradictions: list[Flag] = []
    unsupported: list[Flag] = []
    for flag in _unique([*alone, *with_doctor]):
        if not _new(flag, spans, before) or flag.kind == "omission":
            continue
        if _key(flag.text) in asked and flag.kind in CONTRADICTION_KINDS:
            contradictions.append(flag)
        elif flag in with_doctor and _key(flag.text) not in asked:
            unsupported.append(flag)
    return RevisionCheck(tuple(contradictions), tuple(unsupported))


def _key(text: str) -> str:
    return re.sub(r"\W+", "", fold(text))


def _unique(flags: list[Flag]) -> list[Flag]:
    seen: set[tuple[str, str, tuple[int, int] | None]] = set()
    out = []
    for flag in flags:
        key = (flag.kind, flag.text, flag.note_span)
        if key not in seen:
            seen.add(key)
            out.append(flag)
    return out


def _new(flag: Flag, spans: list[tuple[int, int]], before: set[tuple[str, str]]) -> bool:
    return _inside(flag, spans) and (flag.kind, flag.text) not in before


def _inside(flag: Flag, spans: list[tuple[int, int]]) -> bool:
    if flag.note_span is None:
        return False
    start, end = flag.note_span
    return any(start < s_end and s_start < end for s_start, s_end in spans)
