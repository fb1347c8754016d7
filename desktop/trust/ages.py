"""Ages: a number the note gives as the patient's age ("a 61-year-old", "53 y.o.", "aged 61",
"patiente de 61 ans", "âgée de 61 ans"), and the ages the consultation states ("I'm 54 years
old", "j'ai 54 ans").

A note takes the age from the patient's record, and it is seldom said aloud: an age the
consultation never says is no error in itself, only something to check against the record
(amber). An age the consultation gives otherwise is a wrong number (red). A model drafting from
the transcript alone never sees the record: the repair treats its unsaid ages as invented."""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from desktop.trust.analysis import Unit, number_end
from desktop.trust.index import TranscriptIndex
from desktop.trust.text import PUNCT, Token

_AFTER = frozenset(
    {
        ("-", "year", "-", "old"),
        ("-", "years", "-", "old"),
        ("year", "-", "old"),
        ("year", "old"),
        ("years", "old"),
        ("yo",),
        ("y", ".", "o"),
        ("y", "/", "o"),
        ("years", "of", "age"),
        ("-", "month", "-", "old"),
        ("month", "-", "old"),
        ("month", "old"),
        ("months", "old"),
    }
)
_BEFORE = frozenset({"aged", "age", "agee", "ages", "agees"})  # "aged 61", "âgée de 61 ans"
_PERSON = frozenset(
    {
        "patient",
        "patiente",
        "homme",
        "femme",
        "enfant",
        "garcon",
        "fille",
        "monsieur",
        "madame",
        "mme",
        "mr",
        "nourrisson",
        "bebe",
        "adolescent",
        "adolescente",
    }
)
_SPOKEN_AFTER = frozenset({("years", "old"), ("year", "old"), ("-", "year", "-", "old")})


def age_end(tokens: list[Token], i: int) -> int | None:
    """The last token of the age the number at token i states, or None when it states none
    ("for 30 years", "depuis 2 ans", "il y a 2 ans" are durations)."""
    k = number_end(tokens, i)
    words = tuple(t.word for t in tokens[k : k + 4])
    for phrase in _AFTER:
        if words[: len(phrase)] == phrase:
            return k + len(phrase) - 1
    before = [t.word for t in tokens[max(i - 3, 0) : i]]
    if before[-1:] in (["aged"], ["age"]) or before[-2:] == ["age", ":"]:
        return k - 1  # "aged 61", "age: 61"
    if k >= len(tokens) or tokens[k].word != "ans":
        return None
    if before[-1:] == ["de"] and (set(before) & (_BEFORE | _PERSON)):
        return k  # "patiente de 61 ans", "âgée de 61 ans"
    if _has_years(tokens, i):
        return k  # "il a 61 ans", "à 61 ans" (not "il y a 2 ans")
    return None


@lru_cache(maxsize=4)
def ages_said(index: TranscriptIndex) -> frozenset[float]:
    """The patient's own age as the consultation states it: "I'm 54 years old", "j'ai 54 ans"
    (not a relative's: "my son is nine", "ma grand-mère, 87 ans")."""
    found = set()
    for n, unit in enumerate(index.units):
        tokens = unit.tokens
        if (answer := _age_answer(unit, index.units[n - 1] if n else None)) is not None:
            found.add(answer)
        for q in unit.quantities:
            k = number_end(tokens, q.index)
            words = tuple(t.word for t in tokens[k : k + 4])
            before = [t.word for t in tokens[max(q.index - 2, 0) : q.index]]
            english = "i" in before and any(words[: len(p)] == p for p in _SPOKEN_AFTER)
            if english or (words[:1] == ("ans",) and before == ["j", "ai"]):
                found.add(q.value)
    return frozenset(found)


_ASK_AGE = (("quel", "age"), ("votre", "age"), ("how", "old"), ("your", "age"))


def _age_answer(unit: Unit, question: Unit | None) -> float | None:
    """ "42 ans." (or "fifty-four", "54 years old") answering "quel âge avez-vous ?"."""
    words = [t for t in unit.tokens if t.word not in PUNCT]
    if not words or words[0].value is None:
        return None
    rest = tuple(t.word for t in words[number_end(words, 0) :])
    if rest not in {(), ("ans",), ("years",), ("years", "old")}:
        return None
    if question is None:
        return None
    asked = [t.word for t in question.tokens]
    pairs = set(pairwise(asked))
    return words[0].value if pairs & set(_ASK_AGE) else None


def _has_years(tokens: list[Token], i: int) -> bool:
    """ "j'ai 54 ans", "il a 54 ans", not "il y a 2 ans"."""
    before = [t.word for t in tokens[max(i - 2, 0) : i]]
    return before[-1:] in (["ai"], ["a"]) and before[-2:-1] != ["y"]
