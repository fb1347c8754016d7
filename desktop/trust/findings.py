"""Negation check by the polarity of each finding: a symptom or sign the note states is looked
up in the transcript, where each mention is stated, denied or only asked about.

- The note states a finding the consultation only ever denies -> flag ("denied").
- The note denies a symptom the consultation only ever reports -> flag ("reported").
- The note states a specific finding the consultation never mentions -> ``negation`` flag on
  that word (typically a "no" dropped from an exam template: "wheezes, rales or rhonchi").

Generic findings ("pain", "swelling", "weight") are judged with their qualifier from the note
("pain in the calf", "weight loss"): a transcript mention counts only when a qualifier word is
said near it. Lay phrasings come from ``finding_phrases`` ("hematuria" <- "blood ... urine").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from desktop.trust.analysis import AFF, ASK, NEG, Unit
from desktop.trust.checks import Context
from desktop.trust.index import TranscriptIndex
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag
from desktop.trust.text import PUNCT, stem

_QUALIFIER_REACH = 3  # note tokens either side of a generic finding
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
    forms += [(stem(w, language),) for w in lexicon.synonyms.get(word, ()) if w in lexicon.findings]
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
        while 0 <= k < len(unit.tokens) and abs(k - i) <= _QUALIFIER_REACH:
            t = unit.tokens[k]
            if t.word in PUNCT or t.word in {",", "or", "and", "ou", "et"}:
                break
            skip = t.word in lexicon.stopwords or t.word in lexicon.documentation
            if not skip and t.value is None and len(t.word) > 2:
                out.add(t.stem)
                out |= {stem(w, language) for w in lexicon.synonyms.get(t.word, ())}
            k += step
    return out


@lru_cache(maxsize=4)
def _finding_stems(lexicon: Lexicon, language: str) -> tuple[frozenset[str], frozenset[str]]:
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
    if qualified and unit.tokens[i].stem in _finding_stems(lexicon, lang)[1]:
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


_HYPOTHETICAL = frozenset(
    {
        "if",
        "aware",
        "watch",
        "monitor",
        "risk",
        "risks",
        "prevent",
        "preventing",
        "avoid",
        "possible",
        "possibility",
        "concern",
        "concerned",
        "worried",
        "should",
        "unless",
        "whether",
        "si",
        "surveiller",
        "risque",
        "risques",
        "eviter",
        "prevenir",
        "cas",
    }
)


def _hypothetical(unit: Unit, i: int) -> bool:
    """ "watch for fever", "if he experiences diarrhea": a finding the note does not assert."""
    return any(t.word in _HYPOTHETICAL for t in unit.tokens[:i])


def _unsaid(unit: Unit, i: int, counts: Counts, lexicon: Lexicon, language: str) -> bool:
    """A specific finding (not "pain", not a measurement like "breaths per minute") that the
    consultation never mentions in any way: often a dropped "no" in an exam template."""
    if counts.stated or counts.denied or counts.asked:
        return False
    if unit.tokens[i].stem in _finding_stems(lexicon, language)[1]:
        return False
    return not (i + 1 < len(unit.tokens) and unit.tokens[i + 1].word in {"per", "par", "/"})


_NOT_THINGS = frozenset(
    {
        "couple",
        "several",
        "few",
        "many",
        "lot",
        "lots",
        "times",
        "time",
        "winter",
        "summer",
        "spring",
        "autumn",
        "morning",
        "evening",
        "night",
        "questions",
        "question",
        "things",
        "thing",
        "other",
        "others",
        "anything",
        "something",
        "nothing",
        "everything",
        "today",
        "sometimes",
        "changes",
        "change",
        "problems",
        "problem",
        "issues",
        "issue",
    }
)


def _noun(word: str) -> bool:
    """Roughly a thing or a condition (not "taking", "extended", "couple", "questions")."""
    return (
        len(word) > 3
        and word.isalpha()
        and word not in _NOT_THINGS
        and not word.endswith(("ing", "ed", "ly"))
    )


def _qualifies(unit: Unit, i: int, findings: frozenset[str]) -> bool:
    """ "chest" in "chest pain": the finding next to it is judged, with it as its site."""
    for k in range(max(i - _QUALIFIER_REACH, 0), min(i + _QUALIFIER_REACH + 1, len(unit.tokens))):
        if k != i and unit.tokens[k].stem in findings:
            between = unit.tokens[min(i, k) : max(i, k)]
            if not any(t.word in PUNCT or t.word == "," for t in between):
                return True
    return False


def _candidate(unit: Unit, i: int, findings: frozenset[str], lexicon: Lexicon) -> bool:
    """A listed finding, or any content word the note states (judged only one way)."""
    t = unit.tokens[i]
    if unit.polarity[i] not in (AFF, NEG):
        return False
    return t.stem in findings or (
        unit.polarity[i] == AFF
        and t.stem in unit.content
        and t.value is None
        and len(t.word) > 4
        and t.word not in lexicon.documentation
    )


def _counts(ctx: Context, i: int) -> Counts | None:
    unit, lex = ctx.sentence, ctx.lexicon
    counts = finding_counts(ctx.index, unit, i, lex)
    if unit.polarity[i] == AFF and (counts is None or counts.total == 0):
        # "reports numbness": said nowhere with this site, is it ever stated at all?
        counts = finding_counts(ctx.index, unit, i, lex, qualified=False)
    return counts


def _verdict(ctx: Context, i: int, counts: Counts, findings: frozenset[str]) -> Flag | None:
    unit, t = ctx.sentence, ctx.sentence.tokens[i]
    stated_here = unit.polarity[i] == AFF
    if t.stem not in findings:  # other words: only "stated here, only ever denied there"
        denied_only = counts.denied and not counts.stated
        if not (denied_only and _noun(t.word) and not _qualifies(unit, i, findings)):
            return None
    if stated_here and counts.denied and not counts.stated:
        return ctx.flag("negation", i, i, f"In the consultation, {t.word} is denied.")
    if stated_here and _unsaid(unit, i, counts, ctx.lexicon, ctx.index.language):
        # A symptom or sign asserted and never discussed is mostly a template's "no" dropped.
        reason = f"The note states {t.word}, which the consultation never mentions (a lost “no”?)."
        return ctx.flag("negation", i, i, reason)
    if not stated_here and counts.stated and not counts.denied:
        reason = f"In the consultation, {t.word} is reported, not denied."
        return ctx.flag("negation", i, i, reason)
    return None


def check_negations(ctx: Context) -> list[Flag]:
    """A finding stated in the note but only denied in the consultation, or denied in the note
    but only reported there; a specific finding stated and never mentioned."""
    flags = []
    unit = ctx.sentence
    findings = _finding_stems(ctx.lexicon, ctx.index.language)[0]
    for i in range(len(unit.tokens)):
        if not _candidate(unit, i, findings, ctx.lexicon):
            continue
        if unit.polarity[i] == AFF and _hypothetical(unit, i):
            continue
        counts = _counts(ctx, i)
        flag = _verdict(ctx, i, counts, findings) if counts is not None else None
        if flag is not None:
            flags.append(flag)
    return flags
