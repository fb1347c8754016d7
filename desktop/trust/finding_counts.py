"""How the transcript speaks of each finding: every mention of a symptom or sign (or of a lay
phrase for it) counted as stated, denied or only asked about. Used by the negation check in
``findings``; cached per transcript index, so a re-check after an edit costs nothing here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from desktop.trust.analysis import AFF, ASK, NEG, Unit
from desktop.trust.index import TranscriptIndex, synonyms_of
from desktop.trust.lexicon import Lexicon
from desktop.trust.text import PUNCT, stem

QUALIFIER_REACH = 3  # note tokens either side of a generic finding
_PREFIX = 5  # shortest stem whose longer relatives count as the same word
_NEAR = 8  # transcript tokens between a finding and its qualifier or phrase words


@dataclass(frozen=True)
class Counts:
    stated: int
    denied: int
    asked: int = 0

    @property
    def total(self) -> int:
        return self.stated + self.denied + self.asked


@lru_cache(maxsize=4)
def _positions(index: TranscriptIndex) -> dict[str, tuple[tuple[int, int], ...]]:
    """stem -> (segment, token) of every mention in the transcript."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, unit in enumerate(index.units):
        for i, t in enumerate(unit.tokens):
            if t.value is None and t.word.isalpha():
                out[t.stem].append((s, i))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4)
def _by_prefix(index: TranscriptIndex) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for st in _positions(index):
        if len(st) >= _PREFIX:
            out[st[:_PREFIX]].append(st)
    return {k: tuple(v) for k, v in out.items()}


def _relatives(index: TranscriptIndex, st: str) -> tuple[str, ...]:
    """The stem and the transcript's stems it is a prefix of, or that are its prefix
    ("injuri" and "injur")."""
    if len(st) < _PREFIX:
        return (st,)
    near = _by_prefix(index).get(st[:_PREFIX], ())
    return (st, *(o for o in near if o != st and (o.startswith(st) or st.startswith(o))))


def _stems(words: tuple[str, ...], language: str) -> tuple[str, ...]:
    return tuple(stem(w, language) for w in words)


def _forms(word: str, lexicon: Lexicon, language: str) -> list[tuple[str, ...]]:
    """The finding's own stem, its one-word synonyms, its lay phrases (as stem tuples)."""
    forms: list[tuple[str, ...]] = [(stem(word, language),)]
    forms += [(stem(w, language),) for w in synonyms_of(word, lexicon) if w in lexicon.findings]
    forms += [_stems(p, language) for p in lexicon.finding_phrases.get(word, ())]
    return forms


def _phrase_polarity(unit: Unit, i: int, others: set[str]) -> str:
    """A lay phrase's polarity: denied when any of its words near the head is ("i don't think
    there is any blood, but the urine looks dark": no hematuria), asked when any is asked."""
    if not others:
        return unit.polarity[i]
    lo, hi = max(i - _NEAR, 0), min(i + _NEAR + 1, len(unit.tokens))
    around = {unit.polarity[k] for k in range(lo, hi) if k == i or unit.tokens[k].stem in others}
    return NEG if NEG in around else ASK if ASK in around else unit.polarity[i]


def _near(unit: Unit, i: int, stems: set[str]) -> bool:
    lo, hi = max(i - _NEAR, 0), min(i + _NEAR + 1, len(unit.tokens))
    return any(unit.tokens[k].stem in stems for k in range(lo, hi) if k != i)


def _qualifiers(unit: Unit, i: int, lexicon: Lexicon, language: str) -> set[str]:
    """Content words next to a generic finding in the note, with their synonyms."""
    out: set[str] = set()
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(unit.tokens) and abs(k - i) <= QUALIFIER_REACH:
            t = unit.tokens[k]
            if t.word in PUNCT or t.word in {",", "or", "and", "ou", "et"}:
                break
            skip = t.word in lexicon.stopwords or t.word in lexicon.documentation
            if not skip and t.value is None and len(t.word) > 2:
                out.add(t.stem)
                out |= {stem(w, language) for w in synonyms_of(t.word, lexicon)}
            k += step
    return out


@lru_cache(maxsize=4)
def finding_stems(lexicon: Lexicon, language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(stems of all findings, stems of the generic ones)."""
    return (
        frozenset(stem(w, language) for w in lexicon.findings),
        frozenset(stem(w, language) for w in lexicon.generic_findings),
    )


def finding_counts(
    index: TranscriptIndex, unit: Unit, i: int, lexicon: Lexicon, qualified: bool = True
) -> Counts | None:
    """How often the consultation states and denies the finding at note token i (None when the
    finding is generic and the note gives it no qualifier; ``qualified=False`` counts every
    mention of a generic finding, whatever its site)."""
    word, lang = unit.tokens[i].word, index.language
    qualifiers: set[str] = set()
    if qualified and unit.tokens[i].stem in finding_stems(lexicon, lang)[1]:
        qualifiers = _qualifiers(unit, i, lexicon, lang)
        if not qualifiers:
            return None
    positions = _positions(index)
    stated = denied = asked = 0
    seen: set[tuple[int, int]] = set()
    for form in _forms(word, lexicon, lang):
        others = set(form[:-1])
        heads = _relatives(index, form[-1]) if len(form) == 1 else (form[-1],)
        for s, k in (p for head in heads for p in positions.get(head, ())):
            seg = index.units[s]
            if (s, k) in seen or (others and not all(_near(seg, k, {o}) for o in others)):
                continue
            if qualifiers and not _near(seg, k, qualifiers):
                continue
            seen.add((s, k))
            polarity = _phrase_polarity(seg, k, others)
            stated += polarity == AFF
            denied += polarity == NEG
            asked += polarity == ASK
    return Counts(stated, denied, asked)
