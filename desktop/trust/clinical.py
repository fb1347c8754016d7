"""What kind of clinical fact a note sentence states: a vital sign, an exam finding, a result, a
diagnosis, a medication, a plan, a condition or a symptom, or none ("Thank you for seeing her.",
"She works as a teacher."). The repair loop rewrites the unsupported sentences that state one;
the others may stay as they are. Cue phrases come from ``terms.json`` ("clinical_facts")."""

from __future__ import annotations

from functools import lru_cache

from desktop.trust.analysis import Unit
from desktop.trust.lexicon import Lexicon
from desktop.trust.model import FactKind

# When a sentence states several, the first names it (the most checkable first).
FACT_ORDER: tuple[FactKind, ...] = (
    "vital",
    "result",
    "exam",
    "diagnosis",
    "medication",
    "plan",
    "condition",
    "symptom",
)
_VITAL_UNITS = frozenset({"mmhg", "bpm", "degree", "%", "kg", "lb"})


def fact_kind(unit: Unit, lexicon: Lexicon) -> FactKind | None:
    """The kind of clinical fact the sentence states, or None when it states none."""
    found = _cued(unit, lexicon)
    if any(q.unit in _VITAL_UNITS for q in unit.quantities):
        found.add("vital")
    if unit.drugs:
        found.add("medication")
    if any(t.word in lexicon.findings or t.stem in lexicon.findings for t in unit.tokens):
        found.add("symptom")
    return next((kind for kind in FACT_ORDER if kind in found), None)


@lru_cache(maxsize=2)
def _by_first_word(lexicon: Lexicon) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, phrases in lexicon.clinical_facts.items():
        for phrase in phrases:
            out.setdefault(phrase[0], []).append((phrase, kind))
    return {word: tuple(found) for word, found in out.items()}


def _cued(unit: Unit, lexicon: Lexicon) -> set[str]:
    """The kinds whose cue phrases the sentence holds (one pass over its words). The longest
    phrase at a word wins and covers its words: "céphalées de tension" is a condition, its
    "tension" no blood pressure."""
    found = set()
    by_first = _by_first_word(lexicon)
    words = [t.word for t in unit.tokens]
    i = 0
    while i < len(words):
        hits = [p for p in by_first.get(words[i], ()) if tuple(words[i : i + len(p[0])]) == p[0]]
        longest = max((len(p[0]) for p in hits), default=1)
        found |= {kind for phrase, kind in hits if len(phrase) == longest}
        i += longest
    return found
