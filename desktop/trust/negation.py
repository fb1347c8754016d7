"""Negation scope in speech and notes: which tokens a "no", "denies", "don't think there is
any" covers, and which are not denials ("no, just a headache", "I can't catch my breath")."""

from __future__ import annotations

from desktop.trust.lexicon import Lexicon
from desktop.trust.text import PUNCT, Token, phrase_at

AFF, NEG, ASK = "aff", "neg", "ask"
SCOPE = 12  # tokens a negation reaches at most in speech
NOTE_SCOPE = 64  # and in a note, where "denies a, b, c, ... and z" is one clause


_POSTPOSED = frozenset({"non"})


_NOT_NOUNS = frozenset(
    {"mais", "et", "ou", "donc", "que", "si", "alors", "ben", "bah", "euh", "oh", "ah", "pas"}
)


def _postposed(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    """ "température non prise", "urines non foncées": a note's "non" after a noun negates the
    word after it, not the rest of the clause ("mais non pas de sueurs" is a plain "no")."""
    if tokens[i].word not in _POSTPOSED or not 0 < i < len(tokens) - 1:
        return False
    before, after = tokens[i - 1].word, tokens[i + 1].word
    return (
        before.isalpha()
        and after.isalpha()
        and before not in _NOT_NOUNS
        and before not in lexicon.stopwords
        and not phrase_at(tokens, i + 1, lexicon.negation)
    )


def negation_polarity(
    tokens: list[Token], lexicon: Lexicon, scope: int, note: bool = False
) -> list[str]:
    polarity = [AFF] * len(tokens)
    i = 0
    while i < len(tokens):
        n = phrase_at(tokens, i, lexicon.negation)
        if n == 1 and note and _postposed(tokens, i, lexicon):
            polarity[i - 1] = polarity[i + 1] = NEG
            i += 2
            continue
        if not n or _bare_answer(tokens, i, n) or _limitation(tokens, i):
            i += max(n, 1)
            continue
        j = i + n
        opening = True  # "don't think there is any ...": the scope reaches past these
        while j < len(tokens) and j < i + n + scope:
            word = tokens[j].word
            opening = opening and word in _TRANSPARENT
            if word in PUNCT or (word in lexicon.breaks and not opening):
                break
            polarity[j] = NEG
            j += 1
        i = j
    if 1 < len(tokens) <= 5 and tokens[-1].word in _ANSWER_OPENERS:
        polarity = [NEG] * len(tokens)  # "diarrhea, no": a short turn closed by a no
    return polarity


_CAN = frozenset({"ca", "can", "could", "peux", "peut", "arrive"})
_MENTAL = frozenset({"think", "remember", "recall", "say", "tell", "believe", "see", "recollect"})


_CAN_FR = frozenset(
    {"arrive", "arrivais", "arrivait", "arrivez", "peux", "peut", "pouvais", "pouvait", "pouvez"}
)
_MENTAL_FR = frozenset({"souvenir", "rappeler", "dire", "penser", "croire", "voir", "sais"})


def _limitation(tokens: list[Token], i: int) -> bool:
    """ "I can't catch my breath", "can't sleep", "j'arrivais pas à dormir": a limitation the
    patient reports, not a denial ("I can't recall a fever" stays a denial)."""
    if i == 0 or i + 1 >= len(tokens):
        return False
    if tokens[i].word == "pas" and tokens[i - 1].word in _CAN_FR:
        after = [t.word for t in tokens[i + 1 : i + 3]]
        return not (set(after) & _MENTAL_FR)
    if tokens[i].word != "n't" or tokens[i - 1].word not in _CAN:
        return False
    return tokens[i + 1].word not in _MENTAL


_TRANSPARENT = frozenset(
    {
        "think",
        "believe",
        "see",
        "hear",
        "appreciate",
        "feel",
        "notice",
        "noticed",
        "there",
        "is",
        "are",
        "s",
        "was",
        "were",
        "any",
        "have",
        "has",
        "had",
        "really",
        "seem",
        "seems",
        "pense",
        "crois",
        "vois",
        "sens",
        "entends",
        "y",
        "a",
        "il",
        "i",
        "ve",
        "ever",
        "you",
        "he",
        "she",
        "we",
        "they",
        "je",
        "j",
        "jamais",
    }
)


_HEDGE_REACH = 8  # tokens after "if" that are not stated
_UNCERTAIN = frozenset({"if", "whether", "unless", "possible", "possibly", "si"})


def hedge_speech(tokens: list[Token], polarity: list[str]) -> None:
    """ "call me if you're gaining weight", "it's possible you had heartburn": what follows a
    hedge, to the end of its clause, is not stated (ASK)."""
    left = 0  # tokens the current hedge still covers
    for k, t in enumerate(tokens):
        if t.word in PUNCT or t.word == ",":
            left = 0
        elif t.word in _UNCERTAIN:
            left = _HEDGE_REACH
        elif left:
            left -= 1
            if polarity[k] == AFF:
                polarity[k] = ASK


_ANSWER_OPENERS = frozenset({"no", "nope", "non", "nah"})
_AFTER_ANSWER = frozenset(
    {
        ",",
        ".",
        "just",
        "only",
        "really",
        "i",
        "it",
        "that",
        "but",
        "well",
        "actually",
        "um",
        "uh",
        "mais",
        "juste",
        "seulement",
        "je",
        "c",
        "ca",
    }
)
_FILLERS = frozenset({"uh", "um", "oh", "well", "euh", "ben", "bah", "okay", "ok"})


def _bare_answer(tokens: list[Token], i: int, n: int) -> bool:
    """ "no, just a headache": a spoken "no" opening a turn answers the question before it;
    it does not deny what follows."""
    if n != 1 or tokens[i].word not in _ANSWER_OPENERS:
        return False
    if any(t.word not in _FILLERS and t.word != "," for t in tokens[:i]):
        return False
    return i + 1 >= len(tokens) or tokens[i + 1].word in _AFTER_ANSWER
