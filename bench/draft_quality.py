"""What ``bench/draft.py`` measures on one draft: the checker's red flags, the amber unsupported
sentences that state a clinical fact, numbers the consultation never says, repeated lines,
invented vital signs / exam findings / conditions, ROUGE against a reference note
(``rouge-score``, no stemming: the published ACI-Bench setting), and how much of what the
reference holds and the consultation said the draft holds too (``coverage``: clinical terms and
numbers, a measure of content that does not reward the reference's prose style)."""

from __future__ import annotations

import re
from collections import Counter

from desktop.asr.base import Segment
from desktop.session.repair import REPAIRED_FACTS
from desktop.trust import check
from desktop.trust.lexicon import fold, load_lexicon

INVENTED_FACTS = frozenset({"vital", "exam", "condition"})
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


def segments_of(dialogue: str) -> list[Segment]:
    lines = [line for line in dialogue.splitlines() if line.strip()]
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]


def said_values(dialogue: str, language: str) -> set[float]:
    """The numbers the consultation says, in digits or (EN and FR) in words."""
    values = {_value(m.group()) for m in _NUMBER.finditer(dialogue)}
    words = load_lexicon().number_words
    folded = re.findall(r"[a-z]+", fold(dialogue))
    values |= {words[w] for w in folded if w in words}
    if language == "en":
        from bench.trust import spellings

        said = " " + " ".join(folded) + " "
        for n in range(0, 1000):
            if any(f" {s} " in said for s in spellings(float(n)) if not s.isdigit()):
                values.add(float(n))
    return values


def _value(text: str) -> float:
    return float(text.replace(",", "."))


_LIST_MARKER = re.compile(r"^[ \t]*(\d+)[.)][ \t]", re.M)  # "4. Allergies :": no quantity


def numbers_not_said(note: str, said: set[float]) -> list[str]:
    markers = {m.start(1) for m in _LIST_MARKER.finditer(note)}
    return [
        m.group()
        for m in _NUMBER.finditer(note)
        if m.start() not in markers and _value(m.group()) not in said
    ]


def repeated_lines(note: str) -> int:
    lines = [" ".join(fold(line).strip(" -*•").split()) for line in note.splitlines()]
    counts = Counter(line for line in lines if len(line) >= 25)
    return sum(n - 1 for n in counts.values())


def measure(note: str, dialogue: str, language: str, said: set[float]) -> dict[str, object]:
    report = check(note, segments_of(dialogue), language=language)
    red = [f for f in report.flags if f.severity == "red"]
    amber = [f for f in report.flags_of("unsupported") if f.fact in REPAIRED_FACTS]
    invented = [
        f
        for f in report.flags
        if f.kind in ("unsupported", "term", "number") and f.fact in INVENTED_FACTS
    ]
    missing = numbers_not_said(note, said)
    return {
        "red": len(red),
        "red_by_kind": dict(Counter(f.kind for f in red)),
        "amber_clinical": len(amber),
        "numbers_not_said": len(missing),
        "numbers_not_said_list": missing,
        "repeated_lines": repeated_lines(note),
        "invented_vital_exam_condition": len(invented),
        "invented_list": [f.text[:80] for f in invented],
    }


def rouge(note: str, reference: str) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=False)
    # rougeLsum splits summaries at newlines: one sentence per line, as the published setting.
    scores = scorer.score(reference, note)
    return {k: round(100 * v.fmeasure, 1) for k, v in scores.items()}


def coverage(note: str, dialogue: str, reference: str) -> dict[str, float]:
    """Of the clinical terms (the checker's lexicon: drugs, conditions, symptoms, findings) and
    the numbers in digits that both the reference note and the consultation hold, the share the
    draft holds too."""
    wanted_terms = _terms(reference) & _terms(dialogue)
    wanted_numbers = _digits(reference) & _digits(dialogue)
    return {
        "term_recall": round(len(wanted_terms & _terms(note)) / max(1, len(wanted_terms)), 3),
        "number_recall": round(
            len(wanted_numbers & _digits(note)) / max(1, len(wanted_numbers)), 3
        ),
    }


def _terms(text: str) -> set[str]:
    lexicon = load_lexicon()
    vocabulary = (*lexicon.drugs, *lexicon.clinical_terms, *lexicon.symptoms, *lexicon.findings)
    spaced = " " + " ".join(re.findall(r"[a-z0-9]+", fold(text))) + " "
    return {term for term in vocabulary if isinstance(term, str) and f" {term} " in spaced}


def _digits(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))
