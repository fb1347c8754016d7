"""What one stretch of text says: content stems, negated or asked terms, drugs, quantities.

A *unit* is a note sentence or a transcript segment. Polarity of a token: ``aff`` (stated),
``neg`` (inside a negation's scope), ``ask`` (in a question nobody answered yes or no to).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from desktop.trust.lexicon import Lexicon
from desktop.trust.negation import (
    AFF,
    ASK,
    NEG,
    NOTE_SCOPE,
    SCOPE,
    hedge_speech,
    negation_polarity,
)
from desktop.trust.text import PUNCT, Token, phrase_at

__all__ = [
    "AFF",
    "ASK",
    "NEG",
    "Drug",
    "Quantity",
    "Unit",
    "analyse",
    "answer_of",
    "apply_answers",
    "content_stems",
    "find_drugs",
    "find_quantities",
    "label_end",
    "number_end",
    "range_of",
]


_MASS = {"mg": 1.0, "g": 1000.0, "mcg": 0.001}
_VOLUME = {"ml": 1.0, "l": 1000.0}


@dataclass(frozen=True)
class Drug:
    index: int  # token index in its unit
    canonical: str
    word: str


@dataclass(frozen=True)
class Quantity:
    index: int  # token index of the number
    value: float
    unit: str  # canonical unit, "" when none
    rate: bool = False  # the unit follows "per" / "a" / "par": "30 per day", "twice a day"

    def base(self) -> tuple[str, float]:
        """(dimension, value) so that 0.5 g and 500 mg compare equal."""
        if self.unit in _MASS:
            return "mass", round(self.value * _MASS[self.unit], 6)
        if self.unit in _VOLUME:
            return "volume", round(self.value * _VOLUME[self.unit], 6)
        return self.unit, round(self.value, 6)


@dataclass
class Unit:
    start: int
    end: int
    tokens: list[Token]
    polarity: list[str] = field(default_factory=list)
    drugs: list[Drug] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    content: set[str] = field(default_factory=set)
    question: bool = False
    q_start: int = 0  # first token of the question, when it is one
    q_end: int = -1  # index after its last token (-1: the end of the segment)


LABEL_WORDS = 8  # "Reason for the visit and history of the present complaint:" is a label


def label_end(tokens: list[Token]) -> int:
    """The index after a leading "Label:" (words only, at most LABEL_WORDS of them), 0 when
    there is none: the note's structure, not its content ("History of the present complaint:",
    "Vital signs:", "Tension artérielle :")."""
    for k, t in enumerate(tokens[: LABEL_WORDS + 1]):
        if t.word == ":":
            return k + 1 if k > 0 else 0
        if t.value is not None or t.word in PUNCT or t.word == ",":
            return 0
    return 0


def content_stems(tokens: list[Token], lexicon: Lexicon, note: bool = False) -> set[str]:
    out = set()
    for t in tokens[label_end(tokens) if note else 0 :]:
        if t.value is not None:
            out.add(f"#{t.value:g}")
        elif _stopword(t.word, lexicon) or len(t.word) < 2 or t.word in lexicon.units:
            continue
        elif not note or (
            t.word not in lexicon.documentation and (t.word,) not in lexicon.negation
        ):
            out.add(t.stem)
    return out


def _stopword(word: str, lexicon: Lexicon) -> bool:
    """A stopword, or its plural or third person ("feelings", "thinks", "choses"); singulars of
    4 letters or more only, so that no word of the other language is taken ("less", "les")."""
    if word in lexicon.stopwords:
        return True
    return len(word) > 4 and word.endswith("s") and word[:-1] in lexicon.stopwords


def find_drugs(tokens: list[Token], lexicon: Lexicon) -> list[Drug]:
    out = []
    for i, t in enumerate(tokens):
        canonical = lexicon.drugs.get(t.word)
        if canonical is None and lexicon.is_drug_like(t.word) and _dose_follows(tokens, i, lexicon):
            canonical = t.word
        if canonical is not None:
            out.append(Drug(i, canonical, t.word))
    return out


def _dose_follows(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    for t, u in zip(tokens[i + 1 : i + 4], tokens[i + 2 : i + 5], strict=False):
        if t.value is not None and lexicon.units.get(u.word) in lexicon.dose_units:
            return True
    return False


def number_end(tokens: list[Token], i: int) -> int:
    """The index after the number at token i (a spelled-out one spans several: "one hundred")."""
    k = i + 1
    while k < len(tokens) and tokens[k].start < tokens[i].end:
        k += 1
    return k


def find_quantities(tokens: list[Token], lexicon: Lexicon) -> list[Quantity]:
    out = []
    for i, t in enumerate(tokens):
        if t.value is None:
            continue
        unit = ""
        rate = False
        k = number_end(tokens, i)
        for u in tokens[k : k + 2]:
            if u.word in lexicon.units:
                unit = lexicon.units[u.word]
                break
            if u.word not in {"-", "a", "per", "par"}:
                break
            rate = u.word != "-"
        out.append(Quantity(i, t.value, unit, rate and bool(unit)))
    return _ranges(out, tokens, lexicon)


_RANGE = frozenset({"to", "or", "-", "a", "ou"})  # "a" is the folded French "à"


def _ranges(found: list[Quantity], tokens: list[Token], lexicon: Lexicon) -> list[Quantity]:
    """The end of a range without its unit takes the other end's: "two or three weeks",
    "2-3 days", "deux à trois semaines", "a day or two"."""
    out = list(found)
    for n, q in enumerate(out):
        if q.unit:
            continue
        k = number_end(tokens, q.index)
        nxt = out[n + 1] if n + 1 < len(out) else None
        if nxt and nxt.unit and k < len(tokens) and tokens[k].word in _RANGE and nxt.index == k + 1:
            out[n] = Quantity(q.index, q.value, nxt.unit, nxt.rate)
            continue
        prev = out[n - 1] if n > 0 else None
        i = q.index
        if (
            prev
            and prev.unit
            and i >= 2
            and tokens[i - 1].word in {"or", "to", "ou"}
            and lexicon.units.get(tokens[i - 2].word) == prev.unit
        ):
            out[n] = Quantity(q.index, q.value, prev.unit, prev.rate)
    return out


def range_of(unit: Unit, q: Quantity) -> tuple[Quantity, Quantity] | None:
    """(low, high) when q is an end of a range of one unit ("2-3 weeks", "2 à 3 semaines", "a
    day or two"), else None."""
    tokens = unit.tokens
    for a, b in pairwise(unit.quantities):
        k = number_end(tokens, a.index)
        if b.index == k + 2 and tokens[k + 1].word in {"or", "to", "ou"}:
            k += 1  # "a day or two": the unit between
        joined = k < len(tokens) and tokens[k].word in _RANGE and b.index == k + 1
        if q in (a, b) and joined and a.unit and a.unit == b.unit and not (a.rate or b.rate):
            return (a, b) if a.value <= b.value else (b, a)
    return None


def analyse(
    tokens: list[Token], start: int, end: int, lexicon: Lexicon, note: bool = False
) -> Unit:
    unit = Unit(start, end, tokens)
    unit.polarity = negation_polarity(tokens, lexicon, NOTE_SCOPE if note else SCOPE, note)
    if not note:
        hedge_speech(tokens, unit.polarity)
    unit.drugs = find_drugs(tokens, lexicon)
    unit.quantities = find_quantities(tokens, lexicon)
    unit.content = content_stems(tokens, lexicon, note)
    if any(t.word == "?" for t in tokens):
        unit.question, unit.q_start = True, _question_start(tokens)
        unit.q_end = max(i for i, t in enumerate(tokens) if t.word == "?") + 1
    elif not note and (opener := _asks(tokens, unit.polarity)) is not None:
        unit.question, unit.q_start = True, opener
    return unit


_ASKING = frozenset(
    {
        ("do", "you"),
        ("did", "you"),
        ("have", "you"),
        ("are", "you"),
        ("any",),
        ("how", "about"),
        ("what", "about"),
        ("anything", "like"),
        ("is", "there"),
        ("est", "ce", "que"),
        ("est", "-", "ce", "que"),
        ("vous", "avez"),
        ("avez", "vous"),
        ("avez", "-", "vous"),
        ("vous", "etes"),
        ("etes", "-", "vous"),
        ("des", "fois"),
    }
)


def _asks(tokens: list[Token], polarity: list[str]) -> int | None:
    """Where a question starts in speech without a question mark (ASR text often has none):
    at the first asking phrase ("are you having any ...", "how about ...") that no negation
    covers, in the last clause's last words; a cut-off clause asks from its start. None: no
    question."""
    if not tokens:
        return None
    end = len(tokens) - 1 if tokens[-1].word in PUNCT else len(tokens)
    start = end
    while start > 0 and tokens[start - 1].word not in PUNCT:
        start -= 1
    if tokens[-1].word in {"-", ","}:
        return start
    found = [
        (k, n)
        for k in range(max(start, end - _QUESTION_REACH), end)
        if polarity[k] != NEG and (n := phrase_at(tokens[:end], k, _ASKING))
    ]
    # "do you ...", "how about ...": the last one asks; "any", "anything like" may trail a list
    strong = [k for k, n in found if n > 1 and tokens[k].word not in {"any", "anything"}]
    if strong:
        return strong[-1]
    return found[0][0] if found else None  # "any cough or ... or anything like that"


_QUESTION_REACH = 30  # tokens before the end of an unpunctuated turn a question may start


_FILLERS = frozenset({"euh", "heu", "bah", "ben", "hum", "hmm", "uh", "um", "er", "erm", "oh"})


def answer_of(unit: Unit, lexicon: Lexicon) -> str | None:
    """AFF or NEG when a segment opens with a yes or no, else None."""
    words = [t for t in unit.tokens if t.word not in {",", "."}]
    while words and words[0].word in _FILLERS:
        words = words[1:]  # "Euh non, j'ai pas de problème", "Uh, yes"
    words = words[:4]
    if not words:
        return None
    if phrase_at(words, 0, lexicon.no):
        return NEG
    if phrase_at(words, 0, lexicon.yes):
        return AFF
    return None


_BARE_NO = frozenset({"no", "non", "nope", "nah"})
_AFTER_NO = frozenset({",", "je", "i", "j", "not", "pas", "but", "mais"})


def _echoes_denied(question: Unit, answer: Unit, findings: frozenset[str]) -> None:
    """ "any fever or chills?" / "chills, yes, last week. fever, no.": the asked symptom or sign
    the answer repeats just before a bare "no" later in the turn is denied there, not stated
    ("la fièvre, je l'ai pas prise, mais non je ne pense pas")."""
    asked = {
        t.stem
        for t in question.tokens[question.q_start :]
        if t.stem in question.content and (t.word in findings or t.stem in findings)
    }
    if not asked:
        return
    tokens = answer.tokens
    start = 0
    for k, t in enumerate(tokens):
        if t.word in PUNCT or t.word in {"yes", "oui", "yeah"}:
            start = k + 1
            continue
        after = tokens[k + 1].word if k + 1 < len(tokens) else "."
        if t.word in _BARE_NO and (after in PUNCT or after in _AFTER_NO) and k > start:
            for j in range(start, k):
                if tokens[j].stem in asked and answer.polarity[j] == AFF:
                    answer.polarity[j] = NEG
            start = k + 1


def apply_answers(units: list[Unit], lexicon: Lexicon, speakers: Sequence[str | None] = ()) -> None:
    """A question's terms take the polarity of the answer's yes/no, or ASK if none.

    The answer is the next segment; when who said each segment is known (``speakers``), it is
    the next segment said by someone else (the doctor's own next words do not answer the
    doctor's question; the patient's "no" a moment later does)."""
    for i, unit in enumerate(units):
        if not unit.question:
            continue
        j = _answer_index(i, speakers, len(units))
        if j is not None:
            _echoes_denied(unit, units[j], lexicon.findings)
        answer = answer_of(units[j], lexicon) if j is not None else None
        end = unit.q_end if unit.q_end >= 0 else len(unit.tokens)
        for k in range(unit.q_start, end):
            if answer == NEG:
                unit.polarity[k] = NEG
            elif answer is None:  # "il n'y a pas une position qui vous soulage ?" only asks
                unit.polarity[k] = ASK


ANSWER_WITHIN = 3  # segments after a question where another speaker's answer is looked for


def _answer_index(i: int, speakers: Sequence[str | None], n: int) -> int | None:
    asker = speakers[i] if i < len(speakers) else None
    if asker is None:
        return i + 1 if i + 1 < n else None
    for j in range(i + 1, min(n, i + 1 + ANSWER_WITHIN)):
        speaker = speakers[j] if j < len(speakers) else None
        if speaker is not None and speaker != asker:
            return j
    return None


def _question_start(tokens: list[Token]) -> int:
    """Tokens after the last sentence end before the question mark belong to the question."""
    marks = [i for i, t in enumerate(tokens) if t.word == "?"]
    last_q = marks[-1] if marks else len(tokens)
    while last_q > 0 and tokens[last_q - 1].word == ".":
        last_q -= 1  # "du diabète… ?": the ellipsis is the question's
    for k in range(last_q - 1, -1, -1):
        if tokens[k].word in {".", "!", ";"}:
            return k + 1
    return 0
