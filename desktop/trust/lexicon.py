"""Word lists for the trust checks, loaded once from ``resources/trust`` (EN + FR).

Everything is folded (lower case, accents removed) so that matching is accent-blind.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop.errors import ScribeError
from desktop.resources import resources_dir

RESOURCES = resources_dir() / "trust"

# International nonproprietary name stems (WHO): a word ending so, near a dose, is a drug.
DRUG_SUFFIXES = (
    "pril",
    "prile",
    "sartan",
    "olol",
    "statin",
    "statine",
    "azole",
    "prazole",
    "mab",
    "nib",
    "cillin",
    "cilline",
    "mycin",
    "mycine",
    "floxacin",
    "floxacine",
    "dipine",
    "tidine",
    "gliptin",
    "gliptine",
    "gliflozin",
    "gliflozine",
    "semide",
    "thiazide",
    "oxetine",
    "azepam",
    "triptan",
    "parin",
    "parine",
    "xaban",
    "vir",
    "cycline",
    "olone",
    "sone",
    "profen",
    "profene",
    "coxib",
    "tropium",
    "terol",
    "afil",
    "barbital",
    "done",
    "morphine",
    "caine",
    "lukast",
)


class TrustDataError(ScribeError):
    """The word lists of the note checker cannot be read."""


def fold(text: str) -> str:
    """Lower case without accents, one character out per character in (spans stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    low = ch.lower()
    if low.isascii() and len(low) == 1:
        return low
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    return base[0] if base else "_"


DrugClass = tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]


def _drug_classes(section: dict) -> dict[str, DrugClass]:
    out: dict[str, DrugClass] = {}
    for rule in section.values():
        if not isinstance(rule, dict):
            continue
        members = frozenset(fold(m) for m in rule.get("members", []))
        starts = tuple(fold(m) for m in rule.get("starts", []))
        ends = tuple(fold(m) for m in rule.get("ends", []))
        for name in rule.get("class", []):
            out[fold(name)] = (members, starts, ends)
    return out


@dataclass(frozen=True, eq=False)
class Lexicon:
    drugs: dict[str, str]  # folded variant -> canonical
    negation: frozenset[tuple[str, ...]]
    breaks: frozenset[str]
    yes: frozenset[tuple[str, ...]]
    no: frozenset[tuple[str, ...]]
    left: frozenset[str]
    right: frozenset[str]
    both: frozenset[str]
    body_parts: frozenset[str]
    allergy: frozenset[str]
    no_allergy: frozenset[tuple[str, ...]]
    units: dict[str, str]  # folded surface -> canonical unit
    dose_units: frozenset[str]
    number_words: dict[str, float]
    symptoms: frozenset[str]
    plan_cues: frozenset[tuple[str, ...]]
    stopwords: frozenset[str]
    documentation: frozenset[str]  # words of the note's genre, not of the consultation
    template: frozenset[str]  # normal-exam template words
    synonyms: dict[str, tuple[str, ...]]
    findings: frozenset[str]  # symptoms and signs whose polarity is checked
    generic_findings: frozenset[str]  # findings judged with their site ("pain" -> "calf pain")
    finding_phrases: dict[str, tuple[tuple[str, ...], ...]]  # "hematuria" -> ("blood","urine")
    # kind of clinical fact ("vital", "exam", "result", ...) -> its cue phrases (EN + FR)
    clinical_facts: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)
    # language -> the clinical terms checked as said or not (conditions and vital signs)
    clinical_terms: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)
    # what a plan worth offering as an omission names: "test", "referral", ... -> phrases
    plan_items: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)

    # class canonical (as ``drugs`` maps "statin") -> (members, first letters, endings)
    drug_classes: dict[str, DrugClass] = field(default_factory=dict)

    def in_class(self, drug: str, class_: str) -> bool:
        """Whether a drug (canonical) belongs to a class the note may name instead: Lantus
        (insulin glargine) is an insulin, atorvastatin a statin."""
        rule = self.drug_classes.get(class_)
        if rule is None or drug == class_:
            return False
        members, starts, ends = rule
        return drug in members or drug.startswith(starts) or drug.endswith(ends)

    def is_drug_like(self, word: str) -> bool:
        return len(word) >= 6 and word.endswith(DRUG_SUFFIXES)


def _phrases(values: list[str]) -> frozenset[tuple[str, ...]]:
    """Token sequences: "n't" stays one token (as the tokenizer makes it), "d'" splits."""
    return frozenset(
        tuple(fold(v).replace("n't", " n_t").replace("'", " ").replace("n_t", "n't").split())
        for v in values
    )


_PHRASE_TOKEN = re.compile(r"[a-z0-9]+|[-/%°]")


def _token_phrases(values: list[str]) -> frozenset[tuple[str, ...]]:
    """Phrases cut as the tokenizer cuts text ("x-ray" -> ("x", "-", "ray"))."""
    return frozenset(tuple(_PHRASE_TOKEN.findall(fold(v))) for v in values if v.strip())


def _both(section: dict[str, list[str]]) -> list[str]:
    return [w for lang in ("en", "fr") for w in section.get(lang, [])]


def _read_drugs(directory: Path) -> dict[str, str]:
    drugs: dict[str, str] = {}
    for name in ("drugs.tsv", "drugs_extra.tsv"):
        for line in (directory / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or "\t" not in line:
                continue
            variant, canonical = line.split("\t", 1)
            drugs[fold(variant.strip())] = fold(canonical.strip())
    return drugs


@lru_cache(maxsize=2)
def load_lexicon(directory: Path = RESOURCES) -> Lexicon:
    try:
        terms = json.loads((directory / "terms.json").read_text(encoding="utf-8"))
        drugs = _read_drugs(directory)
    except (OSError, ValueError) as exc:
        raise TrustDataError("The note checker's word lists are missing or damaged.") from exc
    units = {fold(s): unit for unit, surfaces in terms["units"].items() for s in surfaces}
    numbers = {
        fold(w): float(v) for lang in ("en", "fr") for w, v in terms["number_words"][lang].items()
    }
    lat = terms["laterality"]
    return Lexicon(
        drugs=drugs,
        negation=_phrases(_both(terms["negation_cues"])),
        breaks=frozenset(fold(w) for w in _both(terms["negation_breaks"])),
        yes=_phrases(_both(terms["yes_answers"])),
        no=_phrases(_both(terms["no_answers"])),
        left=frozenset(fold(w) for w in lat["left"]),
        right=frozenset(fold(w) for w in lat["right"]),
        both=frozenset(fold(w) for w in lat["both"]),
        body_parts=frozenset(fold(w) for w in terms["body_parts"]),
        allergy=frozenset(fold(w) for w in _both(terms["allergy_cues"]) if " " not in w),
        no_allergy=_phrases(_both(terms["no_allergy_phrases"])),
        units=units,
        dose_units=frozenset(terms["dose_units"]),
        number_words=numbers,
        symptoms=frozenset(fold(w) for w in terms["symptoms"]),
        plan_cues=_phrases(_both(terms["plan_cues"])),
        stopwords=frozenset(fold(w) for w in _both(terms["stopwords"])),
        documentation=frozenset(fold(w) for w in _both(terms["documentation_words"])),
        template=frozenset(fold(w) for w in terms["template_findings"]),
        synonyms={fold(k): tuple(fold(v) for v in vs) for k, vs in terms["synonyms"].items()},
        findings=frozenset(fold(w) for w in _both(terms["findings"]))
        | frozenset(fold(w) for w in terms["symptoms"]),
        generic_findings=frozenset(fold(w) for w in terms["generic_findings"]),
        finding_phrases={
            fold(k): tuple(tuple(fold(p).split()) for p in ps)
            for k, ps in terms["finding_phrases"].items()
        },
        clinical_facts={
            kind: _token_phrases(_both(section))
            for kind, section in terms.get("clinical_facts", {}).items()
            if isinstance(section, dict)
        },
        drug_classes=_drug_classes(terms.get("drug_classes", {})),
        clinical_terms={
            lang: _token_phrases(
                [w for kind in ("condition", "vital") for w in facts.get(kind, {}).get(lang, [])]
            )
            for facts in [terms.get("clinical_facts", {})]
            for lang in ("en", "fr")
        },
        plan_items={
            kind: _token_phrases(_both(section))
            for kind, section in terms.get("plan_items", {}).items()
            if isinstance(section, dict)
        },
    )


@lru_cache(maxsize=4)
def load_frequencies(language: str, directory: Path = RESOURCES) -> dict[str, float]:
    """Folded word -> Zipf frequency in everyday language (absent: rarer than 2.5)."""
    path = directory / f"wordfreq_{'fr' if language == 'fr' else 'en'}.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise TrustDataError("The note checker's word lists are missing or damaged.") from exc
    out: dict[str, float] = {}
    for line in lines:
        word, _, value = line.partition("\t")
        if word and not word.startswith("#") and value:
            out.setdefault(fold(word), float(value))
    return out
