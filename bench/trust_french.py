"""French recall: errors injected into the team's French reference notes (bench/data/), caught
or not by the checker, per kind. The French counterpart of bench/trust.py's ACI-Bench
injections (same rule: a new flag over the changed text, of the expected kind)."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from bench.trust import Injected, _key, detected, inject_duration, sentences
from bench.trust_reference import FRENCH_NOTES, lines_to_segments
from desktop.trust import check
from desktop.trust.lexicon import fold

NUMBER = re.compile(r"\b\d+\b")
NEGATED = re.compile(r"\b([Pp]as d['’]|[Pp]as de |[Ss]ans |[Nn]i de )(?=\w)")
SIDE = re.compile(r"\b(droite|gauche)\b")
DRUG = re.compile(r"\b(Doliprane|paracétamol)\b", re.IGNORECASE)
TERMS = ["pneumopathie", "cholécystite", "pancréatite", "appendicite", "grossesse", "migraine"]


def _number(note: str, rng: random.Random, said: str) -> Injected | None:
    sites = [m for m in NUMBER.finditer(note) if not 1900 <= int(m.group()) <= 2100]
    if not sites:
        return None
    m = rng.choice(sites)
    value = int(m.group())
    new = next(str(v) for v in (value * 2, value + 3, value + 7, value * 5) if str(v) not in said)
    return Injected(note[: m.start()] + new + note[m.end() :], (m.start(), m.start() + len(new)))


def _negation(note: str, rng: random.Random, _: str) -> Injected | None:
    sites = list(NEGATED.finditer(note))
    if not sites:
        return None
    m = rng.choice(sites)
    changed = note[: m.start()] + note[m.end() :]
    end = changed.find(".", m.start())
    return Injected(changed, (m.start(), end if end > 0 else len(changed)))


def _side(note: str, rng: random.Random, _: str) -> Injected | None:
    sites = list(SIDE.finditer(note))
    if not sites:
        return None
    m = rng.choice(sites)
    new = "gauche" if m.group() == "droite" else "droite"
    return Injected(note[: m.start()] + new + note[m.end() :], (m.start(), m.start() + len(new)))


def _drug(note: str, rng: random.Random, _: str) -> Injected | None:
    sites = list(DRUG.finditer(note))
    if not sites:
        return None
    m = rng.choice(sites)
    new = rng.choice(["ibuprofène", "tramadol", "oméprazole"])
    return Injected(note[: m.start()] + new + note[m.end() :], (m.start(), m.start() + len(new)))


def _term(note: str, rng: random.Random, said: str) -> Injected | None:
    pool = [t for t in TERMS if fold(t)[:6] not in said]
    ends = [e for s, e in sentences(note) if note[e - 1] == "." and e - s > 20]
    if not pool or not ends:
        return None
    where = rng.choice(ends) - 1
    text = f", compatible avec une {rng.choice(pool)}"
    return Injected(note[:where] + text + note[where:], (where + 2, where + len(text)))


def _repeat(note: str, rng: random.Random, _: str) -> Injected | None:
    # 6+ words besides a leading "Label :" (a short line repeated is a set phrase by design)
    spans = [(s, e) for s, e in sentences(note) if len(note[s:e].split(":")[-1].split()) >= 6]
    if len(spans) < 2:
        return None
    s, e = rng.choice(spans[:-1])
    where = rng.choice([end for _, end in spans if end > e])
    text = " " + note[s:e]
    return Injected(note[:where] + text + note[where:], (where + 1, where + len(text)))


INJECTORS: dict[str, Callable[[str, random.Random, str], Injected | None]] = {
    "dose": _number,
    "drug_swap": _drug,
    "laterality": _side,
    "negation": _negation,
    "invented_term": _term,
    "repeated_sentence": _repeat,
    "duration": inject_duration,
}


def french_injections(dialogues: Path, notes: Path = FRENCH_NOTES, reps: int = 5) -> dict:
    data = json.loads(notes.read_text(encoding="utf-8"))
    written = {**data["notes"], **data.get("heldout", {})}
    items = {it["id"]: it for it in json.loads(dialogues.read_text(encoding="utf-8"))}
    rows: dict[str, list[bool]] = {k: [] for k in INJECTORS}
    for ident, note in written.items():
        turns = [t["text"] for t in items[ident]["turns"]]
        segs, said = lines_to_segments(turns), fold(" ".join(turns))
        baseline = {_key(f, note) for f in check(note, segs, language="fr").flags}
        for kind, inject in INJECTORS.items():
            seen: set[str] = set()
            for rep in range(reps):
                inj = inject(note, random.Random(f"{ident}-{kind}-{rep}"), said)
                if inj is None or inj.note in seen:
                    continue
                seen.add(inj.note)
                flags = check(inj.note, segs, language="fr").flags
                rows[kind].append(detected(kind, inj, flags, baseline)[1])
    return {
        k: {"n": len(v), "detected_as_kind": round(sum(v) / len(v), 3) if v else None}
        for k, v in rows.items()
    }
