"""High-risk checks of one note sentence against the transcript: numbers and doses, drugs,
laterality, negation and allergies. Each returns flags with one-sentence English reasons."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from desktop.trust.analysis import AFF, NEG, Quantity, Unit, term_keys
from desktop.trust.index import Alignment, TranscriptIndex, matches
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag, FlagKind
from desktop.trust.text import stem

_NEAR = 4  # tokens between a side word and its body part


@dataclass(frozen=True)
class Context:
    note: str
    sentence: Unit
    alignment: Alignment
    index: TranscriptIndex
    lexicon: Lexicon

    def flag(self, kind: FlagKind, first: int, last: int, reason: str,
             evidence: tuple[int, ...] = ()) -> Flag:
        tokens = self.sentence.tokens
        start, end = tokens[first].start, tokens[last].end
        ev = evidence or self.alignment.segments
        return Flag(kind, (start, end), self.note[start:end], reason, ev, self.index.text(ev))


def _said(q: Quantity, index: TranscriptIndex, lexicon: Lexicon) -> frozenset[int]:
    by_value = index.values.get(round(q.value, 6), frozenset())
    if q.unit in {"mg", "g", "mcg", "ml", "l"}:
        return by_value | index.bases.get(q.base(), frozenset())
    return by_value


def _quantity_end(ctx: Context, q: Quantity) -> int:
    nxt = q.index + 1
    tokens = ctx.sentence.tokens
    if q.unit and nxt < len(tokens) and tokens[nxt].word in ctx.lexicon.units:
        return nxt
    return q.index


def _dose_text(q: Quantity, unit: Unit) -> str:
    return f"{q.value:g} {q.unit}".strip()


def _near_doses(ctx: Context, canonical: str, q: Quantity) -> list[Quantity]:
    dim = q.base()[0]
    out = []
    for seg in ctx.index.drugs.get(canonical, ()):
        for s in (seg, seg + 1):
            if s < len(ctx.index.units):
                out += [d for d in ctx.index.units[s].quantities if d.unit and d.base()[0] == dim]
    return out


def check_numbers(ctx: Context) -> list[Flag]:
    flags = []
    lex = ctx.lexicon
    for q in ctx.sentence.quantities:
        tok = ctx.sentence.tokens[q.index]
        if not tok.digit:
            continue
        last = _quantity_end(ctx, q)
        said = _said(q, ctx.index, lex)
        if not said:
            reason = f"The number {tok.word} is not said in the consultation."
            flags.append(ctx.flag("number", q.index, last, reason))
            continue
        if q.unit not in lex.dose_units:
            continue
        for drug in ctx.sentence.drugs:
            near = _near_doses(ctx, drug.canonical, q)
            if near and all(d.base() != q.base() for d in near):
                said_dose = _dose_text(near[0], ctx.sentence)
                reason = f"The consultation gives {drug.word} as {said_dose}, not {tok.word} {q.unit}."
                ev = ctx.index.drugs[drug.canonical][:3]
                flags.append(ctx.flag("number", q.index, last, reason, ev))
                break
    return flags


def _fuzzy_said(word: str, index: TranscriptIndex, lexicon: Lexicon) -> bool:
    hit = process.extractOne(word, index.words, scorer=fuzz.ratio, score_cutoff=85)
    if hit is None:
        return False
    other = lexicon.drugs.get(hit[0])
    return other is None or other == lexicon.drugs.get(word)


def check_drugs(ctx: Context) -> list[Flag]:
    flags = []
    for drug in ctx.sentence.drugs:
        if drug.canonical in ctx.index.drugs or _fuzzy_said(drug.word, ctx.index, ctx.lexicon):
            continue
        near = {
            d.word for s in ctx.alignment.segments for d in ctx.index.units[s].drugs
        } - {drug.word}
        reason = f"{drug.word} is not mentioned in the consultation."
        if near:
            reason = f"{drug.word} is not mentioned in the consultation, which names {sorted(near)[0]}."
        flags.append(ctx.flag("drug", drug.index, drug.index, reason))
    return flags


def _side(word: str, lexicon: Lexicon) -> str | None:
    if word in lexicon.left and len(word) > 1:
        return "left"
    if word in lexicon.right and len(word) > 1:
        return "right"
    return None


def _body_part(unit: Unit, i: int, lexicon: Lexicon) -> int | None:
    for k in list(range(i + 1, min(i + 1 + _NEAR, len(unit.tokens)))) + list(
        range(i - 1, max(i - 1 - _NEAR, -1), -1)
    ):
        t = unit.tokens[k]
        if t.word in lexicon.body_parts or (t.word not in lexicon.stopwords and len(t.word) > 3
                                            and _side(t.word, lexicon) is None and t.value is None):
            return k
    return None


def _sides_near(index: TranscriptIndex, part_stem: str, segs: frozenset[int],
                lexicon: Lexicon) -> set[str]:
    sides = set()
    for s in segs:
        tokens = index.units[s].tokens
        for i, t in enumerate(tokens):
            if t.stem != part_stem:
                continue
            for near in tokens[max(i - _NEAR, 0) : i + _NEAR + 1]:
                side = _side(near.word, lexicon)
                if side:
                    sides.add(side)
    return sides


def check_laterality(ctx: Context) -> list[Flag]:
    flags = []
    lex = ctx.lexicon
    for i, t in enumerate(ctx.sentence.tokens):
        side = _side(t.word, lex)
        if side is None:
            continue
        k = _body_part(ctx.sentence, i, lex)
        sides: set[str] = set()
        if k is not None:
            part = ctx.sentence.tokens[k]
            segs = matches(ctx.index, part.word, part.stem, lex)
            sides = _sides_near(ctx.index, part.stem, segs, lex)
        if not sides:
            sides = {
                s for seg in ctx.alignment.segments for w in ctx.index.units[seg].tokens
                if (s := _side(w.word, lex))
            }
        if sides and side not in sides:
            other = "right" if side == "left" else "left"
            reason = f"The consultation says {other}, not {side}."
            flags.append(ctx.flag("laterality", i, k if k is not None and k > i else i, reason))
    return flags


def check_negations(ctx: Context) -> list[Flag]:
    flags = []
    unit, lex, index = ctx.sentence, ctx.lexicon, ctx.index
    symptoms = {stem(w, index.language) for w in lex.symptoms}
    for i, t in enumerate(unit.tokens):
        if t.stem not in symptoms or unit.polarity[i] not in (AFF, NEG):
            continue
        uni, bi = term_keys(unit, i, lex)
        stated, negated = index.polar.get(bi, (0, 0)) if bi else (0, 0)
        if stated + negated == 0:
            stated, negated = index.polar.get(uni, (0, 0))
        if unit.polarity[i] == AFF and negated and not stated:
            reason = f"In the consultation, {t.word} is denied."
        elif unit.polarity[i] == NEG and stated and not negated:
            reason = f"In the consultation, {t.word} is reported, not denied."
        else:
            continue
        flags.append(ctx.flag("negation", i, i, reason))
    return flags


def check_all(ctx: Context) -> list[Flag]:
    return check_numbers(ctx) + check_drugs(ctx) + check_laterality(ctx) + check_negations(ctx)
