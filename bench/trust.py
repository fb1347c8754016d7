"""Benchmark of desktop.trust on ACI-Bench: inject controlled errors into reference notes and
count how many the checker catches, and how many flags it raises on the untouched notes.

    .venv/bin/python bench/trust.py [--data ../shared/data/dialogues] [--reps 5] [--details]
                                    [--out trust.json]

The JSON's "definition" states what is counted; in short:

- Injections (one at a time, up to --reps distinct seeded ones per kind and note): change a
  dose, swap a drug, flip left/right, drop a negation, add an invented sentence (taken from
  another dialogue's note), delete a medication (every sentence naming it), change a
  duration's unit ("two days" -> "two weeks").
- Detected: the checked note has a new flag over the changed text (new = not among the
  untouched note's flags with the same kind, text and reason on an identical line); for a
  deleted medication, an omission naming it. "detected_as_kind" also needs the expected kind
  (number, drug, laterality, negation, unsupported, omission).
- False flag: any flag other than an omission on an untouched reference note.
  "false_flags_per_note_adjudicated" leaves out the flags that are right about the transcript:
  a number, or a finding named alone, that the dialogue never says in any spelling (checked by
  this file's own number speller). ACI-Bench notes were also written from the record (ages,
  vitals, results), which Scribe's drafts never see. Sentence flags are never adjudicated.

Dialogues 0-9 are the development split (thresholds and word lists were tuned on them), 10-19
are held out; both are reported separately.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import trust_reference
from desktop.asr.base import Segment
from desktop.trust import Flag, check
from desktop.trust.core import clear_cache, clear_sentence_cache
from desktop.trust.lexicon import fold, load_lexicon

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dialogues"
KINDS = (
    "dose",
    "drug_swap",
    "laterality",
    "negation",
    "invented",
    "deleted_medication",
    "invented_term",
    "repeated_sentence",
    "duration",
)
TERM_POOL = [
    "pneumonia",
    "migraine",
    "diabetes",
    "sinusitis",
    "asthma",
    "hypothyroidism",
    "cholecystitis",
    "pregnancy",
    "atrial fibrillation",
    "bronchitis",
]
SWAP_POOL = [
    "metoprolol",
    "atorvastatin",
    "omeprazole",
    "sertraline",
    "amoxicillin",
    "gabapentin",
    "warfarin",
    "levothyroxine",
    "losartan",
    "clopidogrel",
    "montelukast",
    "citalopram",
    "tamsulosin",
    "allopurinol",
    "pantoprazole",
]
DOSE = re.compile(r"\b(\d+(?:\.\d+)?)(\s*)(mg|mcg|milligrams?|g|ml|units?)\b", re.I)
SIDE = re.compile(r"\b(left|right)\b", re.I)
# Negated findings ("denies chest pain", "no fever", "negative for"), not negated verbs.
NEGATION = re.compile(r"\b(denies|no|negative for)\s+(?=[a-z])", re.I)
NEG_REPLACEMENT = {"denies": "reports ", "negative for": "positive for ", "without": "with "}
WORD = re.compile(r"[A-Za-z]+")


@dataclass
class Injected:
    note: str
    span: tuple[int, int]
    target: str = ""  # for a deleted medication: its canonical name


def segments_of(dialogue: str) -> list[Segment]:
    lines = [line for line in dialogue.splitlines() if line.strip()]
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]


def sentences(note: str) -> list[tuple[int, int]]:
    from desktop.trust.text import split_sentences

    return [(s.start, s.end) for s in split_sentences(note)]


def _replace(note: str, start: int, end: int, new: str) -> Injected:
    return Injected(note[:start] + new + note[end:], (start, start + len(new)))


def inject_dose(note: str, rng: random.Random, _: str, __: list[str]) -> Injected | None:
    sites = list(DOSE.finditer(note))
    if not sites:
        return None
    m = rng.choice(sites)
    value = float(m.group(1))
    new = value * rng.choice([2, 4, 0.5]) if value >= 2 else value + rng.choice([1, 2])
    text = f"{new:g}"
    return _replace(note, m.start(1), m.end(1), text)


def _drug_sites(note: str) -> list[tuple[re.Match[str], str]]:
    drugs = load_lexicon().drugs
    return [(m, drugs[fold(m.group())]) for m in WORD.finditer(note) if fold(m.group()) in drugs]


def inject_swap(note: str, rng: random.Random, _: str, __: list[str]) -> Injected | None:
    sites = _drug_sites(note)
    if not sites:
        return None
    m, canonical = rng.choice(sites)
    choice = rng.choice([d for d in SWAP_POOL if d != canonical])
    new = choice.capitalize() if m.group()[0].isupper() else choice
    return _replace(note, m.start(), m.end(), new)


def inject_side(note: str, rng: random.Random, _: str, __: list[str]) -> Injected | None:
    sites = list(SIDE.finditer(note))
    if not sites:
        return None
    m = rng.choice(sites)
    flipped = {"left": "right", "right": "left"}[m.group().lower()]
    new = flipped.capitalize() if m.group()[0].isupper() else flipped
    return _replace(note, m.start(), m.end(), new)


def inject_negation(note: str, rng: random.Random, _: str, __: list[str]) -> Injected | None:
    sites = list(NEGATION.finditer(note))
    if not sites:
        return None
    m = rng.choice(sites)
    cue = m.group(1)
    new = NEG_REPLACEMENT.get(cue.lower(), "")
    if cue[0].isupper():
        new = new.capitalize()
    changed = note[: m.start()] + new + note[m.end() :]
    end = changed.find(".", m.start())
    return Injected(changed, (m.start(), end if end > 0 else len(changed)))


def inject_sentence(note: str, rng: random.Random, _: str, others: list[str]) -> Injected | None:
    pool = [
        note_text[s:e]
        for note_text in others
        for s, e in sentences(note_text)
        if len(WORD.findall(note_text[s:e])) >= 8 and not note_text[s:e].isupper()
    ]
    pool = [p for p in pool if p not in note]
    ends = [e for _, e in sentences(note) if note[e - 1] == "."]
    if not pool or not ends:
        return None
    where = rng.choice(ends)
    text = " " + rng.choice(pool)
    return Injected(note[:where] + text + note[where:], (where + 1, where + len(text)))


def inject_deletion(note: str, rng: random.Random, dialogue: str, _: list[str]) -> Injected | None:
    said = fold(dialogue)
    sites = [(m, c) for m, c in _drug_sites(note) if fold(m.group()) in said]
    if not sites:
        return None
    canonical = rng.choice(sites)[1]
    drugs = load_lexicon().drugs
    kept = []
    for s, e in sentences(note):
        words = {drugs.get(fold(w)) for w in WORD.findall(note[s:e])}
        if canonical not in words:
            kept.append(note[s:e])
    return Injected("\n".join(kept), (0, 0), canonical)


def inject_term(note: str, rng: random.Random, dialogue: str, _: list[str]) -> Injected | None:
    """ "..., consistent with pneumonia." added to a sentence whose other words were said: a
    diagnosis nobody made (issue 25's "enceinte")."""
    said = fold(dialogue)
    pool = [t for t in TERM_POOL if t.split()[0][:5] not in said]
    ends = [e for s, e in sentences(note) if note[e - 1] == "." and e - s > 20]
    if not pool or not ends:
        return None
    where = rng.choice(ends) - 1
    text = f", consistent with {rng.choice(pool)}"
    return Injected(note[:where] + text + note[where:], (where + 2, where + len(text)))


def inject_repeat(note: str, rng: random.Random, _: str, __: list[str]) -> Injected | None:
    """A sentence of 5+ words written again at the end of a later line (a model looping)."""
    spans = [(s, e) for s, e in sentences(note) if len(WORD.findall(note[s:e])) >= 5]
    if len(spans) < 2:
        return None
    s, e = rng.choice(spans[:-1])
    later = [end for _, end in spans if end > e]
    where = rng.choice(later)
    text = " " + note[s:e]
    return Injected(note[:where] + text + note[where:], (where + 1, where + len(text)))


_NUMBER_WORD = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze"
)
DURATION = re.compile(
    rf"\b(?:{_NUMBER_WORD})[\s-]+(days?|weeks?|months?|years?|jours?|semaines?|mois|ans)\b"
    r"(?![\s-]+(?:old|of age))",
    re.I,
)
OTHER_UNIT = {
    "day": "week",
    "days": "weeks",
    "week": "month",
    "weeks": "months",
    "month": "year",
    "months": "years",
    "year": "month",
    "years": "months",
    "jour": "semaine",
    "jours": "semaines",
    "semaine": "mois",
    "semaines": "mois",
    "mois": "semaines",
    "ans": "mois",
}


def inject_duration(note: str, rng: random.Random, _: str, __: list[str] = ()) -> Injected | None:
    """A duration's unit changed, its number kept: "two days" -> "two weeks", "3 mois" ->
    "3 semaines" (issue 25: durations and number words are compared like digits). Ages
    ("45-year-old") are left alone."""
    sites = [m for m in DURATION.finditer(note) if m.group(1).lower() in OTHER_UNIT]
    if not sites:
        return None
    m = rng.choice(sites)
    unit = m.group(1)
    new = OTHER_UNIT[unit.lower()]
    new = new.capitalize() if unit[0].isupper() else new
    changed = note[: m.start(1)] + new + note[m.end(1) :]
    return Injected(changed, (m.start(), m.start(1) + len(new)))


INJECTORS: dict[str, Callable[[str, random.Random, str, list[str]], Injected | None]] = {
    "dose": inject_dose,
    "drug_swap": inject_swap,
    "laterality": inject_side,
    "negation": inject_negation,
    "invented": inject_sentence,
    "deleted_medication": inject_deletion,
    "invented_term": inject_term,
    "repeated_sentence": inject_repeat,
    "duration": inject_duration,
}
EXPECTED = {
    "dose": "number",
    "drug_swap": "drug",
    "laterality": "laterality",
    "negation": "negation",
    "invented": "unsupported",
    "deleted_medication": "omission",
    "invented_term": "term",
    "repeated_sentence": "repeated",
    "duration": "number",
}


DEFINITION = {
    "detected": "a new flag (kind, text, reason or line differ from the untouched note's) over "
    "the changed text; for a deleted medication an omission naming it",
    "detected_as_kind": "detected by a flag of the expected kind: dose->number, "
    "drug_swap->drug, laterality->laterality, negation->negation, invented->unsupported, "
    "deleted_medication->omission, invented_term->term (', consistent with <diagnosis never "
    "said>' added to a sentence), repeated_sentence->repeated (a sentence of 5+ words "
    "written again later), duration->number (a duration's unit changed, its number kept: "
    "'two days' -> 'two weeks'; ages left alone)",
    "false_flag": "any non-omission flag on an untouched reference note",
    "false_flag_adjudicated": "a false flag unless it is a number or a lone finding word that "
    "the dialogue never says in any spelling (the reference notes also draw on the record)",
    "invented_pool_detected_as_kind": "extra figure: every distinct sentence the invented "
    "injector could draw for a note (another note's sentence of 8+ words), checked alone "
    "against the dialogue; share flagged unsupported (the injections sample 5 per note)",
    "splits": "dev = dialogues 0-9 (tuning), heldout = 10-19",
}


def _key(f: Flag, note: str) -> tuple[str, str, str, str]:
    """A flag is the same as an untouched note's flag when its kind, text and reason are the
    same and it sits on an identical line (so a new reason on a changed line is new)."""
    line = ""
    if f.note_span:
        start = note.rfind("\n", 0, f.note_span[0]) + 1
        end = note.find("\n", f.note_span[1])
        line = note[start : end if end >= 0 else len(note)]
    return (f.kind, f.text, f.reason, line)


def detected(
    kind: str, inj: Injected, flags: list[Flag], baseline: set[tuple[str, str, str, str]]
) -> tuple[bool, bool]:
    """(caught by any new flag, caught by a flag of the expected kind)."""
    if kind == "deleted_medication":
        drugs = load_lexicon().drugs
        hits = [f for f in flags if f.kind == "omission" and drugs.get(fold(f.text)) == inj.target]
        return bool(hits), bool(hits)
    s, e = inj.span
    new = [
        f
        for f in flags
        if f.note_span
        and _key(f, inj.note) not in baseline
        and f.note_span[0] < e
        and f.note_span[1] > s
    ]
    return bool(new), any(f.kind == EXPECTED[kind] for f in new)


_ONES = [
    *(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    ),
    *(["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]),
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_100(n: int) -> str:
    if n < 20:
        return _ONES[n]
    return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])


def spellings(value: float) -> set[str]:
    """Ways a number may be said in English ("140": "one hundred and forty", "one forty"),
    written independently of the checker's parser, to adjudicate its number flags."""
    if not value.is_integer():
        whole, frac = f"{value:g}".split(".")
        tail = " ".join(_ONES[int(d)] for d in frac)
        out = {f"{w}{sep}{tail}" for w in spellings(float(whole)) for sep in (" point ", " . ")}
        return out | {f"{value:g}"} | ({"half"} if value == 0.5 else set())
    n = int(value)
    out = {str(n)}
    if n < 100:
        return out | {_below_100(n)}
    if n < 1000:
        h, r = divmod(n, 100)
        leads = {f"{_ONES[h]} hundred"} | ({"a hundred"} if h == 1 else set())
        if r == 0:
            return out | leads
        out |= {f"{lead}{sep}{_below_100(r)}" for lead in leads for sep in (" ", " and ")}
        return out | ({f"{_ONES[h]} {_below_100(r)}"} if r >= 10 else set())  # "one forty"
    if n < 10_000:
        th, r = divmod(n, 1000)
        lead = f"{_ONES[th]} thousand"
        out |= (
            {lead}
            if r == 0
            else {f"{lead}{sep}{w}" for w in spellings(float(r)) for sep in (" ", " and ")}
        )
        if n % 100 == 0:
            out.add(f"{_below_100(n // 100)} hundred")  # "fifteen hundred"
        elif r >= 10:
            out.add(f"{_below_100(n // 100)} {_below_100(n % 100)}")  # "twenty twenty two"
    return out


def said_anywhere(text: str, dialogue: str) -> bool:
    """Whether a flagged number or word occurs anywhere in the dialogue, in any spelling."""
    said = " " + re.sub(r"[^a-z0-9.]+", " ", fold(dialogue)) + " "
    token = text.split()[0] if text.split() else text
    try:
        value = float(token)
    except ValueError:
        return fold(token)[:5] in said
    return any(f" {s} " in said for s in spellings(value))


def justified(f: Flag, dialogue: str) -> bool:
    """A flag on an untouched reference note that is right about the transcript: a number, or a
    finding named alone, that the dialogue never says in any spelling. ACI-Bench notes were
    also written from the patient's record (ages, vitals, results) that Scribe's drafts never
    see, so for Scribe such content is unsupported. Sentence-level flags are not adjudicated.
    A finding never mentioned is flagged as a likely lost "no" (kind negation, "never mentions"):
    it is the same lone finding word, so it is adjudicated the same way. An age (kind age) is
    adjudicated as its number."""
    if f.kind == "number" and f.reason.startswith("The number"):
        return not said_anywhere(f.text, dialogue)
    if f.kind == "age":  # "61-year-old": is the number said anywhere, in any spelling?
        return not said_anywhere(re.split(r"[\s-]", f.text)[0], dialogue)
    if f.kind == "term":  # a condition, diagnosis or vital sign: is it anywhere, in any form?
        return not any(said_anywhere(w, dialogue) for w in f.text.split())
    lone_finding = f.kind == "unsupported" or "never mentions" in f.reason
    if f.kind in ("unsupported", "negation") and lone_finding and f.text.isalpha():
        return not said_anywhere(f.text, dialogue)
    return False


def _timed(note: str, segs: list[Segment]) -> tuple[list[Flag], float]:
    t = time.perf_counter()
    report = check(note, segs, language="en")
    return report.flags, (time.perf_counter() - t) * 1000


def run_dialogue(i: int, item: dict, notes: list[str], out: dict, reps: int) -> None:
    note, segs = item["reference_note"], segments_of(item["dialogue"])
    clear_cache()
    flags, cold_ms = _timed(note, segs)
    # Medians of 5 (the machine is shared; one run is noisy). "edit": one word typed into one
    # sentence (the others are cached); "full": a new note on the same transcript.
    edits = []
    for k in range(1, 6):
        at = note.find(" ", len(note) * k // 6)
        edits.append(_timed(note[:at] + " x" + note[at:], segs)[1])
    full = []
    for k in range(1, 6):
        clear_sentence_cache()
        full.append(_timed(note + " " * k, segs)[1])
    out["timing_ms"].append(
        {"cold": cold_ms, "warm": statistics.median(edits), "full": statistics.median(full)}
    )
    false = [f for f in flags if f.kind != "omission"]
    right = [f for f in false if justified(f, item["dialogue"])]
    out["false_flags"].append(
        {
            "dialogue": i,
            "count": len(false),
            "justified": len(right),
            "justified_examples": [f"{f.kind}: {f.text[:70]}" for f in right],
            "omissions": len(flags) - len(false),
            "by_kind": _count(f.kind for f in false),
            "examples": [f"{f.kind}: {f.text[:70]} | {f.reason}" for f in flags],
        }
    )
    baseline = {_key(f, note) for f in flags}
    others = [n for j, n in enumerate(notes) if j != i]
    out["invented_pool"].append({"dialogue": i, **invented_pool(note, segs, others)})
    for kind, inject in INJECTORS.items():
        seen: set[str] = set()
        for rep in range(reps):
            rng = random.Random(f"{i}-{kind}" if rep == 0 else f"{i}-{kind}-{rep}")
            inj = inject(note, rng, item["dialogue"], others)
            if inj is None or inj.note in seen:
                continue
            seen.add(inj.note)
            got, _ = _timed(inj.note, segs)
            anyk, as_kind = detected(kind, inj, got, baseline)
            out["injections"].append(
                {
                    "dialogue": i,
                    "kind": kind,
                    "rep": rep,
                    "detected": anyk,
                    "detected_as_kind": as_kind,
                    "changed": inj.note[inj.span[0] : inj.span[1]][:80] or inj.target,
                }
            )


def invented_pool(note: str, segs: list[Segment], others: list[str]) -> dict[str, int]:
    """Every sentence the invented-sentence injector could draw for this note, each checked
    alone against the dialogue: how many are flagged unsupported. A steadier figure than the
    few sampled injections (same eligibility rule; the unsupported judgement of a sentence does
    not depend on its neighbours)."""
    pool = {
        n[s:e]
        for n in others
        for s, e in sentences(n)
        if len(WORD.findall(n[s:e])) >= 8 and not n[s:e].isupper() and n[s:e] not in note
    }
    flagged = sum(
        any(f.kind == "unsupported" for f in check(text, segs, language="en").flags)
        for text in sorted(pool)
    )
    return {"n": len(pool), "flagged": flagged}


def _count(kinds) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in kinds:
        out[k] = out.get(k, 0) + 1
    return out


def summarise(raw: dict, ids: set[int]) -> dict:
    inj = [r for r in raw["injections"] if r["dialogue"] in ids]
    per_kind = {}
    for kind in KINDS:
        rows = [r for r in inj if r["kind"] == kind]
        if rows:
            per_kind[kind] = {
                "n": len(rows),
                "detected": round(sum(r["detected"] for r in rows) / len(rows), 3),
                "detected_as_kind": round(sum(r["detected_as_kind"] for r in rows) / len(rows), 3),
            }
    ff = [r for r in raw["false_flags"] if r["dialogue"] in ids]
    pool = [r for r in raw["invented_pool"] if r["dialogue"] in ids]
    return {
        "dialogues": len(ff),
        "detection": per_kind,
        "invented_pool_detected_as_kind": round(
            sum(r["flagged"] for r in pool) / max(sum(r["n"] for r in pool), 1), 3
        ),
        "false_flags_per_note": round(statistics.mean(r["count"] for r in ff), 2),
        "false_flags_per_note_adjudicated": round(
            statistics.mean(r["count"] - r["justified"] for r in ff), 2
        ),
        "false_flags_by_kind": _count(
            k for r in ff for k, n in r["by_kind"].items() for _ in range(n)
        ),
        "omissions_per_untouched_note": round(statistics.mean(r["omissions"] for r in ff), 2),
    }


def french_sanity(path: Path) -> dict:
    """The French dialogues have no notes: take each dialogue's statements (turns that are not
    questions and do not open with a yes or no, which only make sense after their question) as
    a verbatim "note": it must raise no number, drug, laterality or negation flag. Also lists
    the drugs found, to eyeball the French drug extraction."""
    from desktop.trust.analysis import analyse, answer_of
    from desktop.trust.index import build_index
    from desktop.trust.text import tokenize

    lexicon = load_lexicon()
    flagged: dict[str, int] = {}
    drugs: set[str] = set()
    total = sentences_checked = 0
    for item in json.loads(path.read_text(encoding="utf-8")):
        segs = [Segment(float(k), float(k + 1), t["text"]) for k, t in enumerate(item["turns"])]
        statements = []
        for t in item["turns"]:
            unit = analyse(tokenize(t["text"], "fr"), 0, len(t["text"]), lexicon)
            if not unit.question and answer_of(unit, lexicon) is None:
                statements.append(t["text"])
        report = check("\n".join(statements), segs, language="auto")
        for f in report.flags:
            if f.kind in {"number", "drug", "laterality", "negation"}:
                flagged[f.kind] = flagged.get(f.kind, 0) + 1
        total += 1
        sentences_checked += len(report.sentences)
        drugs |= set(build_index(tuple(segs), report.language, lexicon).drugs)
    return {
        "dialogues": total,
        "statement_sentences": sentences_checked,
        "risk_flags_per_dialogue": round(sum(flagged.values()) / total, 2),
        "risk_flags_by_kind": flagged,
        "drugs_found": sorted(drugs),
    }


def _loadavg() -> str:
    """The machine's load when the timings were taken (they are noisy on a shared machine)."""
    try:
        return Path("/proc/loadavg").read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"


def main() -> None:
    from bench.trust_french import french_injections  # imports this file as bench.trust

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--reps",
        type=int,
        default=5,
        help="injections tried per kind and note (distinct seeds; identical results counted once)",
    )
    parser.add_argument("--details", action="store_true", help="include every flag and injection")
    args = parser.parse_args()
    items = json.loads((args.data / "aci_bench_valid.json").read_text(encoding="utf-8"))
    notes = [it["reference_note"] for it in items]
    raw: dict = {"timing_ms": [], "false_flags": [], "injections": [], "invented_pool": []}
    for i, item in enumerate(items):
        run_dialogue(i, item, notes, raw, args.reps)
    n = len(items)
    result = {
        "loadavg": _loadavg(),
        "definition": DEFINITION,
        "all": summarise(raw, set(range(n))),
        "dev_0_9": summarise(raw, set(range(min(10, n)))),
        "heldout_10_19": summarise(raw, set(range(10, n))),
        "check_ms": {
            "edit_recheck_mean": round(statistics.mean(t["warm"] for t in raw["timing_ms"]), 1),
            "edit_recheck_max": round(max(t["warm"] for t in raw["timing_ms"]), 1),
            "full_note_mean": round(statistics.mean(t["full"] for t in raw["timing_ms"]), 1),
            "full_note_max": round(max(t["full"] for t in raw["timing_ms"]), 1),
            "cold_mean": round(statistics.mean(t["cold"] for t in raw["timing_ms"]), 1),
        },
        "french": french_sanity(args.data / "french_consultations_dev.json"),
        "reference_notes": {
            "definition": "every flag the checker raises on a human-written note, per note, by "
            "kind and severity (red: number, drug, laterality, negation, allergy, term, "
            "placeholder; amber: unsupported, age, repeated; grey: omission). Targets: <= 1 flag "
            "in total and <= 0.3 red per note",
            "en_aci_bench": trust_reference.aci(items, segments_of),
            "en_mts_dialog": trust_reference.mts(args.data / "mts_dialog_valid.csv"),
            "fr_written_by_team": trust_reference.french(
                args.data / "french_consultations_dev.json"
            ),
        },
        "french_injections": french_injections(args.data / "french_consultations_dev.json"),
    }
    if args.details:
        result["raw"] = raw
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
