"""What part of a document an instruction is about, and how it will be done.

``plan_revision`` decides: one section when the instruction names or implies one, else the whole
document; an exact edit (a dictated dose change, a heading renamed: ``exact_edits``) or bullet
points are done without the model (``RevisionPlan.exact`` holds the result); "add that ..." asks
the model for one sentence only (scope "insert"). Only the planned part is sent to the backend,
which is several times faster on a small local model, and only that part is replaced, so the
other sections stay byte for byte.

Pure Python, no Qt; runs on whichever thread calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktop.notes.base import NoteError
from desktop.notes.bullets import bullet_instruction, numbered, to_bullets
from desktop.notes.exact_edits import DOSE, exact_edit
from desktop.notes.sections import (
    Section,
    adjacent,
    fold,
    named_sections,
    split_sections,
    topic_sections,
)

_FILLERS = {
    "ok",
    "okay",
    "yes",
    "no",
    "hmm",
    "hm",
    "um",
    "uh",
    "er",
    "euh",
    "bon",
    "oui",
    "non",
    "merci",
    "thanks",
    "thank",
    "you",
    "please",
    "stp",
    "svp",
    "bien",
    "alors",
    "so",
    "well",
    "voila",
}


_LANGUAGE_ASKED = {
    "fr": re.compile(r"\b(in|into|to) french\b|\ben fran[cç]ais\b|\btradui[a-z]* .*fran", re.I),
    "en": re.compile(r"\b(in|into|to) english\b|\ben anglais\b|\btradui[a-z]* .*anglais", re.I),
}

# An instruction to add one fact: "add that he does not smoke", "ajoute qu'il ne boit pas".
_ADD = re.compile(
    r"^(?:please )?(?:add|include|mention|note that|ajoute[rz]?|rajoute[rz]?"
    r"|precise[rz]? que|indique[rz]? que)\b"
)
# "shorter" is rewritten as a whole, never as an added sentence.
SHORTER = re.compile(r"short|brief|concis|court|condens|résum|resum", re.I)


class UnclearInstruction(NoteError):
    """The instruction is empty or says nothing that can be done to the document."""


@dataclass(frozen=True)
class RevisionRequest:
    document: str  # the document as it is now, with the doctor's own edits
    instruction: str
    transcript: str = ""  # the consultation, for instructions that point at it
    note_language: str = "en"  # the document's language


@dataclass(frozen=True)
class RevisionPlan:
    scope: str  # "section" | "document" | "insert" (one sentence added at the section's end)
    start: int  # the part of the document sent and replaced
    end: int
    titles: tuple[str, ...]  # the sections in that part (normalised titles)
    language: str  # the language the answer must be in
    exact: str | None = None  # the revised document, when done without the model

    @property
    def mechanical(self) -> bool:
        """Done without the model (pure formatting, or an exact edit the doctor dictated)."""
        return self.exact is not None


def check_instruction(instruction: str) -> str:
    """The instruction, tidied; UnclearInstruction when there is nothing to act on."""
    text = " ".join(instruction.split())
    words = re.findall(r"[^\W\d_]+|\d+", fold(text))
    if not words:
        raise UnclearInstruction(
            "Type or say what to change, e.g. “shorter” or “the dose was 5 mg”."
        )
    if all(w in _FILLERS for w in words):
        raise UnclearInstruction(
            f"“{text}” does not say what to change: try “shorter”, “bullets in the plan” or "
            "“add that he does not smoke”."
        )
    return text


def asked_language(instruction: str, note_language: str) -> str:
    for language, pattern in _LANGUAGE_ASKED.items():
        if pattern.search(instruction):
            return language
    return note_language


def plan_revision(request: RevisionRequest) -> RevisionPlan:
    """Which part of the document to send, and in which language the answer must be."""
    instruction = check_instruction(request.instruction)
    if not request.document.strip():
        raise UnclearInstruction("There is no document to revise yet: draft one first.")
    language = asked_language(instruction, request.note_language)
    sections = split_sections(request.document)
    if language != request.note_language:
        return _whole(request.document, sections, language)
    edit = exact_edit(instruction, request.document)
    if edit is not None:
        return RevisionPlan("section", edit.start, edit.end, edit.titles, language, edit.new)
    bullets = bullet_instruction(instruction)
    if bullets:
        chosen = named_sections(bullets, sections)
        if len(chosen) == 1:
            part = request.document[chosen[0].start : chosen[0].end]
            listed = to_bullets(part, numbered=numbered(instruction))
            exact = request.document.replace(part, listed, 1)
            return replace(_part(chosen, language), exact=exact)
    chosen = _targets(instruction, request.document, sections)
    if len(chosen) == 1 and _ADD.match(fold(instruction)) and not SHORTER.search(instruction):
        return replace(_part(chosen, language), scope="insert")
    return _part(chosen, language) if chosen else _whole(request.document, sections, language)


def _targets(instruction: str, document: str, sections: list[Section]) -> list[Section]:
    named = named_sections(instruction, sections)
    if named:
        return named if adjacent(named, sections) else []
    doses = DOSE.findall(instruction)
    if doses:
        found = _dose_sections(doses, document, sections)
        if found and adjacent(found, sections):
            return found
    return topic_sections(instruction, sections)


def _dose_sections(
    doses: list[tuple[str, str]], document: str, sections: list[Section]
) -> list[Section]:
    """The sections holding a dose the instruction names ("not 10 mg"); else, when only one
    section holds a dose of the same unit, that one."""
    named = {(value, fold(unit)) for value, unit in doses}
    units = {unit for _, unit in named}
    held = [
        (s, {(v, fold(u)) for v, u in DOSE.findall(document[s.body_start : s.end])})
        for s in sections
    ]
    found = [s for s, mine in held if mine & named]
    if found:
        return found
    same_unit = [s for s, mine in held if {u for _, u in mine} & units]
    return same_unit if len(same_unit) == 1 else []


def _part(chosen: list[Section], language: str) -> RevisionPlan:
    titles = tuple(s.title for s in chosen)
    return RevisionPlan("section", chosen[0].start, chosen[-1].end, titles, language)


def _whole(document: str, sections: list[Section], language: str) -> RevisionPlan:
    return RevisionPlan(
        "document", 0, len(document), tuple(s.title for s in sections if s.title), language
    )
