"""Repair before display: the draft is checked against the consultation, and what the checker
finds is fixed by the model before the doctor reads it.

``draft_and_repair`` is the generator the draft worker runs. A consultation with nothing clinical
in it gives a short document that says so (the model is never asked). Otherwise the draft streams
in (``desktop.notes.drafting.draft_job``), then ``repair_job`` runs ``desktop.trust.check`` on it:
every red finding (a number, dose, drug, side, negation, allergy or clinical term the consultation
does not hold), a repeated sentence, an age nobody said and every amber sentence that states a
clinical fact nobody said (a vital sign, exam finding, result, diagnosis, condition or plan) is a
target. A repeated sentence, one of which next to nothing was said, and one that adds nothing
to the note but a number nobody said, is removed; for the others the model is asked for that one
sentence again, quoting the consultation's lines (``desktop.notes.repair_prompt``), or to delete
it. Then the checks run again, for at most ``MAX_ROUNDS`` rounds. What the repair could not
settle keeps its underline.

It yields ``Progress(CHECKING_DRAFT)`` ("checking…") before each fix and a ``Repaired`` with the
whole document after each change, so the doctor sees the repairs land; it returns a
``RepairResult``. A backend failure during the repair puts the first draft back and is reported in
the result (``failed``): the draft itself is never lost to a repair.

Pure Python, no Qt. Threads: runs on the draft worker thread; ``cancel`` may be set from the GUI
thread at any time.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace

from desktop.asr.base import Segment
from desktop.cancel import CancelToken
from desktop.document_format import LABEL, clean_markdown
from desktop.notes.base import DraftRequest, NoteError, NoteWriter
from desktop.notes.condensing import CondensedParts
from desktop.notes.drafting import Drafted, draft_job
from desktop.notes.repair_prompt import (
    fix_request,
    nothing_clinical_document,
    parse_fix,
    replace_sentence,
    without_clauses,
)
from desktop.notes.sections import Section, fold, split_sections
from desktop.progress import CHECKING_DRAFT, Progress
from desktop.trust import Flag, SentenceLink, TrustReport, check
from desktop.trust.content import clinical_content
from desktop.trust.core import exam_said, states_nothing
from desktop.trust.index import build_index
from desktop.trust.lexicon import load_lexicon

log = logging.getLogger(__name__)
_WORD = re.compile(r"[^\W\d_]{3,}|\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

MAX_ROUNDS = 2  # check, fix, check again, fix what is left, (the UI checks a last time)
MAX_FIXES = 10  # sentences sent to the model per round, red ones first
MAX_EVIDENCE = 3  # consultation lines quoted per fix
MAX_QUOTE = 200  # characters of each: the sentences of a long turn that share the most words
# A flagged sentence with less than this share of its words in the consultation says nothing
# that was said ("Blood pressure 120/80 mmHg, heart rate 75." after "I have a headache"): it is
# removed without asking the model, which would only answer DELETE, several seconds later.
NO_SUPPORT = 0.2
# Unsupported (amber) sentences repaired: the facts a doctor would sign without noticing.
# The repair's time, as a share of the draft's: the model is asked no more once it is spent (a
# sentence left keeps its underline). Removals cost nothing and always happen.
TIME_SHARE = 0.3
MIN_REPAIR_S = 5.0
# Sections that hold the examination ("OBJECTIVE", "EXAMEN CLINIQUE", "Physical exam"), and
# the share of a sentence's words the consultation must hold to stay there when nobody examined.
_EXAM_TITLES = ("objective", "exam", "physical", "constantes", "vital")
EXAM_SUPPORT = 0.4
_NOT_DISCUSSED = frozenset({"not discussed", "non aborde", "non abordee"})
REPAIRED_FACTS = frozenset({"vital", "exam", "result", "diagnosis", "condition", "plan"})


@dataclass(frozen=True)
class Repaired:
    """The document as repaired so far (replaces the text shown)."""

    text: str


@dataclass(frozen=True)
class Target:
    start: int  # the sentence's span in the document
    end: int
    text: str
    reasons: tuple[str, ...]
    evidence: tuple[str, ...]  # the consultation's lines about it
    red: bool
    remove: bool = False  # repeated, a placeholder, or nothing of it said: removed without asking
    contradicted: bool = False  # the consultation says otherwise (not merely nothing)
    # the spans of numbers nobody said, when they are all that is wrong with it: in a list
    # ("Vital signs: BP 140/90, 1+ pitting edema") their clauses go without asking
    unsaid_numbers: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RepairResult:
    first: str  # the first draft, as shown (kept in the document's history)
    text: str  # the document after repair
    rounds: int = 0
    fixed: int = 0  # sentences rewritten or removed
    asked: int = 0  # requests to the model
    chunks: int = 0  # streamed pieces of their answers (tokens, on llama.cpp)
    seconds: float = 0.0
    left: tuple[Flag, ...] = ()  # red or clinical flags still there (underlined)
    failed: str = ""  # the backend's error when the repair stopped on one
    flags_before: tuple[Flag, ...] = field(default=(), repr=False)

    @property
    def changed(self) -> bool:
        return self.text != self.first


def draft_and_repair(
    writer: NoteWriter,
    request: DraftRequest,
    *,
    segments: Sequence[Segment],
    cancel: CancelToken,
    budget_tokens: int = 6000,
    repair: bool = True,
    parts: CondensedParts | None = None,
) -> Generator[Progress | str | Repaired, None, RepairResult | None]:
    """The whole draft: nothing-clinical check, the streamed draft, then its repair. ``parts``:
    the parts of a long transcript condensed before (``desktop.notes.condensing``)."""
    started = time.monotonic()
    if request.transcript.strip() and not clinical_content(request.transcript).clinical:
        log.info("draft: nothing clinical in the transcript; the model is not asked")
        yield nothing_clinical_document(request.note_language, mark=request.template.mark)
        return None
    drafted = yield from draft_job(
        writer, request, cancel=cancel, budget_tokens=budget_tokens, parts=parts
    )
    if drafted is None or not repair or cancel.is_cancelled() or not segments:
        return None
    drafted_s = time.monotonic() - started
    deadline = time.monotonic() + max(MIN_REPAIR_S, TIME_SHARE * drafted_s)
    return (
        yield from repair_job(writer, drafted, segments=segments, cancel=cancel, deadline=deadline)
    )


def shown_text(drafted: Drafted) -> str:
    """The draft as the document shows it (the template's mark first, Markdown cleaned)."""
    mark = drafted.request.template.mark
    return clean_markdown(f"{mark}\n\n{drafted.text}" if mark else drafted.text)


def repair_job(
    writer: NoteWriter,
    drafted: Drafted,
    *,
    segments: Sequence[Segment],
    cancel: CancelToken,
    rounds: int = MAX_ROUNDS,
    deadline: float | None = None,
) -> Generator[Progress | Repaired, None, RepairResult]:
    """Check, fix, check again (``rounds`` times at most); the model is asked no more after
    ``deadline`` (``time.monotonic()``; None: no limit)."""
    started = time.monotonic()
    language = drafted.request.note_language
    first = text = shown_text(drafted)
    yield Progress(CHECKING_DRAFT)
    report = check(text, segments, language=language)
    result = RepairResult(first, text, flags_before=tuple(report.flags))
    tried: set[str] = set()  # sentences the model already rewrote or left as they were
    stats = {"fixed": 0, "asked": 0, "chunks": 0, "shown": 0}
    done_rounds = 0
    try:
        for _ in range(rounds):
            found = [t for t in targets(report, text, segments) if t.text not in tried]
            if not found:
                break
            done_rounds += 1
            text = yield from _fix_round(
                writer, drafted, text, found, segments, tried, stats, cancel, deadline
            )
            if cancel.is_cancelled():
                break
            report = check(text, segments, language=language)
    except NoteError as exc:
        log.warning("repair: the backend failed (%s); the first draft is kept", type(exc).__name__)
        if stats["shown"]:  # a repair is on screen: the first draft goes back
            yield Repaired(first)
        return _result(result, first, done_rounds, stats, started, report, failed=str(exc))
    return _result(result, text, done_rounds, stats, started, report)


def _fix_round(
    writer: NoteWriter,
    drafted: Drafted,
    text: str,
    found: list[Target],
    segments: Sequence[Segment],
    tried: set[str],
    stats: dict[str, int],
    cancel: CancelToken,
    deadline: float | None = None,
) -> Generator[Progress | Repaired, None, str]:
    """One round: the sentences to remove go at once, and so do the items of a list that hold
    numbers nobody said (bottom up, so the spans above stay true); then the model is asked for
    the others, top to bottom. Returns the document."""
    language = drafted.request.note_language
    edits = 0
    for target in sorted(found, key=lambda t: -t.start):  # bottom up: the spans above stay true
        if target.remove:
            text = replace_sentence(text, target.start, target.end, None, language)
        elif (shorter := _trimmed(target)) is not None:
            text = text[: target.start] + shorter + text[target.end :]
        else:
            continue
        stats["fixed"] += 1
        edits += 1
    if edits:
        stats["shown"] = 1
        yield Repaired(text)
        report = check(text, segments, language=language)
        found = [t for t in targets(report, text, segments) if t.text not in tried]
    asked = [t for t in found if not t.remove][:MAX_FIXES]
    shift = 0
    for n, target in enumerate(asked):
        if cancel.is_cancelled() or (deadline is not None and time.monotonic() > deadline):
            break
        yield Progress(CHECKING_DRAFT, fraction=n / len(asked), detail=f"{n + 1} of {len(asked)}")
        request = fix_request(
            drafted.request,
            drafted.text,
            sentence=target.text,
            reasons=target.reasons,
            evidence=target.evidence,
            contradicted=target.contradicted,
        )
        pieces = list(writer.stream(request, cancel=cancel))
        stats["asked"] += 1
        stats["chunks"] += len(pieces)
        if cancel.is_cancelled():
            break
        new = parse_fix("".join(pieces), target.text)
        if new is not None and new.strip() == target.text.strip():
            tried.add(target.text)  # the model keeps it: asking again would change nothing
            continue
        start, end = target.start + shift, target.end + shift
        before = len(text)
        text = replace_sentence(text, start, end, new, language)
        shift += len(text) - before
        stats["fixed"] += 1
        stats["shown"] = 1
        yield Repaired(text)
    return text


def targets(report: TrustReport, note: str, segments: Sequence[Segment]) -> list[Target]:
    """The sentences to repair, in document order: one per sentence, its reasons merged."""
    by_span: dict[tuple[int, int], list[Flag]] = {}
    for flag in report.flags:
        if flag.note_span is None:
            continue
        link = report.sentence_at(flag.note_span[0])
        if not (_worth_repair(flag) or _nothing_said(flag, link)):
            continue
        span = (link.start, link.end) if link is not None else flag.note_span
        by_span.setdefault(span, []).append(flag)
    found = []
    unsaid = {span: _unsaid_numbers(flags) for span, flags in by_span.items()}
    elsewhere = _words_outside(note, [span for span, numbers in unsaid.items() if numbers])
    for (start, end), flags in sorted(by_span.items()):
        link = report.sentence_at(start)
        indices = [i for f in flags for i in f.evidence] + list(link.segments if link else ())
        evidence = _lines(indices, segments, note[start:end])
        reasons = tuple(dict.fromkeys(f.reason for f in flags if f.kind != "unsupported"))
        found.append(
            Target(
                start,
                end,
                note[start:end],
                reasons,
                evidence,
                red=any(f.severity == "red" for f in flags),
                contradicted=any(_contradicted(f) for f in flags),
                unsaid_numbers=unsaid[(start, end)],
                remove=any(f.kind in ("repeated", "placeholder") for f in flags)
                or (link is not None and link.checked and link.score < NO_SUPPORT)
                or _adds_only_numbers(note, start, end, unsaid[(start, end)], elsewhere),
            )
        )
    exam = {(t.start, t.end): t for t in _exam_not_done(report, note, segments)}
    found = [replace(t, remove=True) if (t.start, t.end) in exam else t for t in found]
    taken = {(t.start, t.end) for t in found}
    found += [t for span, t in exam.items() if span not in taken]
    red_first = sorted(found, key=lambda t: (not t.remove, not t.red))
    return sorted(red_first[: MAX_FIXES * 3], key=lambda t: t.start)


def _exam_not_done(report: TrustReport, note: str, segments: Sequence[Segment]) -> list[Target]:
    """When nobody examined the patient, the exam section's sentences that the consultation
    does not support are findings nobody made ("Il n'a pas d'effets visibles sur les autres
    parties du corps.", "There is no fever."): removed, the section then says "not discussed"."""
    if not note.strip() or not segments:
        return []
    if exam_said(build_index(tuple(segments), report.language, load_lexicon())):
        return []
    out = []
    for section in split_sections(note):
        if not any(word in section.title for word in _EXAM_TITLES):
            continue
        for link in report.sentences:
            text = note[link.start : link.end]
            inside = section.start <= link.start and link.end <= section.end
            # A sentence too short to judge ("Bruitage dans le cou : absent": a label and a
            # word) is a finding all the same here: only a supported one stays.
            supported = link.checked and link.score >= EXAM_SUPPORT
            if not inside or supported or _set_phrase(text, section, report.language):
                continue
            out.append(Target(link.start, link.end, text, (), (), red=False, remove=True))
    return out


def _set_phrase(text: str, section: Section, language: str) -> bool:
    """The heading itself, or the "not discussed" the section already says (in so many words:
    "Vital signs were not discussed.")."""
    body = fold(LABEL.sub("", text, count=1) if LABEL.match(text) else text)
    body = body.strip(" .:-*")
    return (
        not body
        or fold(text).strip(" :") == section.title
        or body in _NOT_DISCUSSED
        or states_nothing(text, language)
    )


def _trimmed(target: Target) -> str | None:
    """The sentence without the list items holding the numbers nobody said, if it is a list."""
    if not target.unsaid_numbers:
        return None
    spans = [(a - target.start, b - target.start) for a, b in target.unsaid_numbers]
    return without_clauses(target.text, spans)


def _unsaid_numbers(flags: Sequence[Flag]) -> tuple[tuple[int, int], ...]:
    """The spans of the numbers nobody said, when every red flag of the sentence is one."""
    red = [f for f in flags if f.severity == "red"]
    if not red or any(f.kind != "number" or _contradicted(f) or f.note_span is None for f in red):
        return ()
    return tuple(f.note_span for f in red if f.note_span is not None)


def _content_words(text: str) -> set[str]:
    stop = load_lexicon().stopwords
    return {w for w in _WORD.findall(fold(text)) if not w.isdigit() and w not in stop}


def _words_outside(note: str, spans: Sequence[tuple[int, int]]) -> set[str]:
    """The note's words outside ``spans`` (the sentences holding numbers nobody said: two such
    sentences never vouch for each other)."""
    kept, pos = [], 0
    for start, end in sorted(spans):
        kept.append(note[pos:start])
        pos = max(pos, end)
    kept.append(note[pos:])
    return _content_words(" ".join(kept))


def _adds_only_numbers(
    note: str, start: int, end: int, numbers: tuple[tuple[int, int], ...], elsewhere: set[str]
) -> bool:
    """Without its numbers nobody said, the sentence says nothing the rest of the note does not
    ("Mal à la tête pendant une semaine" under a MOTIF that says "mal à la tête"): all it adds
    is the invented number, so it goes without asking the model."""
    if not numbers:
        return False
    text = note[start:end]
    for a, b in sorted(numbers, reverse=True):
        text = text[: a - start] + " " + text[b - start :]
    words = _content_words(LABEL.sub("", text, count=1) if LABEL.match(text) else text)
    return bool(words) and words <= elsewhere


def _contradicted(flag: Flag) -> bool:
    """The consultation says otherwise (another dose, the other side, a denied finding)."""
    if flag.kind == "number":
        return "not said" not in flag.reason
    return flag.kind in ("drug", "laterality", "negation", "allergy")


def _nothing_said(flag: Flag, link: SentenceLink | None) -> bool:
    """An unsupported sentence stating any clinical fact ("Sensibilité aux douleurs : plus
    forte au sommet du front", a symptom of an exam nobody did) of which nothing was said."""
    return (
        flag.kind == "unsupported"
        and flag.fact is not None
        and link is not None
        and link.score < NO_SUPPORT
    )


def _worth_repair(flag: Flag) -> bool:
    if flag.severity == "red" or flag.kind == "age":  # the model never sees the record
        return True
    if flag.kind == "repeated":  # amber for the doctor, removed all the same
        return True
    return flag.kind == "unsupported" and flag.fact in REPAIRED_FACTS


def _lines(indices: list[int], segments: Sequence[Segment], sentence: str) -> tuple[str, ...]:
    """The consultation's words about ``sentence``: its evidence segments, each cut down to the
    sentences sharing the most words with it (a long turn costs a small model seconds to read)."""
    seen: list[str] = []
    for i in indices:
        if 0 <= i < len(segments):
            line = _quote(segments[i].text.strip(), sentence)
            if line and line not in seen:
                seen.append(line)
    return tuple(seen[:MAX_EVIDENCE])


def _quote(line: str, sentence: str) -> str:
    if len(line) <= MAX_QUOTE:
        return line
    words = set(_WORD.findall(sentence.lower()))
    parts = [p.strip() for p in _SENTENCE_END.split(line) if p.strip()]
    ranked = sorted(parts, key=lambda p: -len(words & set(_WORD.findall(p.lower()))))
    kept: list[str] = []
    for part in ranked:
        if sum(len(k) for k in kept) + len(part) > MAX_QUOTE and kept:
            break
        kept.append(part)
    return " … ".join(p for p in parts if p in kept)[: MAX_QUOTE * 2]


def _result(
    base: RepairResult,
    text: str,
    rounds: int,
    stats: dict[str, int],
    started: float,
    report: TrustReport,
    *,
    failed: str = "",
) -> RepairResult:
    left = tuple(
        f
        for f in report.flags
        if f.note_span is not None
        and (_worth_repair(f) or _nothing_said(f, report.sentence_at(f.note_span[0])))
    )
    log.info(
        "repair: %d rounds, %d fixed, %d asked, %d left, %.1f s",
        rounds,
        stats["fixed"],
        stats["asked"],
        len(left),
        time.monotonic() - started,
    )
    return RepairResult(
        first=base.first,
        text=text,
        rounds=rounds,
        fixed=stats["fixed"],
        asked=stats["asked"],
        chunks=stats["chunks"],
        seconds=round(time.monotonic() - started, 2),
        left=left if not failed else (),
        failed=failed,
        flags_before=base.flags_before,
    )
