"""A sentence the note already wrote, word for word (a small model looping: the same three
lines in every section, six times under "Conduite à tenir"). Each later copy is flagged; short
set phrases ("Not discussed.", "Non abordé.") repeat by design and are left alone."""

from __future__ import annotations

import re

from desktop.trust.lexicon import fold
from desktop.trust.model import Flag
from desktop.trust.text import Span

MIN_WORDS = 5  # a repeated sentence shorter than this is a set phrase
_WORD = re.compile(r"[^\W_]+")
_LABEL = re.compile(r"^\W*(?:[^\W\d_][\w'’ -]{0,40}?:)\s*")  # "Plan:", "- **Assessment:**"


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(_LABEL.sub("", text, count=1))))


def check_repeats(note: str, spans: list[Span]) -> list[Flag]:
    first_line: dict[tuple[str, ...], int] = {}
    flags = []
    for sp in spans:
        words = _words(note[sp.start : sp.end])
        if len(words) < MIN_WORDS:
            continue
        if words not in first_line:
            first_line[words] = note.count("\n", 0, sp.start) + 1
            continue
        line = first_line[words]
        reason = f"The note already says this (line {line}): a repeated sentence."
        flags.append(Flag("repeated", (sp.start, sp.end), note[sp.start : sp.end], reason))
    return flags
