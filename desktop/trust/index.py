"""The transcript, analysed once and indexed; note sentences aligned to its segments.

The index is cached on the (immutable) segments, so re-checking a note while the doctor edits
costs only the note's own analysis.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from desktop.asr.base import Segment
from desktop.trust.analysis import AFF, Unit, analyse, apply_answers
from desktop.trust.durations import TIME_UNITS, index_durations, said_as_duration
from desktop.trust.lexicon import Lexicon, load_frequencies
from desktop.trust.text import Token, add_number_words, stem, tokenize

_SPEAKER = re.compile(
    r"^\s*(\[[^\]]{1,20}\]|(doctor|patient|médecin|medecin|patiente?)\s*:)\s*", re.I
)
MAX_EVIDENCE = 3
K = TypeVar("K")
_PREFIX = 6


@dataclass(frozen=True, eq=False)
class TranscriptIndex:
    language: str
    units: tuple[Unit, ...]
    postings: dict[str, frozenset[int]]  # content stem -> segments
    prefixes: dict[str, frozenset[str]]  # first letters of a stem -> stems
    idf: dict[str, float]
    max_idf: float
    drugs: dict[str, tuple[int, ...]]  # canonical drug -> segments
    words: frozenset[str]  # every folded word, for fuzzy drug matching
    texts: tuple[str, ...]  # each segment's words, speaker label removed
    values: dict[float, frozenset[int]]  # every number said -> segments
    bases: dict[tuple[str, float], frozenset[int]]  # quantity in base unit -> segments
    stated_drugs: dict[str, tuple[int, ...]]  # drugs not negated nor only asked about
    durations: dict[float, frozenset[int]]  # day counts of the durations said -> segments

    def text(self, indices: Iterable[int]) -> str:
        return " … ".join(self.texts[i] for i in indices)


def strip_speaker(text: str) -> str:
    return _SPEAKER.sub("", text, count=1)


@lru_cache(maxsize=4)
def build_index(segments: tuple[Segment, ...], language: str, lexicon: Lexicon) -> TranscriptIndex:
    texts = tuple(strip_speaker(s.text).strip() for s in segments)
    units = []
    for text in texts:
        tokens = add_number_words(tokenize(text, language), lexicon)
        units.append(analyse(tokens, 0, len(text), lexicon))
    apply_answers(units, lexicon, [s.speaker for s in segments])
    postings: dict[str, set[int]] = defaultdict(set)
    for i, unit in enumerate(units):
        for s in unit.content:
            postings[s].add(i)
        for k in range(len(unit.tokens)):
            if joined := hyphenated(unit.tokens, k):
                postings[stem(joined, language)].add(i)
    n = max(len(units), 1)
    prefixes: dict[str, set[str]] = defaultdict(set)
    for s in postings:
        if len(s) >= _PREFIX and not s.startswith("#"):
            prefixes[s[:_PREFIX]].add(s)
    values, bases = _numbers(units)
    drugs, stated = _drugs(units)
    return TranscriptIndex(
        language=language,
        units=tuple(units),
        postings=_freeze(postings),
        prefixes={k: frozenset(v) for k, v in prefixes.items()},
        idf={s: math.log(1 + n / (1 + len(segs))) for s, segs in postings.items()},
        max_idf=math.log(1 + n),
        drugs=drugs,
        words=frozenset(t.word for u in units for t in u.tokens if t.word.isalpha()),
        texts=texts,
        values=_freeze(values),
        bases=_freeze(bases),
        stated_drugs=stated,
        durations=index_durations(
            ((i, q) for i, u in enumerate(units) for q in u.quantities), language
        ),
    )


def hyphenated(tokens: list[Token], k: int) -> str | None:
    """The word a hyphenated compound makes written as one ("trans-sphenoidal" is said or
    transcribed "transsphenoidal"), given either of its halves."""
    for a in (k, k - 2):
        if a < 0 or a + 2 >= len(tokens) or tokens[a + 1].word != "-":
            continue
        left, dash, right = tokens[a : a + 3]
        glued = left.end == dash.start and dash.end == right.start
        if glued and left.word.isalpha() and right.word.isalpha():
            return left.word + right.word
    return None


def _freeze(d: dict[K, set[int]]) -> dict[K, frozenset[int]]:
    return {k: frozenset(v) for k, v in d.items()}


def _numbers(units: list[Unit]) -> tuple[dict[float, set[int]], dict[tuple[str, float], set[int]]]:
    values: dict[float, set[int]] = defaultdict(set)
    bases: dict[tuple[str, float], set[int]] = defaultdict(set)
    for i, unit in enumerate(units):
        for t in unit.tokens:
            if t.value is not None:
                values[round(t.value, 6)].add(i)
        for q in unit.quantities:
            bases[q.base()].add(i)
    return values, bases


def _drugs(units: list[Unit]) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    drugs: dict[str, set[int]] = defaultdict(set)
    stated: dict[str, set[int]] = defaultdict(set)
    for i, unit in enumerate(units):
        for d in unit.drugs:
            drugs[d.canonical].add(i)
            if unit.polarity[d.index] == AFF:
                stated[d.canonical].add(i)
    return (
        {k: tuple(sorted(v)) for k, v in drugs.items()},
        {k: tuple(sorted(v)) for k, v in stated.items()},
    )


def matches(index: TranscriptIndex, word: str, stem_: str, lexicon: Lexicon) -> frozenset[int]:
    """Segments holding this word, its stem's relatives or a cheap synonym."""
    found: set[int] = set(index.postings.get(stem_, ()))
    if len(stem_) >= _PREFIX:
        for other in index.prefixes.get(stem_[:_PREFIX], ()):
            found |= index.postings[other]
    for synonym in synonyms_of(word, lexicon):
        found |= index.postings.get(stem(synonym, index.language), frozenset())
    if not found:  # "overhead" said "over my head", the gallbladder "gall bladder"
        for one in (word, *synonyms_of(word, lexicon)):
            if len(one) >= 7 and one.isalpha():
                found |= _said_in_two(index, one)
    return frozenset(found)


@lru_cache(maxsize=4)
def _two_memo(index: TranscriptIndex) -> dict[str, frozenset[int]]:
    return {}  # per transcript: a bounded cache that lets old transcripts go


def _said_in_two(index: TranscriptIndex, word: str) -> frozenset[int]:
    memo = _two_memo(index)
    if word not in memo:
        memo[word] = _split_said(index, word)
    return memo[word]


def _split_said(index: TranscriptIndex, word: str) -> frozenset[int]:
    """ "overhead" said "over my head", "lifelong" "life long": the word's two halves said
    close together, in order."""
    found: set[int] = set()
    for cut in range(3, len(word) - 2):
        left, right = word[:cut], word[cut:]
        if left not in index.words or right not in index.words:
            continue
        near = index.postings.get(stem(right, index.language), frozenset())
        for s in near | index.postings.get(stem(left, index.language), frozenset()):
            words = [t.word for t in index.units[s].tokens]
            if any(w == left and right in words[k + 1 : k + 3] for k, w in enumerate(words)):
                found.add(s)
    return frozenset(found)


def synonyms_of(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """A word's synonyms, or its singular's ("paresthesias" -> tingling, numbness)."""
    found = lexicon.synonyms.get(word)
    if found is None and len(word) > 4 and word.endswith(("s", "x")):
        found = lexicon.synonyms.get(word[:-1])
    return found or ()


@dataclass(frozen=True)
class Alignment:
    segments: tuple[int, ...]
    score: float
    weight: float  # total weight of the sentence's content words
    missing: tuple[str, ...]  # content words found in no chosen segment


_RARE = 6.5  # Zipf of a word that counts nothing (common words count little)
_FLOOR = 0.3
_NUMBER_WEIGHT = 3.0


def _weight(word: str, number: bool, index: TranscriptIndex) -> float:
    """How much a word counts: rare words (in everyday language) more than common ones."""
    if number:
        return _NUMBER_WEIGHT
    z = load_frequencies(index.language).get(word, 2.0)
    return max(_RARE - z, _FLOOR)


WINDOW = 6  # consecutive segments a sentence's support is looked for in


def _align_window(
    wanted: dict[str, tuple[float, frozenset[int], str]], total: float, n: int
) -> Alignment:
    """The best stretch of consecutive segments: a sentence is supported where it was said."""
    hits: dict[int, list[str]] = defaultdict(list)
    for key, (_, segs, _) in wanted.items():
        for seg in segs:
            hits[seg].append(key)
    best_got, best_start = -1.0, 0
    for start in sorted({max(s - WINDOW + 1, 0) for s in hits} | {0}):
        keys = {k for s in range(start, min(start + WINDOW, n)) for k in hits.get(s, ())}
        got = sum(wanted[k][0] for k in keys)
        if got > best_got:
            best_got, best_start = got, start
    window = range(best_start, min(best_start + WINDOW, n))
    covered = {k for s in window for k in hits.get(s, ())}
    gains = {s: sum(wanted[k][0] for k in hits.get(s, ())) for s in window if hits.get(s)}
    chosen = tuple(sorted(gains, key=lambda s: -gains[s])[:MAX_EVIDENCE])
    missing = tuple(word for k, (_, _, word) in wanted.items() if k not in covered)
    return Alignment(chosen, max(best_got, 0.0) / total if total else 1.0, total, missing)


_TIMES = frozenset({"times", "time", "fois", "x"})


def _said_bare(unit: Unit, value: float) -> bool:
    """The number said alone ("fifty eight", "about five"), not as another quantity nor as a
    count of times ("three times a day")."""
    tokens = unit.tokens
    return any(
        q.value == value
        and not q.unit
        and (q.index + 1 >= len(tokens) or tokens[q.index + 1].word not in _TIMES)
        for q in unit.quantities
    )


def align(sentence: Unit, index: TranscriptIndex, lexicon: Lexicon) -> Alignment:
    wanted: dict[str, tuple[float, frozenset[int], str]] = {}
    drugs = {d.index: d.canonical for d in sentence.drugs}
    quantities = {q.index: q for q in sentence.quantities}
    for k, t in enumerate(sentence.tokens):
        key = f"#{t.value:g}" if t.value is not None else t.stem
        if key not in sentence.content or key in wanted:
            continue
        if t.value is not None:
            q = quantities[k]
            segs = index.postings.get(key, frozenset())
            if q.unit in TIME_UNITS and not q.rate:  # "three days" is not "three times a day"
                segs = frozenset(s for s in segs if _said_bare(index.units[s], q.value))
            segs |= index.bases.get(q.base(), frozenset())
            segs |= said_as_duration(q, index.durations, index.language)
        else:
            segs = matches(index, t.word, t.stem, lexicon)
            segs |= frozenset(index.drugs.get(drugs.get(k, ""), ()))
            if joined := hyphenated(sentence.tokens, k):
                segs |= matches(index, joined, stem(joined, index.language), lexicon)
        weight = _weight(t.word, t.value is not None, index)
        wanted[key] = (weight, segs, t.word)
    total = sum(w for w, _, _ in wanted.values())
    return _align_window(wanted, total, len(index.units))
