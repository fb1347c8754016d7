"""A word-level difference between two texts, for showing a revision (inserted / removed).

Pure Python, no Qt. Whitespace runs are tokens of their own, so joining the parts of one side
gives that side's text back exactly.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[\w'’]+|[^\w\s]")


@dataclass(frozen=True)
class DiffPart:
    kind: str  # "equal" | "insert" | "delete"
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(parts, "equal", a[i1:i2])
            continue
        if op in ("delete", "replace"):
            _add(parts, "delete", a[i1:i2])
        if op in ("insert", "replace"):
            _add(parts, "insert", b[j1:j2])
    return parts


def _add(parts: list[DiffPart], kind: str, tokens: Iterable[str]) -> None:
    text = "".join(tokens)
    if not text:
        return
    if parts and parts[-1].kind == kind:
        parts[-1] = DiffPart(kind, parts[-1].text + text)
    else:
        parts.append(DiffPart(kind, text))


def side(parts: Iterable[DiffPart], which: str) -> str:
    """The old ("delete") or the new ("insert") text, put back together from the parts."""
    return "".join(p.text for p in parts if p.kind in ("equal", which))


def inserted_spans(parts: Iterable[DiffPart]) -> list[tuple[int, int]]:
    """Character spans of the inserted text in the new text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        if part.kind == "delete":
            continue
        if part.kind == "insert":
            spans.append((pos, pos + len(part.text)))
        pos += len(part.text)
    return spans


def counts(parts: Iterable[DiffPart]) -> tuple[int, int]:
    """(words inserted, words removed)."""
    ins = rem = 0
    for part in parts:
        n = len(re.findall(r"\w+", part.text))
        if part.kind == "insert":
            ins += n
        elif part.kind == "delete":
            rem += n
    return ins, rem
