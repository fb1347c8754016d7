"""The checker's precision on human-written notes: flags per reference note, by kind and by
severity (red, amber, grey), in English (ACI-Bench full notes, MTS-Dialog section notes) and
French (notes written by the team from LabForSims2 dialogues: bench/data/).

A reference note is right about its consultation, or nearly (ACI-Bench and MTS-Dialog notes
also draw on the record: ages, vitals, results), so every flag on it is a candidate false flag.
Used by bench/trust.py; the severity of a kind is stated here (not read from the checker) so
that this file measures older code the same way.
"""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from desktop.asr.base import Segment
from desktop.trust import Flag, check

# As desktop.trust.model.SEVERITY since session 11: a repeated sentence is amber (a fault of the
# writing, not a fact at odds with the consultation; the repair still removes it).
RED_KINDS = frozenset(
    {"number", "drug", "laterality", "negation", "allergy", "term", "placeholder"}
)
FRENCH_NOTES = Path(__file__).resolve().parent / "data" / "french_reference_notes.json"


def severity(f: Flag) -> str:
    if f.kind == "omission":
        return "grey"
    return "red" if f.kind in RED_KINDS else "amber"


def lines_to_segments(lines: Iterable[str]) -> list[Segment]:
    kept = [line.strip() for line in lines if line.strip()]
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(kept)]


def per_note(pairs: list[tuple[str, str, list[Segment]]], language: str) -> dict:
    """pairs: (id, note, transcript). Means per note, by kind and severity, and examples.
    "red_per_note_adjudicated" leaves out the red flags bench/trust.py's ``justified`` finds
    right about the transcript (a number or a term said nowhere in the dialogue in any
    spelling: the reference notes also draw on the patient's record)."""
    from bench.trust import justified

    rows = []
    right = 0
    for ident, note, segs in pairs:
        flags = check(note, segs, language=language).flags
        rows.append((ident, flags))
        dialogue = "\n".join(s.text for s in segs)
        right += sum(severity(f) == "red" and justified(f, dialogue) for f in flags)
    n = max(len(rows), 1)
    kinds: Counter[str] = Counter(f.kind for _, fl in rows for f in fl)
    sev: Counter[str] = Counter(severity(f) for _, fl in rows for f in fl)
    return {
        "notes": len(rows),
        "flags_per_note": round(sum(len(fl) for _, fl in rows) / n, 2),
        "red_per_note": round(sev["red"] / n, 2),
        "red_per_note_adjudicated": round((sev["red"] - right) / n, 2),
        "amber_per_note": round(sev["amber"] / n, 2),
        "omissions_per_note": round(sev["grey"] / n, 2),
        "max_omissions_on_a_note": max(
            (sum(f.kind == "omission" for f in fl) for _, fl in rows), default=0
        ),
        "by_kind_per_note": {k: round(v / n, 2) for k, v in sorted(kinds.items())},
        "median_flags": statistics.median(len(fl) for _, fl in rows) if rows else 0,
        "examples": [
            f"{ident} {f.kind}: {f.text[:70]} | {f.reason[:90]}" for ident, fl in rows for f in fl
        ],
    }


def aci(items: list[dict], segments_of) -> dict:
    pairs = [
        (str(i), it["reference_note"], segments_of(it["dialogue"])) for i, it in enumerate(items)
    ]
    return per_note(pairs, "en")


def mts(path: Path) -> dict:
    """MTS-Dialog: 100 short dialogues, each with one section of a note (a note section the
    team never tuned on)."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    pairs = [
        (
            f"{r['ID']}:{r['section_header']}",
            r["section_text"],
            lines_to_segments(r["dialogue"].splitlines()),
        )
        for r in rows
    ]
    return per_note(pairs, "en")


def french(dialogues: Path, notes: Path = FRENCH_NOTES) -> dict:
    """The team's French notes: 'dev' (read while tuning the French word lists), 'heldout'
    (written before, never tuned on until session 10 read its flags) and 'fresh' (written in
    session 10 before the checker ran on them), reported apart and together."""
    data = json.loads(notes.read_text(encoding="utf-8"))
    items = {it["id"]: it for it in json.loads(dialogues.read_text(encoding="utf-8"))}

    def pairs(written: dict[str, str]) -> list[tuple[str, str, list[Segment]]]:
        return [
            (ident, note, lines_to_segments(t["text"] for t in items[ident]["turns"]))
            for ident, note in written.items()
        ]

    every = {**data["notes"], **data.get("heldout", {}), **data.get("fresh", {})}
    return {
        "all": per_note(pairs(every), "fr"),
        "dev": per_note(pairs(data["notes"]), "fr"),
        "heldout": per_note(pairs(data.get("heldout", {})), "fr"),
        "fresh": per_note(pairs(data.get("fresh", {})), "fr"),
    }
