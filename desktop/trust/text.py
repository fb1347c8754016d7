"""Tokens, stems, numbers and sentences for the trust checks (pure functions, EN + FR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from desktop.trust.lexicon import Lexicon, fold

_TOKEN = re.compile(
    r"[a-z_]+?(?=n['’]t\b)|n['’]t|[0-9]+(?:[.,][0-9]+)?|[a-z0-9_]+|[.;:!?,/%°+\-]",
)
_THOUSANDS = re.compile(r"^[0-9]{1,3},[0-9]{3}$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9•\-À-Ý])")
_BULLET = re.compile(r"^[\s•*\-–·]+")
PUNCT = frozenset(".;:!?")

_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "fr": snowballstemmer.stemmer("french"),
}


@dataclass(frozen=True)
class Token:
    word: str  # folded surface
    start: int  # character span in the source text
    end: int
    stem: str
    value: float | None  # numeric value, for digits (and number words on request)
    digit: bool


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    return str(_STEMMERS.get(language, _STEMMERS["en"]).stemWord(word))


def _digit_value(word: str) -> float | None:
    if not word[0].isdigit():
        return None
    if _THOUSANDS.match(word):
        return float(word.replace(",", ""))
    return float(word.replace(",", "."))


def tokenize(text: str, language: str, offset: int = 0) -> list[Token]:
    folded = fold(text)
    tokens = []
    for m in _TOKEN.finditer(folded):
        word = m.group().replace("_", "").replace("’", "'")
        if not word:
            continue
        value = _digit_value(word)
        tokens.append(
            Token(
                word,
                m.start() + offset,
                m.end() + offset,
                stem(word, language),
                value,
                value is not None,
            )
        )
    return tokens


def _combine(values: list[float]) -> float:
    """[3, 20, 5] -> 325 ("three twenty five"), [40, 5] -> 45, [4, 20, 10] -> 90 (French)."""
    total, current = 0.0, 0.0
    for k, n in enumerate(values):
        if n == 100:
            current = max(current, 1) * 100
        elif n == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif n == 20 and current == 4:
            current = 80
        elif 20 <= n < 100 and 0 < current < 10 and k == 1:
            current = current * 100 + n  # spoken doses and readings: "one forty" = 140
        else:
            current += n
    return total + current


_TIME_UNITS = frozenset({"day", "week", "fortnight", "month", "year", "hour"})
_OF = frozenset({"of", "de", "d"})


@lru_cache(maxsize=4)
def _number_phrases(lexicon: Lexicon) -> tuple[frozenset[tuple[str, ...]], dict[str, float]]:
    """Number words of several words ("a couple", "une quinzaine"), as token sequences."""
    phrases = {w: v for w, v in lexicon.number_words.items() if " " in w}
    return frozenset(tuple(w.split()) for w in phrases), phrases


def _phrase_number(out: list[Token], i: int, lexicon: Lexicon) -> tuple[list[float], int]:
    """ "a couple (of)", "une quinzaine (de)": the value and the index after ("of" included, so
    that the unit follows: "a couple of weeks" is two weeks)."""
    phrases, values = _number_phrases(lexicon)
    n = phrase_at(out, i, phrases)
    if not n:
        return [], i
    j = i + n
    if j + 1 < len(out) and out[j].word in _OF:
        j += 1
    return [values[" ".join(t.word for t in out[i : i + n])]], j


_HALF = (("and", "a", "half"), ("et", "demi"), ("et", "demie"))


def _decimal(out: list[Token], j: int, value: float, lexicon: Lexicon) -> tuple[float, int]:
    """ "ninety seven point two" -> 97.2, "two and a half" -> 2.5, "trente-huit et demi" ->
    38.5; returns (value, index after the number)."""
    if j + 1 < len(out) and out[j].word in {"point", "virgule", "."}:
        nxt = out[j + 1]
        digit = nxt.value if nxt.digit else lexicon.number_words.get(nxt.word)
        if digit is not None and digit < 10:
            return value + digit / 10, j + 2
    for half in _HALF:
        if tuple(t.word for t in out[j : j + len(half)]) == half:
            return value + 0.5, j + len(half)
    return value, j


_ARTICLES = frozenset({"a", "an", "the", "un", "une", "le", "la"})  # no sentence ends on one


def _leading_point(out: list[Token], i: int, lexicon: Lexicon) -> tuple[list[float], int]:
    """ "point five centimeters", "virgule cinq": a decimal said without its zero; "a . five
    centimeter" too (dictation transcripts write the point as a dot), after an article only."""
    dot = out[i].word == "." and i > 0 and out[i - 1].word in _ARTICLES
    if (out[i].word not in {"point", "virgule"} and not dot) or i + 1 >= len(out):
        return [], i
    nxt = out[i + 1]
    digit = nxt.value if nxt.digit else lexicon.number_words.get(nxt.word)
    if digit is None or digit >= 10 or not float(digit).is_integer():
        return [], i
    return [digit / 10], i + 2


_LAST = frozenset({"last", "past", "next"})
_LAST_FR = frozenset({"dernier", "derniere", "passe", "passee", "prochain", "prochaine"})


def _one_time_unit(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    """ "a week", "an hour", "last week", "la semaine dernière", "le mois prochain": one."""
    word = tokens[i].word
    if i + 1 >= len(tokens) or lexicon.units.get(tokens[i + 1].word) not in _TIME_UNITS:
        return False
    if word in {"a", "an"} or word in _LAST:
        return True
    after = tokens[i + 2].word if i + 2 < len(tokens) else ""
    return word in {"la", "le", "l"} and after in _LAST_FR


def _joins(values: list[float], n: float) -> bool:
    """Whether number word n continues the spoken number so far ("forty" + "five", "one" +
    "hundred", "quatre" + "vingt" + "dix"), rather than starting a new one ("ten, ten")."""
    last, cur = values[-1], _combine(values) % 100
    if n in (100, 1000):
        return last < n
    if last in (100, 1000):
        return n < 100
    if cur in (70, 90) and last == 10:
        return n < 10  # soixante-dix-sept, quatre-vingt-dix-neuf
    if 20 <= cur < 100 and cur % 10 == 0:
        return n < 10 or (cur in (60, 80) and n < 20)  # soixante-dix, quatre-vingt-dix
    if cur == 4 and n == 20:
        return True
    return len(values) == 1 and 0 < last < 10 and 20 <= n < 100  # "one forty" = 140


def _number_end(out: list[Token], i: int, lexicon: Lexicon) -> tuple[list[float], int]:
    """Values of the number words from token i ("and", "-" allowed inside) and the index after."""
    values: list[float] = []
    j = i
    nxt = out[i + 1].word if i + 1 < len(out) else ""
    if out[i].word in {"a", "an"} and nxt in {"hundred", "thousand"}:
        values, j = [1.0], i + 1  # "a hundred and forty"
    while j < len(out):
        word = out[j].word
        if values and word in {"and", "-", "et"} and j + 1 < len(out):
            n = lexicon.number_words.get(out[j + 1].word)
            if n is not None and _joins(values, n):
                j += 1
                continue
            break
        n = lexicon.number_words.get(word)
        if n is None or (values and not _joins(values, n)):
            break
        values.append(n)
        j += 1
    return values, j


_RANGE = frozenset({"to", "or", "a", "ou"})  # "a" is the folded French "à"


def _range_scaled(out: list[Token], j: int, values: list[float], lex: Lexicon) -> list[float]:
    """ "three to four hundred", "cinq ou six cents": the first number of a range takes the
    multiplier the second one ends with (300 and 400, not 3 and 400)."""
    if len(values) != 1 or values[0] >= 100 or j + 1 >= len(out) or out[j].word not in _RANGE:
        return values
    second, _ = _number_end(out, j + 1, lex)
    if len(second) >= 2 and second[-1] in (100, 1000) and second[0] > values[0]:
        return [*values, second[-1]]
    return values


def add_number_words(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Give spelled-out numbers ("forty five", "a hundred and forty", "vingt-cinq", "a week") a
    value on their first token."""
    out = list(tokens)
    i = 0
    while i < len(out):
        said = out[i].value
        if out[i].digit and said is not None:  # "38 et demi", "2 and a half"
            value, j = _decimal(out, i + 1, said, lexicon)
            if j > i + 1 and out[i + 1].word not in {"point", "virgule", "."}:
                t = out[i]
                out[i] = Token(t.word, t.start, out[j - 1].end, t.stem, value, True)
                i = j
            else:
                i += 1
            continue
        values, j = _phrase_number(out, i, lexicon)
        if not values:
            values, j = _number_end(out, i, lexicon)
        if not values and _one_time_unit(out, i, lexicon):
            values, j = [1.0], i + 1
        if not values and (point := _leading_point(out, i, lexicon))[0]:
            (value,), j = point
            t = out[i]
            out[i] = Token(t.word, t.start, out[j - 1].end, t.stem, value, False)
            i = j
            continue
        if values:
            values = _range_scaled(out, j, values, lexicon)
            value, j = _decimal(out, j, _combine(values), lexicon)
            t = out[i]
            out[i] = Token(t.word, t.start, out[j - 1].end, t.stem, value, False)
            i = j
        else:
            i += 1
    return out


@lru_cache(maxsize=64)
def _by_first_word(phrases: frozenset[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase:
            out.setdefault(phrase[0], []).append(phrase)
    return out


def phrase_at(tokens: list[Token], i: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """Length of the longest phrase starting at token i (0 if none)."""
    if i >= len(tokens):
        return 0
    for phrase in _by_first_word(phrases).get(tokens[i].word, ()):
        n = len(phrase)
        if tuple(t.word for t in tokens[i : i + n]) == phrase:
            return n
    return 0


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(note: str) -> list[Span]:
    """Sentences of a note: one per line or bullet, lines split at sentence ends."""
    spans: list[Span] = []
    pos = 0
    for line in note.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = _BULLET.match(body)
        start = lead.end() if lead else 0
        for part in _SENTENCE_END.split(body[start:]):
            stripped = part.strip()
            if stripped:
                begin = body.index(stripped, start)
                spans.append(Span(pos + begin, pos + begin + len(stripped)))
                start = begin + len(stripped)
        pos += len(line)
    return spans


def detect_language(text: str, lexicon: Lexicon) -> str:
    words = re.findall(r"[a-z]+", fold(text[:20_000]))
    fr_marks = {"le", "la", "les", "des", "est", "et", "vous", "je", "pas", "une", "du", "avec"}
    en_marks = {"the", "and", "is", "you", "i", "not", "with", "of", "have", "he", "she", "to"}
    fr = sum(w in fr_marks for w in words)
    en = sum(w in en_marks for w in words)
    return "fr" if fr > en else "en"
