"""The words and the text edits of a draft's repair (the loop itself, which runs the checker, is
``desktop.session.repair``).

One unsupported sentence is fixed at a time: the model is asked, as a follow-up to its own draft
(same chat, so a llama.cpp server reads only the question), to rewrite that sentence from the
consultation lines quoted to it, or to answer DELETE when nothing was said of it. A sentence
removed from a section that then holds nothing gets the section's "not discussed" phrase, in the
note's language. A document with nothing clinical in its consultation says so, in the note's
language, without asking the model.

Pure Python, no Qt; runs on whichever thread calls it (the draft worker).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from desktop.document_format import LABEL, TITLE, heading_title
from desktop.notes.base import DraftRequest

NOT_DISCUSSED = {"en": "Not discussed.", "fr": "Non abordé."}
DELETE_WORDS = ("DELETE", "SUPPRIMER")
_SPEAKER = re.compile(
    r"^\[?(doctor|patient|patiente|médecin|medecin|docteur|guest_\w+)\]?\s*:?\s", re.I
)
MAX_ANSWER_LINES = 3  # an answer longer than this is a note, not a sentence

# Worded so that the note checker finds nothing in it to underline.
_NOTHING_CLINICAL = {
    "en": (
        "Nothing clinical was said in this recording, so no note was drafted.\n"
        "Record the consultation and draft again, or write the note yourself."
    ),
    "fr": (
        "Rien de médical n'a été dit dans cet enregistrement : aucune note n'a été rédigée.\n"
        "Enregistrez la consultation puis relancez la rédaction, ou rédigez la note vous-même."
    ),
}

_ASK = {
    "en": {
        "intro": "In the note you wrote, this sentence is not supported by the consultation:",
        "why": "What is wrong:",
        "said": "What the consultation says about it:",
        "nothing": "The consultation says nothing about it.",
        "task": (
            "Rewrite only this sentence with what the consultation says (numbers, drugs and "
            "words as said), or answer DELETE if it says nothing of it. Answer with the "
            "sentence only."
        ),
        "correct": (
            "Rewrite only this sentence so that it agrees with the consultation: the numbers, "
            "drugs, sides and words as they were said. Answer with the sentence only."
        ),
    },
    "fr": {
        "intro": (
            "Dans la note que tu as écrite, cette phrase n'est pas appuyée par la consultation :"
        ),
        "why": "Ce qui ne va pas :",
        "said": "Ce que la consultation en dit :",
        "nothing": "La consultation n'en dit rien.",
        "task": (
            "Réécris seulement cette phrase avec ce que dit la consultation (nombres, "
            "médicaments et mots tels qu'ils ont été dits), ou réponds SUPPRIMER si elle n'en "
            "dit rien. Réponds par la phrase seule."
        ),
        "correct": (
            "Réécris seulement cette phrase pour qu'elle s'accorde avec la consultation : les "
            "nombres, les médicaments, les côtés et les mots tels qu'ils ont été dits. Réponds "
            "par la phrase seule."
        ),
    },
}


def _lang(language: str) -> str:
    return language if language in _ASK else "en"


def nothing_clinical_document(language: str, *, mark: str = "") -> str:
    """The short document written when the consultation holds nothing clinical."""
    body = _NOTHING_CLINICAL[_lang(language)]
    return f"{mark}\n\n{body}\n" if mark else f"{body}\n"


def is_nothing_clinical_document(text: str) -> bool:
    """``text`` is (still) that short document: the software's own words, nothing to check."""
    stripped = text.strip()
    return any(stripped.endswith(body) for body in _NOTHING_CLINICAL.values())


def fix_request(
    drafted: DraftRequest,
    answer: str,
    *,
    sentence: str,
    reasons: Sequence[str],
    evidence: Sequence[str],
    contradicted: bool = False,
) -> DraftRequest:
    """The follow-up that asks the model to fix ``sentence`` of its draft ``answer``. When the
    consultation ``contradicted`` it (another dose, the other side), the model is asked for the
    corrected sentence only: deleting it would lose what was said (a small model answers
    DELETE whenever it is offered)."""
    words = _ASK[_lang(drafted.note_language)]
    lines = [words["intro"], f'"{sentence.strip()}"']
    if reasons:
        lines += [words["why"], *(f"- {r}" for r in reasons)]
    if evidence:
        lines += [words["said"], *(f'- "{e.strip()}"' for e in evidence)]
    else:
        lines.append(words["nothing"])
    lines.append(words["correct" if contradicted and evidence else "task"])
    return replace(drafted, answer=answer, follow_up="\n".join(lines))


def parse_fix(answer: str, original: str) -> str | None:
    """The corrected sentence from the model's answer; None when it says to delete it (or
    answers nothing); ``original`` when it changed nothing or wrote something other than a
    sentence (a whole note, a title)."""
    text = answer.strip().strip("`").strip()
    if not text or any(re.search(rf"\b{w}\b", text) for w in DELETE_WORDS):
        return None
    if re.sub(r"[\W_]+", "", text).upper() in DELETE_WORDS:  # "Supprimer.", "delete"
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_ANSWER_LINES:  # a whole note again, not the sentence: nothing usable
        return original
    lines = [line for line in lines if heading_title(line) is None and not TITLE.match(line)]
    if not lines:
        return original
    line = re.sub(
        r"^(corrected sentence|phrase corrigée|correction|réponse|answer)\s*:\s*",
        "",
        lines[0],
        flags=re.I,
    )
    line = line.strip().strip('"“”«»').strip()
    if _SPEAKER.match(line) or line.endswith("?"):  # the consultation copied (a question)
        return original
    line = re.sub(r"^[-*•]\s+", "", line)
    told = _TOLD.match(line)  # "The consultation states that the straight leg raise is negative."
    if told and line[told.end() :].strip():
        rest = line[told.end() :].strip()
        line = rest[0].upper() + rest[1:]
    if len(line) > 2 * len(original) + 60:  # not a rewrite of that sentence
        return original
    return line or None


def replace_sentence(note: str, start: int, end: int, new: str | None, language: str) -> str:
    """``note`` with its sentence ``note[start:end]`` replaced by ``new``, or removed when
    ``new`` is None. A label that opens the sentence ("OBJECTIVE:", "Blood pressure:") is kept
    with a new sentence; a line left with nothing but a bullet or a label goes; a section left
    with nothing says "not discussed"."""
    label = LABEL.match(note[start:end])
    if label and label.group("label"):
        start += label.end()
        while start < end and note[start] == " ":
            start += 1
        if new is not None:  # the model wrote the label again: it is kept once
            again = LABEL.match(new)
            if again and again.group("label") and _same(again.group("label"), label["label"]):
                new = new[again.end() :].lstrip()
    if new is not None:
        return note[:start] + new + note[end:]
    line_start = note.rfind("\n", 0, start) + 1
    line_end = note.find("\n", end)
    line_end = len(note) if line_end < 0 else line_end
    before, after = note[line_start:start], note[end:line_end]
    rest = (before + after).strip(" \t-*•·–")
    if rest and not _only_label(rest):
        if after.strip():
            return note[:start] + note[end + (1 if after.startswith(" ") else 0) :]
        return note[:start].rstrip(" \t") + note[end:]
    if rest and heading_title(before.strip()) is not None:  # "OBJECTIVE: <sentence>"
        return note[:start] + NOT_DISCUSSED[_lang(language)] + note[end:]
    removed = note[:line_start] + note[min(line_end + 1, len(note)) :]
    return _not_discussed_if_empty(removed, line_start, language)


# The model quoting its source instead of stating the fact, as the note never does.
_TOLD = re.compile(
    r"^(?:the |la |le )?(?:consultation|transcript|transcription|conversation|dialogue)\s+"
    r"(?:states|says|mentions|notes|indicates|shows|indique|mentionne|précise|dit)\s+"
    r"(?:that\s+|qu'|que\s+)",
    re.I,
)


def _same(label: str, other: str) -> bool:
    return " ".join(label.lower().split()) == " ".join(other.lower().split())


def without_clauses(sentence: str, spans: Sequence[tuple[int, int]]) -> str | None:
    """``sentence`` without its comma-separated clauses that hold one of ``spans`` (relative to
    the sentence): "Vital signs: blood pressure (140/90 mmHg), heart rate (60 bpm), 1+ pitting
    edema." with the two numbers nobody said → "Vital signs: 1+ pitting edema." A label that
    opens the sentence stays. None unless the sentence is a list (under a label, or of three
    clauses at least: "Takes ibuprofen 400 mg, twice a day." is not) and some clause is left."""
    label = LABEL.match(sentence)
    head = label.end() if label and label.group("label") else 0
    body = sentence[head:].rstrip()
    stop = body[-1] if body[-1:] in ".;!" else ""
    body = body[: len(body) - len(stop)]
    clauses: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for i, char in enumerate(body):
        depth += (char == "(") - (char == ")")
        decimal = char == "," and body[i - 1 : i].isdigit() and body[i + 1 : i + 2].isdigit()
        if char in ",;" and depth <= 0 and not decimal:  # "37,2 °C" is one number
            clauses.append((begin, i))
            begin = i + 1
    clauses.append((begin, len(body)))
    if len(clauses) < (2 if head else 3):  # a list under a label, or of three items at least
        return None

    def hit(clause: tuple[int, int]) -> bool:
        a, b = clause[0] + head, clause[1] + head
        return any(a <= s < b for s, _ in spans)

    kept = [body[a:b].strip() for a, b in clauses if not hit((a, b)) and body[a:b].strip()]
    if not kept or len(kept) == len(clauses):
        return None
    first = kept[0]
    if body.lstrip()[:1].isupper():  # the sentence began with a capital: so does what is left
        first = first[:1].upper() + first[1:]
    label_text = sentence[:head].rstrip() + " " if head else ""
    return label_text + ", ".join([first, *kept[1:]]) + stop


def _only_label(rest: str) -> bool:
    return bool(re.fullmatch(r"[^\n:]{1,40}:", rest.strip()))


def _not_discussed_if_empty(note: str, position: int, language: str) -> str:
    """When the section around ``position`` has no text left, its "not discussed" phrase."""
    lines = note.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    here = sum(1 for o in offsets if o <= position) - 1
    heading = next(
        (i for i in range(min(here, len(lines) - 1), -1, -1) if _heading(lines[i])), None
    )
    if heading is None:
        return note
    following = range(heading + 1, len(lines))
    nxt = next((i for i in following if _heading(lines[i])), len(lines))
    if any(lines[i].strip() for i in range(heading + 1, nxt)):
        return note
    at = offsets[heading] + len(lines[heading])
    newline = "" if lines[heading].endswith("\n") else "\n"
    return note[:at] + newline + NOT_DISCUSSED[_lang(language)] + "\n" + note[at:]


def _heading(line: str) -> bool:
    return heading_title(line.rstrip("\r\n")) is not None
