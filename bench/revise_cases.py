"""The instructions of bench/revise.py and their pass/fail checks, written before any run.

Each case is an instruction (a template: ``{old}``/``{new}`` are filled from the note's first
"N mg" dose), its kind, the section it is about (None: the whole document) and a check of the
revised document. Every section-scoped case also requires that no other section changed; that is
scored separately ("untouched") and is part of the pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.asr.base import Segment
from desktop.notes.sections import Section, fold, named_sections, split_sections
from desktop.trust import check
from desktop.trust.lexicon import load_lexicon
from desktop.trust.text import detect_language

DOSE = re.compile(r"\b(\d+(?:\.\d+)?) ?mg\b")


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    transcript: list[Segment]


Check = Callable[[Note, str, dict[str, str]], bool]


@dataclass(frozen=True)
class Case:
    kind: str
    instruction: str
    section: str | None  # the section the instruction is about ("plan"), None: whole document
    check: Check
    needs_dose: bool = False


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def section(text: str, name: str) -> str | None:
    found = named_sections(name, split_sections(text))
    return text[found[0].body_start : found[0].end] if len(found) == 1 else None


def others_unchanged(old: str, new: str, names: str | list[str]) -> bool:
    """Every section but the named ones is unchanged (same count of sections, by position)."""
    a, b = split_sections(old), split_sections(new)
    wanted = [names] if isinstance(names, str) else names
    target = [s for name in wanted for s in named_sections(name, a)]
    if len(a) != len(b) or not target:
        return False
    keep = [i for i, s in enumerate(a) if s not in target]
    return all(
        old[a[i].start : a[i].end].strip() == new[b[i].start : b[i].end].strip() for i in keep
    )


def dose_sections(note: Note, old: str) -> list[str]:
    """The titles of the sections holding the dose the instruction replaces."""
    return [
        s.title for s in split_sections(note.text)
        if s.title and old in DOSE.findall(note.text[s.body_start : s.end])
    ]  # fmt: skip


def risky(note: Note, text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in check(text, note.transcript).flags
            if f.kind not in ("omission",)}  # fmt: skip


def shorter(note: Note, new: str, _: dict[str, str]) -> bool:
    """≤ 70 % of the words, no new red/amber flags, still in the note's language."""
    return (
        words(new) <= 0.7 * words(note.text)
        and not (risky(note, new) - risky(note, note.text))
        and detect_language(new, load_lexicon()) == detect_language(note.text, load_lexicon())
    )


def shorter_section(name: str) -> Check:
    def ok(note: Note, new: str, _: dict[str, str]) -> bool:
        old_part, new_part = section(note.text, name), section(new, name)
        return (
            old_part is not None and new_part is not None
            and words(new_part) <= 0.7 * words(old_part)
            and not (risky(note, new) - risky(note, note.text))
        )  # fmt: skip

    return ok


def bullets(name: str, marker: str = r"- ") -> Check:
    def ok(note: Note, new: str, _: dict[str, str]) -> bool:
        part = section(new, name)
        lines = [line for line in (part or "").splitlines() if line.strip()]
        return bool(lines) and all(re.match(marker, line.strip()) for line in lines)

    return ok


def dose(note: Note, new: str, fill: dict[str, str]) -> bool:
    """The new dose is present and the old one gone."""
    doses = {d for d in DOSE.findall(new)}
    return fill["new"] in doses and fill["old"] not in doses


def french(note: Note, new: str, _: dict[str, str]) -> bool:
    return detect_language(new, load_lexicon()) == "fr" and words(new) >= 0.5 * words(note.text)


def fact(pattern: str, name: str) -> Check:
    """The fact is present exactly once, in the right section, and the note stays English."""

    def ok(note: Note, new: str, _: dict[str, str]) -> bool:
        hits = list(re.finditer(pattern, fold(new)))
        part = section(new, name)
        return (
            len(hits) == 1 and part is not None and re.search(pattern, fold(part)) is not None
            and detect_language(new, load_lexicon()) == "en"
        )  # fmt: skip

    return ok


def renamed(note: Note, new: str, _: dict[str, str]) -> bool:
    titles = [s.title for s in split_sections(new)]
    return "history" in titles and "subjective" not in titles


CASES = [
    Case("shorter", "shorter", None, shorter),
    Case("shorter", "make it more concise", None, shorter),
    Case("shorter", "plus court", None, shorter),
    Case(
        "shorter_section",
        "make the assessment shorter",
        "assessment",
        shorter_section("assessment"),
    ),
    Case(
        "shorter_section",
        "shorten the subjective section",
        "subjective",
        shorter_section("subjective"),
    ),
    Case("bullets", "bullets in the plan", "plan", bullets("plan")),
    Case("bullets", "bullet points in the assessment", "assessment", bullets("assessment")),
    Case("bullets", "mets le plan en puces", "plan", bullets("plan")),
    Case(
        "bullets",
        "use bullet points in the subjective section",
        "subjective",
        bullets("subjective"),
    ),
    Case("bullets", "numbered list in the plan", "plan", bullets("plan", r"\d+[.)] ")),
    Case("dose", "the dose was {new} mg, not {old} mg", "plan", dose, needs_dose=True),
    Case("dose", "change {old} mg to {new} mg", "plan", dose, needs_dose=True),
    Case("dose", "la dose était de {new} mg et non {old} mg", "plan", dose, needs_dose=True),
    Case("french", "write it in French for the patient", None, french),
    Case("french", "traduis en français", None, french),
    Case("french", "translate to French", None, french),
    Case(
        "add_fact",
        "add that he does not smoke",
        "subjective",
        fact(r"(not|never|non-?|doesn't|denies) ?smok", "subjective"),
    ),
    Case(
        "add_fact",
        "add that the patient is allergic to penicillin",
        "subjective",
        fact(r"penicillin", "subjective"),
    ),
    Case(
        "add_fact",
        "ajoute qu'il ne boit pas d'alcool",
        "subjective",
        fact(r"alcohol", "subjective"),
    ),
    Case(
        "add_fact",
        "add follow-up in 3 months to the plan",
        "plan",
        fact(r"(3|three) months", "plan"),
    ),
    Case(
        "add_fact",
        "add that the blood pressure was 130/80",
        "objective",
        fact(r"130/80", "objective"),
    ),
    Case("heading", "rename the SUBJECTIVE heading to HISTORY", "subjective", renamed),
]


def fill_for(note: Note) -> dict[str, str] | None:
    """The note's first dose and a different one (× 2), for the dose cases."""
    found = DOSE.findall(note.text)
    if not found:
        return None
    old = found[0]
    new = str(int(float(old) * 2)) if float(old) * 2 == int(float(old) * 2) else f"{float(old) * 2}"
    return {"old": old, "new": new}


__all__ = ["CASES", "Case", "Note", "Section", "dose_sections", "fill_for", "others_unchanged"]
