"""Putting the model's answer into the document: the planned part replaced (its spacing and a
heading the model dropped kept), or for an insert the one sentence added at the section's end.

Pure Python, no Qt.
"""

from __future__ import annotations

import re

from desktop.notes import bullets
from desktop.notes.base import BackendFailed
from desktop.notes.revision_plan import RevisionPlan
from desktop.notes.sections import fold, split_sections

_NOT_DISCUSSED = re.compile(
    r"[(\[]?(?:not discussed|none discussed|non abordee?s?|non discutee?s?)[)\]]?\.?"
)


def clean_answer(answer: str) -> str:
    """The model's answer without what small models wrap it in (fences, a preamble, quotes)."""
    text = answer.strip()
    first, _, rest = text.partition("\n")
    if rest and re.match(r"^(here is|here's|voici|revised text|texte révisé)", first, re.I):
        text = rest.strip()
    text = re.sub(r"^```[a-zA-Z]*\n|\n?```$", "", text).strip()
    text = re.sub(r'^"""\n?|\n?"""$', "", text).strip()
    return text


def apply_answer(document: str, plan: RevisionPlan, answer: str) -> str:
    """The document with its planned part replaced by ``answer`` (the spacing around the part,
    and a heading the model dropped, are kept); for an insert, the sentence added at the end of
    the section (a "- " item in a list, instead of a lone "not discussed")."""
    text = clean_answer(answer)
    if not text:
        raise BackendFailed("The model gave no revision; the document is unchanged.")
    old_part = document[plan.start : plan.end]
    if plan.scope == "insert":
        return document[: plan.start] + add_sentence(old_part, text) + document[plan.end :]
    text = drop_repeated_sentences(text, kept=document[: plan.start] + document[plan.end :])
    if plan.scope == "section":
        text = _keep_heading(old_part, text)
    lead = old_part[: len(old_part) - len(old_part.lstrip())]
    trail = old_part[len(old_part.rstrip()) :]
    return document[: plan.start] + lead + text + trail + document[plan.end :]


def drop_repeated_sentences(text: str, *, kept: str = "") -> str:
    """``text`` without a sentence of five words or more that it, or the rest of the document
    (``kept``), already says: a small model shortening a note wrote the plan's "Prescribe Motrin
    800 milligrams..." again under the assessment."""
    seen = {_key(s) for line in kept.splitlines() for s in bullets.sentences(_bare(line))}
    lines = []
    for line in text.splitlines():
        pieces = bullets.sentences(_bare(line))
        fresh = []
        for sentence in pieces:
            key = _key(sentence)
            if len(key.split()) >= 5 and key in seen:
                continue
            seen.add(key)
            fresh.append(sentence)
        if pieces and not fresh:
            continue  # the whole line was said already
        if len(fresh) < len(pieces):
            marker = line[: len(line) - len(line.lstrip())] + _marker(line)
            line = marker + " ".join(fresh)
        lines.append(line)
    return "\n".join(lines)


def _bare(line: str) -> str:
    return line.strip()[len(_marker(line.strip())) :]


def _marker(line: str) -> str:
    found = re.match(r"(?:[-*•]|\d{1,2}[.)])\s+", line.lstrip())
    return found[0] if found else ""


def _key(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", fold(sentence)))


def add_sentence(section: str, sentence: str) -> str:
    """``section`` with ``sentence`` (the first line of the model's answer, without a heading or
    list marker it added) at the end of its text."""
    line = next((x.strip() for x in sentence.splitlines() if x.strip()), "")
    line = re.sub(r"^(?:sentence|phrase)\s*:\s*", "", line, flags=re.I)
    if split_sections(line)[0].title:  # the model repeated the heading: keep what follows it
        found = split_sections(line)[0]
        line = line[found.body_start :].strip() or line
    line = re.sub(r"^(?:[-*•]|\d{1,2}[.)])\s+", "", line)
    sections = split_sections(section)
    body_start = sections[0].body_start if sections and sections[0].title else 0
    head, body = section[:body_start], section[body_start:]
    trail = body[len(body.rstrip()) :]
    text = body.strip()
    items = [x for x in text.splitlines() if x.strip()]
    if items and all(re.match(r"\s*[-*•]\s", x) for x in items):
        marker = re.match(r"\s*[-*•]\s", items[0])[0]  # type: ignore[index]
        text = f"{text}\n{marker}{line}"
    elif not text or _NOT_DISCUSSED.fullmatch(fold(text)):
        text = line
    else:
        text = f"{text} {line}"
    joiner = "" if not head or head.endswith(("\n", " ")) else " "
    return f"{head}{joiner}{text}{trail or chr(10)}"


def _keep_heading(old_part: str, text: str) -> str:
    sections = split_sections(old_part.strip())
    heading = sections[0] if sections and sections[0].title else None
    if heading is None or split_sections(text)[0].title:
        return text
    head = old_part.strip()[: heading.body_start].rstrip()
    joiner = " " if heading.body_start < len(old_part.strip().splitlines()[0]) else "\n"
    return f"{head}{joiner}{text}"
