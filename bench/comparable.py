"""Words as a WER should compare them: spellings that say the same thing made one.

Whisper writes the same speech several ways from one decode to the next: "all right" /
"alright", "okay" / "OK", "five" / "5", "mm-hmm" / "M-M-H-M" / nothing. A WER on raw words counts
each as an error although the doctor reads the same thing. As Whisper's own evaluation
normaliser does, these are made one before counting (the raw figure is reported too):
lower case, no punctuation, hyphens as spaces, fillers dropped (hmm, mm-hmm, uh, um, euh),
"alright" → "all right", "ok" → "okay", number words up to 99 as digits (English and French).
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
    "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60,
}  # fmt: skip
_SAME = {"alright": ["all", "right"], "ok": ["okay"]}
_FILLER = re.compile(r"^(?:[mh]{1,6}|uh|um|uhm|euh|hum|er|erm)$")


def raw_words(text: str) -> list[str]:
    """The words of ``text`` as written: lower case, no punctuation, hyphens as spaces."""
    return re.sub(r"[^\w' ]+", " ", text.lower().replace("-", " ")).split()


def comparable(text: str) -> list[str]:
    """The words of ``text`` as a WER should compare them."""
    out: list[str] = []
    for word in raw_words(text):
        if _FILLER.match(word):
            continue
        out += _SAME.get(word, [word])
    return _numbers(out)


def _numbers(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _TENS:
            value = _TENS[word]
            following = words[i + 1] if i + 1 < len(words) else ""
            if following in _UNITS and 0 < _UNITS[following] < 10:
                value += _UNITS[following]
                i += 1
            out.append(str(value))
        elif word in _UNITS and word not in ("un", "une", "one"):  # articles, "the one"
            out.append(str(_UNITS[word]))
        else:
            out.append(word)
        i += 1
    return out
