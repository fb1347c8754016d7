"""Whether a transcript says anything clinical at all: a symptom, a finding, a drug, a dose, a
vital sign, a diagnosis, an exam, a test or a plan (the trust lexicon's words, EN + FR).

Eleven seconds of "ask not what your country can do for you", small talk or "testing one two
three" say none of it: the draft is then a short document that says so, and the model is never
asked (a small model asked to write a SOAP note from a speech invents a visit). Deterministic and
fast; no LLM. Pure Python, runs on whichever thread calls it.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.trust.analysis import analyse
from desktop.trust.clinical import fact_kind
from desktop.trust.lexicon import load_lexicon
from desktop.trust.text import detect_language, tokenize

# Words of a consultation the lexicon's lists do not hold as symptoms or facts, but that no
# speech or small talk says in a clinical sense (folded).
_CLINICAL_WORDS = frozenset(
    {
        "pain",
        "painful",
        "hurt",
        "hurts",
        "ache",
        "aches",
        "sick",
        "ill",
        "symptom",
        "symptoms",
        "medicine",
        "medication",
        "medications",
        "pill",
        "pills",
        "prescription",
        "allergy",
        "allergic",
        "douleur",
        "douleurs",
        "mal",
        "malade",
        "symptome",
        "symptomes",
        "medicament",
        "medicaments",
        "traitement",
        "ordonnance",
        "allergie",
        "allergique",
        "tests",
        "fell",
        "injured",
        "bleed",
        "bleeding",
        "shots",
        "saigne",
        "chute",
        "blesse",
    }
)
# Beginnings of such words: "surgery", "smoking", "chirurgie", "examiner"...
_CLINICAL_PREFIXES = (
    "surger",
    "surgic",
    "chirurg",
    "opere",
    "operation",
    "smok",
    "fume",
    "fumez",
    "fumeu",
    "cigaret",
    "tabac",
    "alcohol",
    "alcool",
    "drug",
    "drogue",
    "examin",
    "diseas",
    "illness",
    "maladi",
    "medical",
    "medicin",
    "hospital",
    "hopita",
    "pacemaker",
    "immuni",
    "vaccin",
    "psychiatr",
    "tachycard",
    "ekg",
    "ecg",
    "pregnan",
    "enceinte",
    "grossesse",
    "regles",
    "menstru",
)


@dataclass(frozen=True)
class ClinicalContent:
    language: str
    lines: int  # lines (utterances) that state something clinical
    words: tuple[str, ...]  # a few of the clinical words found, for logs and tests

    @property
    def clinical(self) -> bool:
        return self.lines > 0


def clinical_content(transcript: str, *, language: str = "auto") -> ClinicalContent:
    """The utterances of ``transcript`` that state something clinical."""
    lexicon = load_lexicon()
    if language not in ("en", "fr"):
        language = detect_language(transcript, lexicon)
    lines = 0
    found: list[str] = []
    for line in transcript.splitlines():
        if not line.strip():
            continue
        tokens = tokenize(line, language)
        unit = analyse(tokens, 0, len(line), lexicon, note=False)
        words = [t.word for t in tokens if _clinical_word(t.word)]
        words += [d.word for d in unit.drugs]
        if any(q.unit in lexicon.dose_units for q in unit.quantities):
            words.append("dose")
        kind = fact_kind(unit, lexicon)
        if kind is not None:
            words.append(kind)
        if words:
            lines += 1
            found += [w for w in words if w not in found][:3]
    return ClinicalContent(language, lines, tuple(found[:8]))


def _clinical_word(word: str) -> bool:
    return word in _CLINICAL_WORDS or word.startswith(_CLINICAL_PREFIXES)
