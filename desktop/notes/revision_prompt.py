"""The chat request that asks the backend for a revision (a template of the internal ``revise``
kind: ``desktop.notes.prompts`` adds the house rules): the planned part, the instruction, hints a
small model needs ("shorter" gets a word budget), and the consultation lines an instruction
points at. An insert asks for the one sentence to add.

Pure Python, no Qt.
"""

from __future__ import annotations

import re

from desktop.notes import bullets
from desktop.notes.base import DraftRequest, Template
from desktop.notes.prompts import REVISE_KIND
from desktop.notes.revision_plan import SHORTER, RevisionPlan, RevisionRequest, check_instruction
from desktop.notes.sections import fold, split_sections

_LANGUAGE_NAMES = {"en": "English", "fr": "French"}

_HINTS = (
    (
        re.compile(r"numbered|numérot|numerot", re.I),
        'Numbered list: one item per line, "1. ", "2. ", "3. "...',
    ),
    (
        re.compile(r"bullet|puce", re.I),
        'Bullet points: one item per line, each line starting with "- ".',
    ),
)


def revision_prompt(request: RevisionRequest, plan: RevisionPlan) -> DraftRequest:
    """The chat request for the backend (a template of the internal ``revise`` kind)."""
    if plan.scope == "insert":
        return _insert_prompt(request, plan)
    if SHORTER.search(request.instruction):
        return _shorter_prompt(request, plan)
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
    user = f'Text:\n"""\n{part}\n"""\n\n'
    excerpt = consultation_excerpt(request.instruction, request.transcript)
    if excerpt:
        user += f"From the consultation (for reference):\n{excerpt}\n\n"
    user += f"Instruction: {check_instruction(request.instruction)}"
    return _request(lines, user, plan)


# Worked examples for an insert, in the note's language: a small model given the section's text
# echoed parts of the prompt ("Do not add facts ...", "The section (SUBJECTIVE):") instead of
# writing the sentence; with examples and nothing else to copy it writes the sentence.
_INSERT_EXAMPLES = {
    "en": (
        ("add that she drinks no alcohol", "She does not drink alcohol."),
        ("add follow-up in 2 weeks to the plan", "Follow up in 2 weeks."),
        ("ajoute qu'elle est allergique à l'amoxicilline", "She is allergic to amoxicillin."),
    ),
    "fr": (
        ("ajoute qu'elle ne boit pas d'alcool", "Elle ne boit pas d'alcool."),
        ("add follow-up in 2 weeks to the plan", "Revoir dans 2 semaines."),
        ("ajoute qu'il est allergique à l'amoxicilline", "Il est allergique à l'amoxicilline."),
    ),
}
SENTENCE_LABEL = "Sentence:"


def _shorter_prompt(request: RevisionRequest, plan: RevisionPlan) -> DraftRequest:
    """ "Shorter": asked as a number of sentences. Told "keep every other word" and "at most N
    words", the small model gave back 88-97 % of the words on 5 of 9 drafted notes; a count of
    sentences is what it can keep to."""
    part = request.document[plan.start : plan.end].strip()
    bodies = [part[x.body_start : x.end] for x in split_sections(part)]
    sentences = sum(len(bullets.sentences(x)) for b in bodies for x in b.splitlines() if x.strip())
    budget = max(sum(1 for b in bodies if b.strip()), (sentences + 1) // 2)  # half; one a section
    words = len(re.findall(r"\w+", part))
    what = "one part of a doctor's clinical note" if plan.scope == "section" else "a doctor's note"
    lines = [
        f"You make {what} shorter: about half as long.",
        "Keep the headings, every diagnosis, drug, dose and number; drop repetition, filler, "
        "and details of how things were said.",
        f"Write at most {budget} sentences in all (the text has {sentences}), about "
        f"{max(5, words // 2)} words.",
        "Do not add anything that is not in the text.",
        f"Write in {_LANGUAGE_NAMES.get(plan.language, 'English')}.",
        "Write only the shortened text: no introduction, no explanation, no quotes.",
    ]
    user = f'Text:\n"""\n{part}\n"""\n\nInstruction: {check_instruction(request.instruction)}'
    return _request(lines, user, plan)


def _insert_prompt(request: RevisionRequest, plan: RevisionPlan) -> DraftRequest:
    """Only the sentence to add: a few words to generate instead of the whole section again."""
    language = _LANGUAGE_NAMES.get(plan.language, "English")
    lines = [
        "You turn a doctor's instruction into the one sentence to add to a clinical note.",
        f"Write only that sentence, in {language}, stating what the instruction says and "
        "nothing more.",
    ]
    examples = _INSERT_EXAMPLES.get(plan.language, _INSERT_EXAMPLES["en"])
    shots = "".join(f"Instruction: {i}\n{SENTENCE_LABEL} {o}\n\n" for i, o in examples)
    user = f"{shots}Instruction: {check_instruction(request.instruction)}\n{SENTENCE_LABEL}"
    return _request(lines, user, plan)


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


def _request(lines: list[str], user: str, plan: RevisionPlan) -> DraftRequest:
    """The chat request: ``lines`` as the system prompt of the internal ``revise`` kind."""
    template = Template(
        id="revise",
        language=plan.language,
        title="Revision",
        kind=REVISE_KIND,
        instructions="\n".join(lines),
    )
    return DraftRequest(transcript=user, template=template, note_language=plan.language)
