"""Benchmark drafting, with the repair before display side by side: English (ACI-Bench dialogues,
with reference notes) and French (LabForSims consultations, no reference notes), reported apart,
plus the thin-transcript cases (a one-line complaint; nothing clinical at all).

    .venv/bin/python bench/draft.py --limit 5                # built-in model, EN + FR + thin cases
    .venv/bin/python bench/draft.py --limit 5 --no-repair    # the first draft only
    .venv/bin/python bench/draft.py --backend custom --base-url http://127.0.0.1:8080/v1 --model M

One draft per consultation: its first version is measured "before", the repaired one "after"
(the repair never changes how the first draft is written, so this is the same as two runs with
and without repair, at half the cost). Per note and per language: red flags, amber unsupported
sentences stating a clinical fact, numbers the consultation never says, repeated lines, invented
vital signs / exam findings / conditions, ROUGE-1/2/Lsum (x100, ``rouge-score``, no stemming; EN
only) and the share of the reference's clinical terms and numbers (those the consultation said)
the draft holds (EN only), draft time, repair time and its share of the draft's, and the extra
streamed chunks of the repair (llama.cpp streams one token per chunk). The load average is
recorded (shared machine).
Prints one JSON line per note on stderr and a JSON summary on stdout (also to --out).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Generator
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.draft_quality import coverage, measure, rouge, said_values, segments_of  # noqa: E402
from desktop.cancel import CancelToken  # noqa: E402
from desktop.config import NotesSettings  # noqa: E402
from desktop.document_format import clean_markdown  # noqa: E402
from desktop.notes.base import DraftRequest, NoteError, NoteWriter  # noqa: E402
from desktop.notes.local_server import LocalServerWriter  # noqa: E402
from desktop.notes.registry import create_writer  # noqa: E402
from desktop.notes.templates import find_template, load_templates  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.progress import CHECKING_DRAFT, Progress  # noqa: E402
from desktop.session.repair import Repaired, RepairResult, draft_and_repair  # noqa: E402

# ../shared/data from the main checkout, ../../shared/data from a worktree under /work/wt
DATA = (
    next(
        (p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    / "data"
    / "dialogues"
)
THIN = {
    "en": [
        ("thin_complaint", "Doctor: hello.\nPatient: I have a headache since two days."),
        (
            "nothing_clinical",
            "And so my fellow Americans, ask not what your country can do for you, ask what "
            "you can do for your country.",
        ),
    ],
    "fr": [
        ("thin_complaint", "Médecin : bonjour.\nPatient : j'ai mal à la tête depuis deux jours."),
        ("nothing_clinical", "Un, deux, trois, test du micro. Vous m'entendez bien ?"),
    ],
}


def english(limit: int, offset: int) -> list[tuple[str, str, str]]:
    items = json.loads((DATA / "aci_bench_valid.json").read_text(encoding="utf-8"))
    return [(i["encounter_id"], i["dialogue"], i["reference_note"]) for i in items[offset:][:limit]]


def french(limit: int, offset: int) -> list[tuple[str, str, str]]:
    items = json.loads((DATA / "french_consultations_dev.json").read_text(encoding="utf-8"))
    label = {"doctor": "Médecin", "patient": "Patient"}
    out = []
    for item in items[offset:][:limit]:
        lines = [
            f"{label.get(t['speaker'], t['speaker'])} : {' '.join(t['text'].split())}"
            for t in item["turns"]
        ]
        out.append((item["id"], "\n".join(lines), ""))
    return out


@dataclass
class Timed:
    """One run of ``draft_and_repair``, timed (``time.monotonic()``)."""

    first_chunk: float | None  # the first streamed chunk
    first_words: float | None  # the first streamed chunk with words in it
    drafted: float  # the draft has streamed ("checking…" starts), or the end without a repair
    end: float
    chunks: list[str]
    result: RepairResult | None


def timed(job: Generator[Progress | str | Repaired, None, RepairResult | None]) -> Timed:
    """Run ``job`` to its end, noting when its words came and when its repair began."""
    first_chunk = first_words = drafted = None
    chunks: list[str] = []
    while True:
        try:
            item = next(job)
        except StopIteration as stop:
            result = stop.value
            break
        if isinstance(item, Progress) and item.stage == CHECKING_DRAFT and drafted is None:
            drafted = time.monotonic()
        elif isinstance(item, str):
            first_chunk = first_chunk or time.monotonic()
            if first_words is None and item.strip():
                first_words = time.monotonic()
            chunks.append(item)
    end = time.monotonic()
    return Timed(first_chunk, first_words, drafted or end, end, chunks, result)


def run_one(writer: NoteWriter, request: DraftRequest, repair: bool, budget: int) -> dict:
    start = time.monotonic()
    job = draft_and_repair(
        writer,
        request,
        segments=segments_of(request.transcript),
        cancel=CancelToken(),
        budget_tokens=budget,
        repair=repair,
    )
    run = timed(job)
    result, chunks, end, draft_end = run.result, run.chunks, run.end, run.drafted
    first_words = run.first_chunk
    first = result.first if result else clean_markdown("".join(chunks))
    return {
        "first_token_s": round((first_words or end) - start, 2),
        "draft_s": round(draft_end - start, 2),
        "draft_chunks": len(chunks),
        "repair_s": round(end - draft_end, 2),
        "repair_share": round((end - draft_end) / (draft_end - start), 3)
        if draft_end > start
        else 0.0,
        "repair_requests": result.asked if result else 0,
        "repair_chunks": result.chunks if result else 0,
        "repair_fixed": result.fixed if result else 0,
        "repair_failed": result.failed if result else "",
        "model_called": bool(chunks) and not first.startswith(("Nothing clinical", "Rien de")),
        "before_text": first,
        "after_text": result.text if result else first,
    }


def evaluate(run: dict, dialogue: str, reference: str, language: str) -> dict:
    said = said_values(dialogue, language)
    for when in ("before", "after"):
        text = run[f"{when}_text"]
        run[when] = measure(text, dialogue, language, said)
        if reference:
            run[when].update(rouge(text, reference))
            run[when].update(coverage(text, dialogue, reference))
    return run


def _mean(rows: list[dict], when: str, key: str) -> float | None:
    values = [float(r[when][key]) for r in rows if key in r[when]]
    return round(statistics.fmean(values), 2) if values else None


def summarise(rows: list[dict]) -> dict:
    keys = ("red", "amber_clinical", "numbers_not_said", "repeated_lines")
    keys += ("invented_vital_exam_condition", "rouge1", "rouge2", "rougeLsum")
    keys += ("term_recall", "number_recall")
    out: dict[str, object] = {"notes": len(rows)}
    for key in keys:
        before, after = _mean(rows, "before", key), _mean(rows, "after", key)
        if before is not None:
            out[key] = {"before": before, "after": after}
    for key in ("draft_s", "repair_s", "repair_share", "repair_requests", "repair_chunks"):
        out[f"mean_{key}"] = round(statistics.fmean(float(r[key]) for r in rows), 3)
    draft = sum(float(r["draft_s"]) for r in rows)
    out["repair_share_total"] = round(sum(float(r["repair_s"]) for r in rows) / draft, 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5, help="consultations per language")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--languages", default="en,fr")
    parser.add_argument("--no-thin", dest="thin", action="store_false")
    parser.add_argument("--repair", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--template-en", default="soap")
    parser.add_argument("--template-fr", default="consultation")
    parser.add_argument("--backend", default="builtin", help="preset id (builtin, custom, ...)")
    parser.add_argument("--base-url", default="")
    parser.add_argument("--model", default="")
    parser.add_argument("--model-path", default="", help="GGUF file for the built-in backend")
    parser.add_argument("--threads", type=int, default=0, help="built-in: CPU threads (0: auto)")
    parser.add_argument("--max-tokens", type=int, default=1200, help="built-in: longest draft")
    parser.add_argument("--budget", type=int, default=NotesSettings().context_budget_tokens)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    paths = AppPaths.from_env()
    paths.ensure()
    writer: NoteWriter
    if args.backend == "builtin":
        writer = LocalServerWriter(
            paths=paths,
            model_path=Path(args.model_path) if args.model_path else None,
            threads=args.threads,
            max_tokens=args.max_tokens,
        )
    else:
        settings = replace(
            NotesSettings(), preset=args.backend, base_url=args.base_url, model=args.model
        )
        writer = create_writer(settings, api_key=None, paths=paths)
    templates = load_templates(user_dir=paths.templates_dir)
    load_start = os.getloadavg()
    start = time.monotonic()
    for _ in writer.prepare(CancelToken()):
        pass
    startup_s = round(time.monotonic() - start, 2)
    summary: dict[str, object] = {
        "backend": writer.name,
        "model": writer.model,
        "repair": args.repair,
        "startup_s": startup_s,
        "load_average_at_start": [round(x, 2) for x in load_start],
    }
    per_note: list[dict] = []
    try:
        for language in args.languages.split(","):
            template_id = args.template_en if language == "en" else args.template_fr
            template = find_template(templates, template_id, language)
            source = english if language == "en" else french
            cases = [(*c, "consultation") for c in source(args.limit, args.offset)]
            if args.thin:
                cases += [(name, text, "", name) for name, text in THIN[language]]
            rows = []
            for case_id, dialogue, reference, kind in cases:
                request = DraftRequest(
                    transcript=dialogue, template=template, note_language=language
                )
                try:
                    run = run_one(writer, request, args.repair, args.budget)
                except NoteError as exc:  # a crashed server is restarted by the next draft
                    print(json.dumps({"id": case_id, "error": str(exc)}), file=sys.stderr)
                    writer.close()
                    continue
                row = evaluate(run, dialogue, reference, language)
                row.update(id=case_id, language=language, kind=kind)
                line = {k: v for k, v in row.items() if not k.endswith("_text")}
                print(json.dumps(line, ensure_ascii=False), file=sys.stderr, flush=True)
                rows.append(row)
            consultations = [r for r in rows if r["kind"] == "consultation"]
            summary[language] = summarise(consultations) if consultations else {}
            summary[f"{language}_thin"] = {
                r["kind"]: {
                    "model_called": r["model_called"],
                    "after": r["after"],
                    "note": r["after_text"],
                }
                for r in rows
                if r["kind"] != "consultation"
            }
            per_note += rows
    finally:
        writer.close()
    summary["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    summary["per_note"] = per_note
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
