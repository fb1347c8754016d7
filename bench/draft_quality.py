"""What ``bench/draft.py`` measures on one draft: the checker's red flags, the amber unsupported
sentences that state a clinical fact, numbers the consultation never says, repeated lines,
invented vital signs / exam findings / conditions, and ROUGE against a reference note
(``rouge-score``, no stemming: the published ACI-Bench setting)."""

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
