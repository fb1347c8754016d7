"""Allergies (checked both ways) and omissions: medications, allergies, symptoms and plans said in
the consultation that the note leaves out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from desktop.trust.analysis import AFF, NEG, Unit, answer_of
from desktop.trust.checks import Context
from desktop.trust.index import TranscriptIndex, synonyms_of
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import Flag
from desktop.trust.plans import omitted_plan_items
from desktop.trust.text import PUNCT, phrase_at, stem

_SKIP = {
    "to",
    "a",
    "au",
    "aux",
    "of",
    "the",
    "la",
    "le",
    "les",
    "l",
    "de",
    "d",
    "des",
    "any",
    "i",
    "m",
    "medication",
    "medications",
    "medicine",
    "medicines",
    "drug",
    "drugs",
    "anything",
    "something",
    "food",
    "foods",
    "medicament",
    "medicaments",
    "quelque",
    "chose",
    "rien",
    "connue",
    "connues",
}


@dataclass(frozen=True)
class Allergen:
    segment: int
    word: str
    key: str  # drug canonical or stem


_CLAUSE_LINKS = frozenset({"?", ",", "and", "or", "but", "et", "ou", "mais"})


def _sentence_around(unit: Unit, i: int) -> tuple[int, int]:
    """The token range of the sentence holding token i ("Takes ibuprofen 400 mg twice daily."
    is not the sentence of "Allergic to penicillin.")."""
    tokens = unit.tokens
    start = i
    while start > 0 and tokens[start - 1].word not in PUNCT:
        start -= 1
    end = i + 1
    while end < len(tokens) and tokens[end].word not in PUNCT:
        end += 1
    return start, end


def _allergens_after(unit: Unit, i: int, lexicon: Lexicon) -> list[tuple[str, str]]:
    """The drugs of the cue's sentence ("allergic to penicillin", "penicillin allergy"), else
    the first other word after the cue ("allergic to cats")."""
    start, end = _sentence_around(unit, i)
    drugs = [(d.word, d.canonical) for d in unit.drugs if start <= d.index < end]
    if drugs:
        return drugs
    out = []
    for t in unit.tokens[i + 1 : i + 5]:
        if t.word in PUNCT or t.word in _CLAUSE_LINKS:
            break  # "breathing worse with allergies and the heat": heat is no allergen
        if t.word in _SKIP or t.word in lexicon.stopwords or t.word in lexicon.allergy:
            continue
        out.append((t.word, t.stem))
        break
    return out


def _cue(unit: Unit, lexicon: Lexicon) -> int | None:
    for i, t in enumerate(unit.tokens):
        if t.word in lexicon.allergy and unit.polarity[i] == AFF:
            return i
    return None


@lru_cache(maxsize=4)
def transcript_allergens(index: TranscriptIndex, lexicon: Lexicon) -> list[Allergen]:
    out = []
    for s, unit in enumerate(index.units):
        i = _cue(unit, lexicon)
        if i is None:
            continue
        if unit.question:  # the allergen is in the answer, if any
            if s + 1 >= len(index.units) or index.units[s + 1].question:
                continue
            s, unit = s + 1, index.units[s + 1]
            i = _cue(unit, lexicon) or 0
            if answer_of(unit, lexicon) == NEG:
                continue
        out += [Allergen(s, w, k) for w, k in _allergens_after(unit, i, lexicon)]
    return out


def _no_allergy(unit: Unit, lexicon: Lexicon) -> int | None:
    for i in range(len(unit.tokens)):
        if phrase_at(unit.tokens, i, lexicon.no_allergy):
            return i
    return None


def check_allergies(ctx: Context) -> list[Flag]:
    unit, lex = ctx.sentence, ctx.lexicon
    said = transcript_allergens(ctx.index, lex)
    none_at = _no_allergy(unit, lex)
    if none_at is not None:
        if said:
            reason = f"The consultation mentions an allergy to {said[0].word}."
            return [ctx.flag("allergy", none_at, none_at, reason, (said[0].segment,))]
        return []
    cue = _cue(unit, lex)
    if cue is None:
        return []
    keys = {a.key for a in said}
    flags = []
    for word, key in _allergens_after(unit, cue, lex):
        if key not in keys:
            i = next(k for k, t in enumerate(unit.tokens) if t.word == word)
            reason = f"The consultation does not mention an allergy to {word}."
            flags.append(ctx.flag("allergy", i, i, reason))
    return flags


@dataclass(frozen=True)
class NoteTerms:
    stems: frozenset[str]
    words: frozenset[str]
    drugs: frozenset[str]

    def has(self, word: str, stem_: str, lexicon: Lexicon) -> bool:
        if stem_ in self.stems or word in self.words:
            return True
        if len(stem_) >= 6 and any(s.startswith(stem_[:6]) for s in self.stems):
            return True
        return any(syn in self.words for syn in synonyms_of(word, lexicon))


def note_terms(units: list[Unit]) -> NoteTerms:
    return NoteTerms(
        frozenset(t.stem for u in units for t in u.tokens),
        frozenset(t.word for u in units for t in u.tokens),
        frozenset(d.canonical for u in units for d in u.drugs),
    )


def _omission(word: str, reason: str, segs: tuple[int, ...], index: TranscriptIndex) -> Flag:
    return Flag("omission", None, word, reason, segs, index.text(segs))


def omitted_drugs(index: TranscriptIndex, note: NoteTerms, lexicon: Lexicon) -> list[Flag]:
    """Medications said (not denied) and absent from the note; allergens are left to
    ``omitted_allergies``."""
    allergens = {a.key for a in transcript_allergens(index, lexicon)}
    out = []
    for canonical, segs in index.stated_drugs.items():
        if canonical in note.drugs or canonical in allergens:
            continue
        if any(
            lexicon.in_class(canonical, named) or lexicon.in_class(named, canonical)
            for named in note.drugs
        ):
            continue  # the note names its class ("insulin" for Lantus) or a member of it
        word = next(d.word for d in index.units[segs[0]].drugs if d.canonical == canonical)
        if note.words and process.extractOne(word, note.words, scorer=fuzz.ratio, score_cutoff=85):
            continue
        reason = f"The medication {word} was mentioned in the consultation but is not in the note."
        out.append(_omission(word, reason, segs[:3], index))
    return out


def omitted_allergies(index: TranscriptIndex, note: NoteTerms, lexicon: Lexicon) -> list[Flag]:
    out = []
    seen = set()
    for a in transcript_allergens(index, lexicon):
        if a.key in seen or a.key in note.drugs:
            continue
        seen.add(a.key)
        if note.has(a.word, stem(a.word, index.language), lexicon):
            continue
        reason = f"An allergy to {a.word} was mentioned in the consultation but is not in the note."
        out.append(_omission(a.word, reason, (a.segment,), index))
    return out


def omitted_plans(index: TranscriptIndex, note: NoteTerms, lexicon: Lexicon) -> list[Flag]:
    """Tests ordered, referrals, procedures and dated follow-ups the note does not name."""
    return [
        _omission(item.said, reason, (item.segment,), index)
        for item, reason in omitted_plan_items(index, note, note.words, lexicon)
    ]


MAX_OMISSIONS = 5  # a longer list is not read


def omissions(index: TranscriptIndex, units: list[Unit], lexicon: Lexicon) -> list[Flag]:
    """What the note left out that matters, most important first (allergies, medications,
    tests, referrals, procedures, follow-ups), at most ``MAX_OMISSIONS``, each with the line
    that said it as evidence."""
    note = note_terms(units)
    ranked = (
        omitted_allergies(index, note, lexicon)
        + omitted_drugs(index, note, lexicon)
        + omitted_plans(index, note, lexicon)
    )
    return ranked[:MAX_OMISSIONS]
