"""The sections of a drafted document, and which of them an instruction is about.

A heading is a line of its own ("PLAN:", "## Plan", "**Assessment**", "EXAMEN CLINIQUE :") or
an upper-case label that opens a line ("PLAN: Start lisinopril..."). Text before the first
heading is a section with an empty title. Offsets are character offsets into the document, so a
revision of one section can be put back without touching a byte of the others.

Pure Python, no Qt; runs on whichever thread calls it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_OWN_LINE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?P<title>[^\W\d_][^\n:*#]{0,48}?)[ \t]*:?[ \t]*"
    r"(?:\*\*|__)?[ \t]*:?[ \t]*$"
)
_INLINE = re.compile(
    r"^[ \t]*(?:\*\*)?(?P<title>[A-ZÀ-Ý][A-ZÀ-Ý/&' -]{1,40}?)[ \t]*:(?:\*\*)?[ \t]+\S"
)
_MAX_TITLE_WORDS = 5

# Words that name the same part of a note, so "bullets in the plan" finds "PLAN DE TRAITEMENT"
# and "the exam" finds "OBJECTIVE". Accent-free, lower case.
GROUPS: dict[str, tuple[str, ...]] = {
    "plan": ("plan", "conduite a tenir", "prise en charge", "recommendation", "follow-up"),
    "assessment": (
        "assessment",
        "impression",
        "diagnosis",
        "diagnostic",
        "evaluation",
        "conclusion",
        "appreciation",
        "synthese",
    ),
    "subjective": (
        "subjective",
        "history",
        "hpi",
        "anamnese",
        "histoire",
        "motif",
        "reason for",
        "antecedent",
        "complaint",
        "plainte",
    ),
    "objective": (
        "objective",
        "exam",
        "examination",
        "examen",
        "finding",
        "vital",
        "constantes",
    ),
    "medications": ("medication", "medicament", "traitement", "treatment", "prescription"),
    "allergies": ("allerg",),
}
# What a fact is about, when the instruction names no section: "add that he does not smoke".
TOPICS: dict[str, tuple[str, ...]] = {
    "allergies": ("allerg",),
    "subjective": (
        "allerg",
        "smok",
        "tobacco",
        "cigar",
        "alcohol",
        "drink",
        "fume",
        "tabac",
        "alcool",
        "boit",
        "social",
        "family",
        "famil",
        "lives",
        "vit ",
        "works",
        "travail",
        "symptom",
        "pain",
        "douleur",
        "since",
        "depuis",
    ),
    "objective": (
        "blood pressure",
        "pressure",
        "tension",
        "pulse",
        "temperature",
        "weight",
        "poids",
    ),
    "plan": (
        "dose",
        "mg",
        "prescri",
        "follow",
        "refer",
        "adress",
        "revoir",
        "controle",
        "rendez",
        "appointment",
        "start",
        "stop",
        "increase",
        "decrease",
        "augment",
        "diminu",
        "arret",
    ),
}


@dataclass(frozen=True)
class Section:
    title: str  # normalised: lower case, no accents, no markup ("plan", "" before any heading)
    start: int  # the heading line's first character (or 0)
    body_start: int  # where the section's text starts (after the heading, or mid-line inline)
    end: int  # the next heading's start, or the end of the document


def fold(text: str) -> str:
    """Lower case without accents, for matching words in either language."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _heading(line: str) -> tuple[str, int] | None:
    """(title, length of the heading part) when ``line`` opens a section."""
    own = _OWN_LINE.match(line)
    if own and len(own["title"].split()) <= _MAX_TITLE_WORDS and _looks_like_heading(line, own):
        return own["title"], len(line)
    inline = _INLINE.match(line)
    if inline and len(inline["title"].split()) <= _MAX_TITLE_WORDS:
        return inline["title"], inline.end() - 1
    return None


def _looks_like_heading(line: str, match: re.Match[str]) -> bool:
    stripped = line.strip()
    title = match["title"].strip()
    marked = stripped.startswith(("#", "**", "__")) or stripped.rstrip("*_ ").endswith(":")
    return marked or (title.isupper() and len(title) > 1)


def split_sections(document: str) -> list[Section]:
    """The document's sections in order; together they cover the whole text."""
    heads: list[tuple[str, int, int]] = []  # title, start, body_start
    pos = 0
    for line in document.splitlines(keepends=True):
        found = _heading(line.rstrip("\r\n"))
        if found is not None:
            title, length = found
            body = pos + length if length < len(line.rstrip("\r\n")) else pos + len(line)
            heads.append((_normal(title), pos, body))
        pos += len(line)
    sections: list[Section] = []
    if not heads or heads[0][1] > 0:
        first_end = heads[0][1] if heads else len(document)
        sections.append(Section("", 0, 0, first_end))
    for i, (title, start, body) in enumerate(heads):
        end = heads[i + 1][1] if i + 1 < len(heads) else len(document)
        sections.append(Section(title, start, body, end))
    return sections


def _normal(title: str) -> str:
    return " ".join(fold(title).replace("*", " ").replace("#", " ").split())


def _mentions(text: str, term: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(term)}", text) is not None


def named_sections(instruction: str, sections: list[Section]) -> list[Section]:
    """The sections the instruction names: by their own title first, else by a synonym."""
    said = fold(instruction)
    titled = [s for s in sections if s.title and _mentions(said, s.title)]
    if titled:
        return titled
    groups = [g for g, terms in GROUPS.items() if any(_mentions(said, t) for t in terms)]
    return [s for s in sections if s.title and any(_in_group(s.title, g) for g in groups)]


def _in_group(title: str, group: str) -> bool:
    return any(_mentions(title, term) for term in GROUPS[group])


def folded_heading(line: str) -> str | None:
    """The title (folded: lower case, no accents, no markers) when ``line`` opens a section."""
    found = _heading(line.rstrip("\r\n"))
    return _normal(found[0]) if found is not None else None


def same_part(title: str, other: str) -> bool:
    """The two folded titles name the same part of a note: the same words, or one group of
    ``GROUPS`` ("follow-up" and "plan", "impression" and "assessment")."""
    return title == other or any(
        _in_group(title, group) and _in_group(other, group) for group in GROUPS
    )


def adjacent(chosen: list[Section], sections: list[Section]) -> bool:
    """``chosen`` (in document order) are next to each other in ``sections``."""
    index = [sections.index(s) for s in chosen]
    return bool(index) and index == list(range(index[0], index[0] + len(index)))


def topic_sections(instruction: str, sections: list[Section]) -> list[Section]:
    """The section a fact belongs in when no section is named ("add that he does not smoke")."""
    said = fold(instruction)
    for group, terms in TOPICS.items():
        if any(term in said for term in terms):
            found = [s for s in sections if s.title and _in_group(s.title, group)]
            if len(found) == 1:
                return found
    return []
