"""The context every check of one note sentence reads, and the drug check. The other checks
(numbers, laterality, negation, allergies, terms) live in their own modules; each returns flags
with one-sentence English reasons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from desktop.trust.analysis import Unit
from desktop.trust.index import Alignment, TranscriptIndex
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag, FlagKind


@dataclass(frozen=True)
class Context:
    note: str
    sentence: Unit
    alignment: Alignment
    index: TranscriptIndex
    lexicon: Lexicon
    other_sides: Counter[tuple[str, str]] = field(default_factory=Counter)  # rest of the note
    line_start: bool = True  # the sentence opens its line

    def flag(
        self, kind: FlagKind, first: int, last: int, reason: str, evidence: tuple[int, ...] = ()
    ) -> Flag:
        tokens = self.sentence.tokens
        start, end = tokens[first].start, tokens[last].end
        ev = evidence or self.alignment.segments
        return Flag(kind, (start, end), self.note[start:end], reason, ev, self.index.text(ev))


def _fuzzy_said(word: str, index: TranscriptIndex, lexicon: Lexicon) -> bool:
    hit = process.extractOne(word, index.words, scorer=fuzz.ratio, score_cutoff=85)
    if hit is None:
        return False
    other = lexicon.drugs.get(hit[0])
    return other is None or other == lexicon.drugs.get(word)


def _class_said(canonical: str, index: TranscriptIndex, lexicon: Lexicon) -> bool:
    """The note names a class ("insulin") for a drug the consultation named ("Lantus")."""
    return any(lexicon.in_class(said, canonical) for said in index.drugs)


def check_drugs(ctx: Context) -> list[Flag]:
    flags = []
    for drug in ctx.sentence.drugs:
        if drug.canonical in ctx.index.drugs or _fuzzy_said(drug.word, ctx.index, ctx.lexicon):
            continue
        if _class_said(drug.canonical, ctx.index, ctx.lexicon):
            continue
        near = {d.word for s in ctx.alignment.segments for d in ctx.index.units[s].drugs} - {
            drug.word
        }
        reason = f"{drug.word} is not mentioned in the consultation."
        if near:
            reason = (
                f"{drug.word} is not mentioned in the consultation, which names {sorted(near)[0]}."
            )
        flags.append(ctx.flag("drug", drug.index, drug.index, reason))
    return flags
