"""Benchmark of revising by asking (desktop.notes.revise) on drafted ACI-Bench notes.

    # 1. draft the notes once (cached outside the repo), built-in model:
    .venv/bin/python bench/draft.py --languages en --no-thin --limit 6 --out /tmp/drafts.json
    # 2. revise each with every instruction of bench/revise_cases.py:
    .venv/bin/python bench/revise.py --drafts /tmp/drafts.json --notes 5 --json-out /tmp/rev.json
    .venv/bin/python bench/revise.py ... --backend custom --base-url URL --model M

The checks (bench/revise_cases.py) were written before the first run. Reported: pass rate per kind
and overall; "untouched": for section-scoped instructions, the share where no other section
changed; time to the highlighted change (the revision complete and diffed; what the doctor waits
for) p50/p95 overall and for one-section instructions (a section rewritten, or one sentence
added to it); time to the first streamed chunk; chunks streamed (llama.cpp streams one token per
chunk: tokens generated); the load average. A case that needs a dose is not run on a note
without one ("n/a"). Failures of the backend count as fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from revise_cases import CASES, Case, Note, dose_sections, fill_for, others_unchanged  # noqa: E402

from desktop.cancel import CancelToken  # noqa: E402
from desktop.config import NotesSettings  # noqa: E402
from desktop.errors import ScribeError  # noqa: E402
from desktop.notes.local_server import LocalServerWriter  # noqa: E402
from desktop.notes.registry import create_writer  # noqa: E402
from desktop.notes.revise import Revision, RevisionRequest, revise_job  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.transcript_file import parse_transcript  # noqa: E402

_DIALOGUES = Path("shared") / "data" / "dialogues" / "aci_bench_valid.json"
DATA = next((p / _DIALOGUES for p in ROOT.parents if (p / _DIALOGUES).exists()), _DIALOGUES)


def load_notes(drafts: Path, data: Path, limit: int) -> list[Note]:
    """The drafted English notes of a ``bench/draft.py --out`` file: its ``per_note`` rows (the
    note the doctor sees, after repair), or an older file's ``per_dialogue`` drafts."""
    saved = json.loads(drafts.read_text(encoding="utf-8"))
    if "per_note" in saved:
        cached = [
            {"encounter_id": r["id"], "draft": r["after_text"]}
            for r in saved["per_note"]
            if r.get("kind") == "consultation" and r.get("language") == "en"
        ]
    else:
        cached = saved["per_dialogue"]
    dialogues = {d["encounter_id"]: d for d in json.loads(data.read_text(encoding="utf-8"))}
    notes = []
    for item in cached[:limit]:
        dialogue = dialogues[item["encounter_id"]]["dialogue"]
        notes.append(Note(item["encounter_id"], item["draft"], parse_transcript(dialogue)))
    return notes


def run_one(writer, note: Note, case: Case) -> dict[str, object]:  # type: ignore[no-untyped-def]
    fill = fill_for(note) or {}
    instruction = case.instruction.format(**fill) if case.needs_dose else case.instruction
    target = dose_sections(note, fill["old"]) if case.needs_dose else case.section
    request = RevisionRequest(
        document=note.text, instruction=instruction,
        transcript="\n".join(s.text for s in note.transcript), note_language="en",
    )  # fmt: skip
    start = time.monotonic()
    first = None
    row: dict[str, object] = {"note": note.id, "kind": case.kind, "instruction": instruction}
    job = revise_job(writer, request, cancel=CancelToken())
    try:
        while True:
            item = next(job)
            if first is None and isinstance(item, str):
                first = time.monotonic() - start
    except StopIteration as end:
        revision = end.value
    except ScribeError as exc:
        return {**row, "passed": False, "error": str(exc), "seconds": time.monotonic() - start}
    assert isinstance(revision, Revision)
    untouched = others_unchanged(note.text, revision.new, target) if target else None
    passed = case.check(note, revision.new, fill) and untouched is not False
    return {
        **row, "passed": passed, "untouched": untouched, "scope": revision.plan.scope,
        "sent": list(revision.plan.titles), "mechanical": revision.plan.mechanical,
        "seconds": round(time.monotonic() - start, 2),
        "first_chunk_s": round(first, 2) if first is not None else None,
        "chunks": revision.chunks, "new": revision.new,
    }  # fmt: skip


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def summary(rows: list[dict[str, object]]) -> dict[str, object]:
    kinds = sorted({str(r["kind"]) for r in rows})
    per_kind = {
        k: f"{sum(bool(r['passed']) for r in rows if r['kind'] == k)}/"
        f"{sum(r['kind'] == k for r in rows)}"
        for k in kinds
    }
    timed = [float(r["seconds"]) for r in rows if "error" not in r]  # type: ignore[arg-type]
    section = [
        float(r["seconds"])
        for r in rows  # type: ignore[arg-type]
        if r.get("scope") in ("section", "insert") and not r.get("mechanical")
    ]
    scoped = [r for r in rows if r.get("untouched") is not None]
    return {
        "revisions": len(rows),
        "passed": sum(bool(r["passed"]) for r in rows),
        "pass_rate": round(sum(bool(r["passed"]) for r in rows) / max(len(rows), 1), 3),
        "per_kind": per_kind,
        "untouched_rate": round(sum(bool(r["untouched"]) for r in scoped) / max(len(scoped), 1), 3),
        "errors": sum("error" in r for r in rows),
        "time_to_change_s": {"p50": pct(timed, 0.5), "p95": pct(timed, 0.95)},
        "one_section_model_time_s": {"p50": pct(section, 0.5), "p95": pct(section, 0.95)},
        "chunks_total": sum(int(r.get("chunks") or 0) for r in rows),  # type: ignore[call-overload]
        "chunks_mean": round(statistics.fmean(int(r.get("chunks") or 0) for r in rows), 1)  # type: ignore[call-overload]
        if rows
        else 0,
    }


def make_writer(args: argparse.Namespace, paths: AppPaths):  # type: ignore[no-untyped-def]
    if args.backend == "builtin":
        return LocalServerWriter(paths=paths, threads=args.threads, max_tokens=args.max_tokens)
    settings = NotesSettings(preset=args.backend, base_url=args.base_url, model=args.model)
    return create_writer(settings, api_key=None, paths=paths)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=Path, required=True, help="bench/draft.py --out file")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--notes", type=int, default=5)
    parser.add_argument("--kinds", nargs="*", help="only these kinds")
    parser.add_argument(
        "--whole-notes", type=int, default=0, help="whole-document cases on only N notes (0: all)"
    )
    parser.add_argument("--cases", type=int, default=0, help="only the first N cases of each kind")
    parser.add_argument("--backend", default="builtin")
    parser.add_argument("--base-url", default="")
    parser.add_argument("--model", default="")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--max-tokens", type=int, default=1200)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    paths = AppPaths.from_env()
    paths.ensure()
    notes = load_notes(args.drafts, args.data, args.notes)
    cases = [c for c in CASES if not args.kinds or c.kind in args.kinds]
    if args.cases:
        cases = [c for c in cases if [d for d in cases if d.kind == c.kind].index(c) < args.cases]
    writer = make_writer(args, paths)
    load_start = os.getloadavg()[0]
    started = time.monotonic()
    for _ in writer.prepare(CancelToken()):
        pass
    rows = []
    skipped = 0
    try:
        for case in cases:
            for n, note in enumerate(notes):
                if case.section is None and args.whole_notes and n >= args.whole_notes:
                    continue
                if case.needs_dose and fill_for(note) is None:
                    skipped += 1
                    continue
                row = run_one(writer, note, case)
                print(json.dumps({k: v for k, v in row.items() if k != "new"}), file=sys.stderr,
                      flush=True)  # fmt: skip
                rows.append(row)
    finally:
        writer.close()
    result = {
        "backend": writer.name, "model": writer.model, "notes": len(notes), "cases": len(cases),
        "not_applicable": skipped, "wall_s": round(time.monotonic() - started, 1),
        "loadavg_1min_at_start": round(load_start, 2),
        "loadavg_1min_at_end": round(os.getloadavg()[0], 2),
        **summary(rows), "rows": rows,
    }  # fmt: skip
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=2))
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
