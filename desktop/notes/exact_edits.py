"""Instructions that are exact edits, done without a model: a dose changed, a heading renamed.

"change 5 mg to 10 mg", "the dose was 10 mg, not 5 mg", "la dose était de 10 mg et non 5 mg",
"rename the SUBJECTIVE heading to HISTORY": the doctor said exactly what to write, so the edit is
made as said, at once and byte for byte, instead of asking a small model to rewrite a section (on
the built-in model that took 20 s or more, and sometimes changed other words). Anything less
certain (a dose written in several places for different drugs, a heading that is not there)
returns None and goes to the model as before.

Pure Python, no Qt; runs on whichever thread calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.notes.sections import Section, adjacent, fold, named_sections, split_sections

_UNIT = r"(?:mg|mcg|µg|g|ml|units?|ui|iu|unites?)"  # in the instruction, folded
_AMOUNT = rf"(\d+(?:[.,]\d+)?)\s?({_UNIT})?"
# A dose as the document writes it: its value and unit.
DOSE = re.compile(r"\b(\d+(?:[.,]\d+)?)\s?(mg|mcg|µg|g|ml|mL|units?|UI|IU|unités?)\b", re.I)
# Both doses given: which is the old one, which the new.
_OLD_TO_NEW = (
    re.compile(rf"\b(?:change|replace|correct|from|remplace[rz]?|corrige[rz]?|de)\s+{_AMOUNT}"
               rf"\s+(?:to|with|by|into|par|en|a|->|→)\s+{_AMOUNT}"),
    re.compile(rf"\bpass(?:e|er|ez)?\s+de\s+{_AMOUNT}\s+a\s+{_AMOUNT}"),
)  # fmt: skip
_NEW_NOT_OLD = re.compile(
    rf"{_AMOUNT}\s*,?\s+(?:and not|not|rather than|instead of|et non(?: pas)?|et pas|pas|"
    rf"au lieu de|plutot que)\s+{_AMOUNT}"
)
# One dose given as a correction: "the dose was 10 mg", "la dose est de 10 mg".
_ONLY_NEW = re.compile(
    rf"\b(?:dose|dosage|posologie)\b.*?\b(?:was|is|should be|etait|est|sera)\s+(?:de\s+)?"
    rf"{_AMOUNT}\s*\.?$"
)
_RENAME = (
    re.compile(
        r"^(?:please )?(?:rename|call|retitle) (?:the )?(?P<old>[\w' /&-]{2,40}?)"
        r"(?: heading| section| title)? (?:to|as|into) (?:the )?(?P<new>[\w' /&-]{2,40}?)"
        r"(?: heading| section| title)?$"
    ),
    re.compile(
        r"^(?:please )?(?:call|title) (?:the )?(?P<old>[\w' /&-]{2,40}?) (?:heading|section) "
        r"(?P<new>[\w' /&-]{2,40})$"
    ),
    re.compile(
        r"^(?:renomme[rz]?|appelle[rz]?) (?:le |la |l')?(?:titre |section |rubrique )?"
        r"(?P<old>[\w' /&-]{2,40}?) en (?P<new>[\w' /&-]{2,40})$"
    ),
)
_DOSING_WORDS = {
    "increase", "increased", "decrease", "decreased", "start", "started", "continue", "take",
    "takes", "taking", "dose", "dosage", "from", "with", "daily", "once", "twice", "should",
    "will", "augmenter", "diminuer", "continuer", "prendre", "avec", "jour",
}  # fmt: skip
_STOP = {"dose", "dosage", "posologie", "change", "replace", "the", "was", "not", "from", "etait"}


@dataclass(frozen=True)
class ExactEdit:
    start: int  # the part of the document the edit is in (as a revision plan's part)
    end: int
    titles: tuple[str, ...]  # the sections of that part
    new: str  # the whole document after the edit


def exact_edit(instruction: str, document: str) -> ExactEdit | None:
    """The edit when ``instruction`` is a dose change or a heading rename that can be made
    exactly; else None (the model revises)."""
    return _dose_change(instruction, document) or _rename(instruction, document)


def _dose_change(instruction: str, document: str) -> ExactEdit | None:
    said = " ".join(fold(instruction).split()).rstrip(" .!")
    pair = _doses(said)
    if pair is None:
        return None
    (old_value, old_unit), (new_value, new_unit) = pair
    unit = old_unit or new_unit
    if not unit or (old_unit and new_unit and old_unit != new_unit):
        return None
    spans = _dose_spans(document, unit, old_value)
    spans = _narrowed(spans, document, said)
    if not spans:
        return None
    new = document
    for start, end in reversed(spans):
        written = re.match(r"(\d+(?:[.,]\d+)?)(\s?)(.*)", document[start:end], re.S)
        assert written is not None  # the spans are doses
        value = new_value.replace(".", ",") if "," in written[1] else new_value
        new = new[:start] + value + written[2] + written[3] + new[end:]
    if new == document:
        return None
    sections = split_sections(document)
    touched = [s for s in sections if any(s.start <= a < s.end for a, _ in spans)]
    if not adjacent(touched, sections):
        touched = sections
    return ExactEdit(
        touched[0].start, touched[-1].end, tuple(s.title for s in touched if s.title), new
    )


def _doses(said: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """((old value, unit), (new value, unit)); the old value is "" when only the new is said."""
    for pattern in _OLD_TO_NEW:
        match = pattern.search(said)
        if match:
            return (_value(match[1]), _unit(match[2])), (_value(match[3]), _unit(match[4]))
    match = _NEW_NOT_OLD.search(said)
    if match:
        return (_value(match[3]), _unit(match[4])), (_value(match[1]), _unit(match[2]))
    match = _ONLY_NEW.search(said)
    if match and match[2]:
        return ("", _unit(match[2])), (_value(match[1]), _unit(match[2]))
    return None


def _value(text: str) -> str:
    return text.replace(",", ".")


def _unit(text: str | None) -> str:
    unit = fold(text or "")
    return {"unit": "units", "ui": "iu", "unite": "units", "unites": "units"}.get(unit, unit)


def _dose_spans(document: str, unit: str, value: str = "") -> list[tuple[int, int]]:
    """Where the document writes a dose of ``unit`` (of ``value`` when given)."""
    return [
        m.span()
        for m in DOSE.finditer(document)
        if _unit(m[2]) == unit and (not value or _value(m[1]) == value)
    ]


def _narrowed(spans: list[tuple[int, int]], document: str, said: str) -> list[tuple[int, int]]:
    """One place; or the places whose sentence names the drug the instruction names; or, when the
    instruction names none, every place when each is the same drug's dose ("increase his lasix to
    80 mg" in the assessment and "Increase lasix to 80 mg" in the plan)."""
    if len(spans) <= 1:
        return spans
    named = {w for w in re.findall(r"[a-z]{4,}", said) if w not in _STOP}
    if named:
        return [
            s for s in spans if named & set(re.findall(r"[a-z]{4,}", fold(_sentence(document, s))))
        ]
    drugs = {_drug_before(document, start) for start, _ in spans}
    return spans if len(drugs) == 1 and "" not in drugs else []


def _drug_before(document: str, start: int) -> str:
    """The word a dose belongs to: the nearest word before it that is not a verb of dosing or
    a small word ("lasix" in "increase his lasix to 80 mg"); "" when there is none on its line."""
    line = document[document.rfind("\n", 0, start) + 1 : start]
    for word in reversed(re.findall(r"[a-z]+", fold(line))):
        if len(word) >= 4 and word not in _DOSING_WORDS:
            return word
    return ""


def _sentence(document: str, span: tuple[int, int]) -> str:
    start = max(document.rfind(".", 0, span[0]), document.rfind("\n", 0, span[0])) + 1
    ends = [i for i in (document.find(". ", span[1]), document.find("\n", span[1])) if i >= 0]
    return document[start : min(ends) if ends else len(document)]


def _rename(instruction: str, document: str) -> ExactEdit | None:
    said = " ".join(instruction.split()).rstrip(" .!")
    for pattern in _RENAME:
        match = pattern.match(fold(said))
        if match is None:
            continue
        sections = split_sections(document)
        chosen = named_sections(match["old"], sections)
        if len(chosen) != 1:
            return None
        section = chosen[0]
        new_title = _original_words(said, match.start("new"), match.end("new"))
        return _retitled(document, section, new_title)
    return None


def _original_words(said: str, start: int, end: int) -> str:
    """The instruction's own words (with their accents and case) at a span of its folded form
    (folding keeps the length for the letters used in titles)."""
    return said[start:end].strip() if len(fold(said)) == len(said) else fold(said)[start:end]


def _retitled(document: str, section: Section, title: str) -> ExactEdit | None:
    heading = document[section.start : section.body_start]
    words = re.search(r"[^\W\d_][^\n:*#]*[^\W_]|[^\W\d_]", heading)
    if words is None:
        return None
    old = words[0]
    if old.isupper():
        title = title.upper()
    elif old[:1].isupper():
        title = title[:1].upper() + title[1:]
    new_heading = heading[: words.start()] + title + heading[words.end() :]
    new = document[: section.start] + new_heading + document[section.body_start :]
    return ExactEdit(section.start, section.end, (section.title,), new)
