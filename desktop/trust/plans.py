"""Plans said in the consultation that the note leaves out, when they name something a doctor
must not lose: a test ordered, a referral, a procedure, a follow-up with its delay. Narrating
the exam ("so I'm gonna just check you out", "let me take a listen") names none of them and is
never offered; medications and allergies are listed by ``omissions`` itself."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from desktop.trust.analysis import AFF, Unit
from desktop.trust.index import TranscriptIndex
from desktop.trust.lexicon import Lexicon
from desktop.trust.text import PUNCT, phrase_at, stem

ITEM_ORDER = ("test", "referral", "procedure", "follow_up")  # most important first
_LABEL = {
    "test": "a test ordered",
    "referral": "a referral",
    "procedure": "a procedure",
    "follow_up": "a follow-up",
}
_DELAYS = frozenset({"day", "week", "fortnight", "month", "year"})
# a note that says any of these has its follow-up
_FOLLOW_UP_WORDS = frozenset(
    {
        "follow",
        "followup",
        "return",
        "recheck",
        "revoir",
        "controle",
        "rendez",
        "reconsulter",
        "revenir",
        "reviendra",
        "revu",
        "revue",
        "reevaluation",
        "reevaluer",
    }
)


class Terms(Protocol):
    def has(self, word: str, stem_: str, lexicon: Lexicon) -> bool: ...


@dataclass(frozen=True)
class PlanItem:
    segment: int
    kind: str  # test, referral, procedure or follow_up
    words: tuple[str, ...]  # the item as said, folded ("echocardiogram", "physical therapy")
    said: str  # the sentence of the segment that says it
    surface: str  # the item as written in the transcript ("échographie")


_AROUND = 10  # words kept each side of the item in a long unpunctuated turn


def _sentence(unit: Unit, text: str, i: int, n: int) -> str:
    """The words around the item, within its sentence."""
    tokens = unit.tokens
    start = i
    while start > max(i - _AROUND, 0) and tokens[start - 1].word not in PUNCT:
        start -= 1
    end = i + n - 1
    while end + 1 < min(i + n + _AROUND, len(tokens)) and tokens[end + 1].word not in PUNCT:
        end += 1
    return text[tokens[start].start : tokens[end].end].strip(" ,")


_REVIEWED = frozenset(
    {"results", "result", "review", "reviewed", "showed", "shows", "resultats", "resultat"}
)  # "let's review the results of your x-ray": a test done, not ordered


def _reviewed(unit: Unit) -> bool:
    return any(t.word in _REVIEWED for t in unit.tokens)


def _has_delay(unit: Unit) -> bool:
    return any(q.unit in _DELAYS for q in unit.quantities)


def _items_in(s: int, unit: Unit, text: str, lexicon: Lexicon) -> list[PlanItem]:
    out = []
    for i in range(len(unit.tokens)):
        if unit.polarity[i] != AFF:
            continue  # denied or only asked ("do you want to see a specialist?")
        for kind in ITEM_ORDER:
            n = phrase_at(unit.tokens, i, lexicon.plan_items.get(kind, frozenset()))
            if not n or (kind == "follow_up" and not _has_delay(unit)):
                continue
            if kind == "test" and _reviewed(unit):
                continue
            words = tuple(t.word for t in unit.tokens[i : i + n])
            surface = text[unit.tokens[i].start : unit.tokens[i + n - 1].end]
            out.append(PlanItem(s, kind, words, _sentence(unit, text, i, n), surface))
            break
    return out


@lru_cache(maxsize=4)
def plan_items(index: TranscriptIndex, lexicon: Lexicon) -> tuple[PlanItem, ...]:
    """Each test, referral, procedure and dated follow-up said in a segment that plans."""
    out: list[PlanItem] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for s, unit in enumerate(index.units):
        if not any(phrase_at(unit.tokens, i, lexicon.plan_cues) for i in range(len(unit.tokens))):
            continue
        for item in _items_in(s, unit, index.texts[s], lexicon):
            key = (item.kind, item.words if item.kind != "follow_up" else ())
            if key not in seen:
                seen.add(key)
                out.append(item)
    return tuple(out)


def in_note(
    item: PlanItem, note: Terms, note_words: frozenset[str], lexicon: Lexicon, language: str
) -> bool:
    if item.kind == "follow_up":
        return bool(note_words & _FOLLOW_UP_WORDS)
    words = [w for w in item.words if w.isalnum() and len(w) > 1] or list(item.words)
    joined = "".join(w for w in item.words if w != "-")  # "x-ray" written "xray"
    return note.has(joined, stem(joined, language), lexicon) or any(
        note.has(w, stem(w, language), lexicon) for w in words if w not in lexicon.stopwords
    )


def omitted_plan_items(
    index: TranscriptIndex, note: Terms, note_words: frozenset[str], lexicon: Lexicon
) -> list[tuple[PlanItem, str]]:
    """(item, reason) for the plan items the note does not name, one per segment (its most
    important item; the reason names them all), most important kind first."""
    by_segment: dict[int, list[PlanItem]] = {}
    for item in plan_items(index, lexicon):
        if not in_note(item, note, note_words, lexicon, index.language):
            by_segment.setdefault(item.segment, []).append(item)
    out = []
    for items in by_segment.values():
        items.sort(key=lambda it: ITEM_ORDER.index(it.kind))
        named = "; ".join(dict.fromkeys(f"{_LABEL[it.kind]} ({it.surface})" for it in items))
        reason = f"Said in the consultation and not in the note: {named}."
        out.append((items[0], reason))
    return sorted(out, key=lambda pair: ITEM_ORDER.index(pair[0].kind))
