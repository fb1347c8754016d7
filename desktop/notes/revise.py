"""Revising a document by asking: "shorter", "bullets in the plan", "the dose was 5 mg".

``plan_revision`` decides what part of the document the instruction is about (one section when it
names or implies one, else the whole document); only that part is sent to the backend, which is
several times faster on a small local model, and only that part is replaced, so the other sections
stay byte for byte. ``revise_job`` is the generator a worker runs (``Progress``, then the streamed
``str`` chunks, and it returns a ``Revision``); the CLI runs it on its own thread.
Turning a section into bullet points is done without the model (it is pure formatting, and exact).

The document is never changed here: a ``Revision`` holds the old and the new text; the caller
shows the difference and the doctor accepts or discards it. A backend failure raises before any
``Revision`` exists, so the document stays as it was.

Threads: runs on the worker thread; ``cancel`` may be set from the GUI thread at any time.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator
from dataclasses import dataclass, field, replace

from desktop.cancel import CancelToken
from desktop.notes.base import BackendFailed, DraftRequest, NoteError, NoteWriter, Template
from desktop.notes.bullets import bullet_instruction, to_bullets
from desktop.notes.exact_edits import exact_edit
from desktop.notes.prompts import REVISE_KIND
from desktop.notes.sections import Section, fold, named_sections, split_sections, topic_sections
from desktop.notes.text_diff import DiffPart, word_diff
from desktop.progress import WAITING_FOR_FIRST_WORDS, Progress

log = logging.getLogger(__name__)

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
_DOSE = re.compile(r"\b(\d+(?:[.,]\d+)?)\s?(mg|mcg|µg|g|ml|mL|units?|UI|IU|unités?)\b", re.I)
_LANGUAGE_ASKED = {
    "fr": re.compile(r"\b(in|into|to) french\b|\ben fran[cç]ais\b|\btradui[a-z]* .*fran", re.I),
    "en": re.compile(r"\b(in|into|to) english\b|\ben anglais\b|\btradui[a-z]* .*anglais", re.I),
}
_LANGUAGE_NAMES = {"en": "English", "fr": "French"}
# An instruction to add one fact: "add that he does not smoke", "ajoute qu'il ne boit pas".
_ADD = re.compile(
    r"^(?:please )?(?:add|include|mention|note that|ajoute[rz]?|rajoute[rz]?"
    r"|precise[rz]? que|indique[rz]? que)\b"
)
_NOT_DISCUSSED = re.compile(
    r"[(\[]?(?:not discussed|none discussed|non abordee?s?|non discutee?s?)[)\]]?\.?"
)
_HINTS = (
    (
        re.compile(r"numbered|numérot|numerot", re.I),
        'Numbered list: one item per line, "1. ", "2. ", "3. "...',
    ),
    (
        re.compile(r"short|brief|concis|court|condens|résum|resum", re.I),
        "Shorter means about half as many words: keep every heading, diagnosis, drug, dose and "
        "number; drop repetition and filler.",
    ),
    (
        re.compile(r"bullet|puce", re.I),
        'Bullet points: one item per line, each line starting with "- ".',
    ),
)


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


@dataclass(frozen=True)
class Revision:
    instruction: str
    old: str
    new: str
    plan: RevisionPlan
    diff: tuple[DiffPart, ...]
    chunks: int = 0  # streamed pieces (llama.cpp streams one token per piece)
    seconds: float = 0.0
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.old != self.new


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
            exact = request.document.replace(part, to_bullets(part), 1)
            return replace(_part(chosen, language), exact=exact)
    chosen = _targets(instruction, request.document, sections)
    if len(chosen) == 1 and _ADD.match(fold(instruction)) and not _HINTS[1][0].search(instruction):
        return replace(_part(chosen, language), scope="insert")
    return _part(chosen, language) if chosen else _whole(request.document, sections, language)


def _targets(instruction: str, document: str, sections: list[Section]) -> list[Section]:
    named = named_sections(instruction, sections)
    if named:
        return named if _adjacent(named, sections) else []
    doses = _DOSE.findall(instruction)
    if doses:
        found = _dose_sections(doses, document, sections)
        if found and _adjacent(found, sections):
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
        (s, {(v, fold(u)) for v, u in _DOSE.findall(document[s.body_start : s.end])})
        for s in sections
    ]
    found = [s for s, mine in held if mine & named]
    if found:
        return found
    same_unit = [s for s, mine in held if {u for _, u in mine} & units]
    return same_unit if len(same_unit) == 1 else []


def _adjacent(chosen: list[Section], sections: list[Section]) -> bool:
    index = [sections.index(s) for s in chosen]
    return index == list(range(index[0], index[0] + len(index)))


def _part(chosen: list[Section], language: str) -> RevisionPlan:
    titles = tuple(s.title for s in chosen)
    return RevisionPlan("section", chosen[0].start, chosen[-1].end, titles, language)


def _whole(document: str, sections: list[Section], language: str) -> RevisionPlan:
    return RevisionPlan(
        "document", 0, len(document), tuple(s.title for s in sections if s.title), language
    )


def revision_prompt(request: RevisionRequest, plan: RevisionPlan) -> DraftRequest:
    """The chat request for the backend (a template of the internal ``revise`` kind)."""
    if plan.scope == "insert":
        return _insert_prompt(request, plan)
    part = request.document[plan.start : plan.end].strip()
    what = "one part of a doctor's clinical note" if plan.scope == "section" else "a doctor's note"
    lines = [
        f"You revise {what}. Apply the doctor's instruction to the text and write the whole "
        "revised text.",
        "Change only what the instruction asks; keep every other word as it is, and keep the "
        "headings unless the instruction is about them.",
        "Do not add facts that are neither in the text nor in the instruction.",
        f"Write in {_LANGUAGE_NAMES.get(plan.language, 'English')}.",
        "Write only the revised text: no introduction, no explanation, no quotes.",
    ]
    lines += [hint for pattern, hint in _HINTS if pattern.search(request.instruction)]
    if _HINTS[1][0].search(request.instruction):  # a small model needs the number
        words = len(re.findall(r"\w+", part))
        lines.append(f"Use at most {max(5, words // 2)} words (the text has {words}).")
    user = f'Text:\n"""\n{part}\n"""\n\n'
    excerpt = consultation_excerpt(request.instruction, request.transcript)
    if excerpt:
        user += f"From the consultation (for reference):\n{excerpt}\n\n"
    user += f"Instruction: {check_instruction(request.instruction)}"
    template = Template(
        id="revise",
        language=plan.language,
        title="Revision",
        kind=REVISE_KIND,
        instructions="\n".join(lines),
    )
    return DraftRequest(transcript=user, template=template, note_language=plan.language)


def _insert_prompt(request: RevisionRequest, plan: RevisionPlan) -> DraftRequest:
    """Only the sentence to add: a few words to generate instead of the whole section again."""
    part = request.document[plan.start : plan.end].strip()
    heading = part.splitlines()[0] if part else plan.titles[0]
    lines = [
        "You add one sentence to one section of a doctor's clinical note. Write the sentence "
        "that states what the doctor's instruction asks to add, in the note's style.",
        "Do not add facts that are not in the instruction. Do not repeat the section's text.",
        f"Write in {_LANGUAGE_NAMES.get(plan.language, 'English')}.",
        "Write only that one sentence: no heading, no introduction, no quotes.",
    ]
    user = f'The section ({heading}):\n"""\n{part}\n"""\n\n'
    user += f"Instruction: {check_instruction(request.instruction)}"
    template = Template(
        id="revise",
        language=plan.language,
        title="Revision",
        kind=REVISE_KIND,
        instructions="\n".join(lines),
    )
    return DraftRequest(transcript=user, template=template, note_language=plan.language)


def consultation_excerpt(instruction: str, transcript: str, *, max_lines: int = 4) -> str:
    """The few transcript lines that share the most words with an instruction that points at the
    consultation ("add the allergies she mentioned"); empty for the others."""
    said = fold(instruction)
    if not transcript.strip() or not re.search(
        r"mention|discuss|said|told|consultation|transcript|dit|parl|evoqu", said
    ):
        return ""
    asked = {w for w in re.findall(r"[a-z]{4,}", said)}
    scored = []
    for line in transcript.splitlines():
        overlap = len(asked & set(re.findall(r"[a-z]{4,}", fold(line))))
        if overlap:
            scored.append((overlap, line.strip()))
    best = sorted(scored, key=lambda s: -s[0])[:max_lines]
    return "\n".join(line for _, line in best)


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
    if plan.scope == "section":
        text = _keep_heading(old_part, text)
    lead = old_part[: len(old_part) - len(old_part.lstrip())]
    trail = old_part[len(old_part.rstrip()) :]
    return document[: plan.start] + lead + text + trail + document[plan.end :]


def add_sentence(section: str, sentence: str) -> str:
    """``section`` with ``sentence`` (the first line of the model's answer, without a heading or
    list marker it added) at the end of its text."""
    line = next((x.strip() for x in sentence.splitlines() if x.strip()), "")
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


def revise_job(
    writer: NoteWriter, request: RevisionRequest, *, cancel: CancelToken
) -> Generator[Progress | str, None, Revision | None]:
    """Plan, prepare the backend, stream the answer; returns the ``Revision`` (None when
    cancelled). Raises UnclearInstruction before any work, NoteError when the backend fails."""
    started = time.monotonic()
    plan = plan_revision(request)
    if plan.exact is not None:
        return _revision(request, plan, plan.exact, 0, started)
    yield from writer.prepare(cancel)
    if cancel.is_cancelled():
        return None
    yield Progress(WAITING_FOR_FIRST_WORDS)
    chunks: list[str] = []
    stream = writer.stream(revision_prompt(request, plan), cancel=cancel)
    try:
        for chunk in stream:
            chunks.append(chunk)
            yield chunk
            if plan.scope == "insert" and _sentence_done("".join(chunks)):
                break  # one sentence was asked for: what a small model adds after it is noise
    finally:
        close = getattr(stream, "close", None)
        if callable(close):
            close()
    if cancel.is_cancelled():
        return None
    new = apply_answer(request.document, plan, "".join(chunks))
    log.info(
        "revision: %s, %d chunks, %d -> %d chars",
        plan.scope,
        len(chunks),
        len(request.document),
        len(new),
    )
    return _revision(request, plan, new, len(chunks), started)


def _sentence_done(text: str) -> bool:
    """A line of text has been written and ended."""
    return "\n" in text.lstrip() and bool(text.strip())


def _revision(
    request: RevisionRequest, plan: RevisionPlan, new: str, chunks: int, started: float
) -> Revision:
    return Revision(
        instruction=check_instruction(request.instruction),
        old=request.document,
        new=new,
        plan=plan,
        diff=tuple(word_diff(request.document, new)),
        chunks=chunks,
        seconds=round(time.monotonic() - started, 3),
    )
