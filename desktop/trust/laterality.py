"""Laterality: the side (left/right) the note gives a body part or finding, against the side
the consultation gives it, and the side the rest of the note gives it."""

from __future__ import annotations

from collections import Counter

from desktop.trust.analysis import Unit
from desktop.trust.checks import Context
from desktop.trust.index import TranscriptIndex, matches
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag
from desktop.trust.text import Token

_NEAR = 4  # tokens between a side word and its body part
_STOP = frozenset({",", ".", ";", ":", "?", "!"})

_NOT_SIDE_BEFORE = frozenset({"all", "that", "s", "is", "exactly", "yeah", "okay", "ok", "tout"})
_NOT_SIDE_AFTER = frozenset({"now", "here", "there", "away", "after", "before", "?", "then", ","})


def _side_at(tokens: list[Token], i: int, lexicon: Lexicon) -> str | None:
    """'left' or 'right' when token i names a side ("all right", "right now" do not)."""
    word = tokens[i].word
    if len(word) < 2 or (word not in lexicon.left and word not in lexicon.right):
        return None
    before = tokens[i - 1].word if i > 0 else ""
    after = tokens[i + 1].word if i + 1 < len(tokens) else "?"
    if before in _NOT_SIDE_BEFORE or (after in _NOT_SIDE_AFTER and _ambiguous(word)):
        return None
    if _compared(tokens, i, lexicon):
        return None
    return "left" if word in lexicon.left else "right"


def _ambiguous(word: str) -> bool:
    """ "right, so", "right now", "he left after": English side words are other words too;
    French "droite" and "gauche" are sides ("irradiation latérale gauche, vers l'épaule")."""
    return word in {"right", "left", "r", "l"}


_THAN = frozenset({"than", "que", "qu", "vs", "versus"})


def _compared(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    """ "right greater than left", "right side is giving me more problems than the left",
    "plus à droite qu'à gauche": both sides compared, neither is the side of the finding."""
    other = lexicon.right if tokens[i].word in lexicon.left else lexicon.left
    for k in range(max(i - _COMPARE_REACH, 0), min(i + _COMPARE_REACH + 1, len(tokens))):
        if tokens[k].word in other:
            between = tokens[min(i, k) + 1 : max(i, k)]
            if any(t.word in _THAN for t in between):
                return True
    return False


_COMPARE_REACH = 10


def _body_part(unit: Unit, i: int, lexicon: Lexicon) -> int | None:
    after = range(i + 1, min(i + 1 + _NEAR, len(unit.tokens)))
    before = range(i - 1, max(i - 1 - _NEAR, -1), -1)
    for k in list(after) + list(before):
        t = unit.tokens[k]
        between = unit.tokens[min(i, k) + 1 : max(i, k)]
        if t.word in _STOP or any(b.word in _STOP for b in between):
            continue  # "latérale gauche, vers l'épaule": the clause ends at the comma
        if t.word in lexicon.body_parts:
            return k
        plain = t.word not in lexicon.stopwords and t.value is None and len(t.word) > 3
        if plain and _side_at(unit.tokens, k, lexicon) is None:
            return k
    return None


def _sides_near(
    index: TranscriptIndex, part_stem: str, segs: frozenset[int], lexicon: Lexicon
) -> Counter[str]:
    sides: Counter[str] = Counter()
    for s in segs:
        tokens = index.units[s].tokens
        for i, t in enumerate(tokens):
            if t.stem != part_stem:
                continue
            for k in range(max(i - _NEAR, 0), min(i + _NEAR + 1, len(tokens))):
                side = _side_at(tokens, k, lexicon)
                if side:
                    sides[side] += 1
    return sides


def _sides_said(ctx: Context, i: int) -> tuple[Counter[str], int | None]:
    lex = ctx.lexicon
    k = _body_part(ctx.sentence, i, lex)
    sides: Counter[str] = Counter()
    if k is not None:
        part = ctx.sentence.tokens[k]
        sides = _sides_near(
            ctx.index, part.stem, matches(ctx.index, part.word, part.stem, lex), lex
        )
    if not sides:
        for seg in ctx.alignment.segments:
            tokens = ctx.index.units[seg].tokens
            said = Counter(s for j in range(len(tokens)) if (s := _side_at(tokens, j, lex)))
            sides.update(said + _other_side(tokens, said))
    return sides, k


def _names_both(ctx: Context, other: str) -> bool:
    """The sentence also names the other side (of anything)."""
    tokens = ctx.sentence.tokens
    return any(_side_at(tokens, j, ctx.lexicon) == other for j in range(len(tokens)))


_OTHER_SIDE = (("autre", "cote"), ("other", "side"))


def _other_side(tokens: list[Token], said: Counter[str]) -> Counter[str]:
    """ "vers la droite. Un petit peu de l'autre côté aussi": a turn that names one side and
    "the other side" names both."""
    if len(said) != 1:
        return Counter()
    words = [t.word for t in tokens]
    if not any(tuple(words[j : j + 2]) in _OTHER_SIDE for j in range(len(words) - 1)):
        return Counter()
    (side,) = said
    return Counter({"right" if side == "left" else "left": 1})


def sides_in(unit: Unit, lexicon: Lexicon) -> Counter[tuple[str, str]]:
    """(body part stem, side) of each side word in a note sentence."""
    out: Counter[tuple[str, str]] = Counter()
    for i in range(len(unit.tokens)):
        side = _side_at(unit.tokens, i, lexicon)
        k = _body_part(unit, i, lexicon) if side else None
        if side and k is not None:
            out[(unit.tokens[k].stem, side)] += 1
    return out


def _part_never_said(ctx: Context, i: int, k: int | None) -> Flag | None:
    """ "X-ray of the right elbow" when nobody mentions an elbow: the side cannot be checked and
    the body part itself is not from this consultation."""
    if k is None:
        return None
    part = ctx.sentence.tokens[k]
    if part.word not in ctx.lexicon.body_parts or part.word in _REGIONS:
        return None
    if matches(ctx.index, part.word, part.stem, ctx.lexicon):
        return None
    reason = f"The consultation never mentions the {part.word}."
    return ctx.flag("unsupported", min(i, k), max(i, k), reason)


_REGIONS = frozenset({"side", "upper", "lower", "quadrant", "extremity", "extremities", "lobe"})


def check_laterality(ctx: Context) -> list[Flag]:
    """A side the consultation gives less often than the other side for this body part: never,
    a third as often, or half as often when the rest of the note also says the other side."""
    flags = []
    for i in range(len(ctx.sentence.tokens)):
        side = _side_at(ctx.sentence.tokens, i, ctx.lexicon)
        if side is None:
            continue
        sides, k = _sides_said(ctx, i)
        unsaid = _part_never_said(ctx, i, k)
        if unsaid is not None:
            flags.append(unsaid)
            continue
        other = "right" if side == "left" else "left"
        part = ctx.sentence.tokens[k].stem if k is not None else ""
        in_note = {s: ctx.other_sides[(part, s)] for s in (side, other)}
        said = f"{sides[other]} times, {side} {sides[side]}"
        if not sides[other]:
            continue
        if sides[side] and _names_both(ctx, other):
            continue  # "vers la droite surtout, un peu à gauche": both, as said
        if sides[other] >= 3 * sides[side]:
            reason = f"The consultation says {other}, not {side}."
            if sides[side]:
                reason = f"The consultation mostly says {other} ({said})."
        elif sides[other] + in_note[other] >= 2 * (sides[side] + in_note[side]):
            reason = f"The consultation mostly says {other} ({said}), as does the rest of the note."
        else:
            continue
        flags.append(ctx.flag("laterality", i, k if k is not None and k > i else i, reason))
    return flags
