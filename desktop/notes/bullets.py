"""Turning a section into bullet points, without a model: it is pure formatting and must be exact.

``bullet_instruction`` recognises an instruction that asks for nothing else ("bullets in the
plan", "mets le plan en puces") and returns the words that name the section; anything more
("bullets in the plan and drop the follow-up") goes to the model. ``to_bullets`` rewrites one
section: each sentence of its text (or each existing list item) on its own "- " line.

Pure Python, no Qt.
"""

from __future__ import annotations

import re

from desktop.notes.sections import fold, split_sections

_BULLETS = (
    r"(?:bullet points?|bullets?|bulleted list|a bulleted list|a list|bullet form"
    r"|a numbered list|numbered list|numbered points?|numbers)"
)
_PATTERNS = (
    re.compile(
        r"^(?:please )?(?:(?:use|make|put|write|turn|format|convert|give me)"
        r"(?: it| this| that)?(?: (?:as|into|in|with))? )?(?:the )?"
        + _BULLETS
        + r"(?: points?)? (?:in|for|on|under) (?:the )?(?P<section>[\w' -]{2,40})$"
    ),
    re.compile(
        r"^(?:please )?(?:make |turn |format |put |write |convert )?(?:the )?"
        r"(?P<section>[\w' -]{2,40}?) (?:as|into|in|to) " + _BULLETS + r"$"
    ),
    re.compile(
        r"^(?:mets?|mettre|mettez|passe|passez|fais|faites|ecris|ecrivez)? ?"
        r"(?:le |la |les |l')?(?P<section>[\w' -]{2,40}?) en "
        r"(?:puces|liste(?: numerotee)?|points)$"
    ),
    re.compile(
        r"^(?:des )?(?:puces|une liste) (?:dans|pour|sur) (?:le |la |les |l')?"
        r"(?P<section>[\w' -]{2,40})$"
    ),
)
_JOINERS = {"and", "then", "but", "with", "also", "et", "puis", "mais", "avec", "aussi"}
_ITEM = re.compile(r"^\s*(?:[-*•–·]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = ("dr.", "mr.", "mrs.", "ms.", "e.g.", "i.e.", "vs.", "approx.", "etc.", "p.o.")


def bullet_instruction(instruction: str) -> str:
    """The section words of a pure "bullets in SECTION" instruction, else ""."""
    said = fold(instruction).strip().rstrip(".!")
    said = " ".join(said.split())
    for pattern in _PATTERNS:
        match = pattern.match(said)
        if match and _one_thing(match["section"]):
            return match["section"].strip()
    return ""


def _one_thing(words: str) -> bool:
    """A section name, not a second request ("the plan and drop the follow-up")."""
    split = words.split()
    return len(split) <= 4 and not _JOINERS & set(split)


def numbered(instruction: str) -> bool:
    """The list asked for is numbered ("numbered list in the plan", "liste numérotée")."""
    return re.search(r"number|numerot", fold(instruction)) is not None


def to_bullets(section: str, *, numbered: bool = False) -> str:
    """The section with its heading kept and each sentence or item on a "- " line (or "1. ",
    "2. "... when ``numbered``)."""
    sections = split_sections(section)
    heading = sections[0] if sections and sections[0].title else None
    body_start = heading.body_start if heading else 0
    head = section[:body_start].rstrip(" \t")
    body = section[body_start:]
    trail = body[len(body.rstrip()) :]
    items: list[str] = []
    for line in body.strip().splitlines():
        if not line.strip():
            continue
        if _ITEM.match(line):
            items.append(_ITEM.sub("", line).strip())
        else:
            items.extend(sentences(line.strip()))
    kept = [item for item in items if item]
    lines = "\n".join(f"{n}. {item}" if numbered else f"- {item}" for n, item in enumerate(kept, 1))
    if head and not head.endswith("\n"):
        head += "\n"
    return f"{head}{lines}{trail or ''}"


def sentences(text: str) -> list[str]:
    """Sentences of a line, not cut after common abbreviations or inside numbers ("2.5 mg")."""
    out: list[str] = []
    current = ""
    for piece in re.split(r"(?<=[.!?;])\s+", text):
        current = f"{current} {piece}" if current else piece
        if not current.lower().endswith(_ABBREVIATIONS):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return [s.strip() for s in out if s.strip()]
