"""Benchmark drafting on ACI-Bench dialogues: speed and ROUGE of the SOAP draft vs the reference.

    .venv/bin/python bench/draft.py --limit 4      # the built-in local model (Qwen 1.5B)
    .venv/bin/python bench/draft.py --backend custom --base-url http://127.0.0.1:8080/v1 --model M

Prints one JSON line per dialogue on stderr and a JSON summary on stdout (also written to --out).
Figures per dialogue: start-up time (joining the model, starting the server; first dialogue
only), time to the first streamed text, total time, streamed chunks per second after the first
(llama.cpp streams one token per chunk, so this is tokens/s there), and ROUGE-1/2/L F1 (x100) of
the draft against the reference note. ROUGE here: lower-cased alphanumeric tokens, no stemming,
ROUGE-L on the whole text (LCS); close to, not identical with, the ``rouge-score`` package.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.cancel import CancelToken  # noqa: E402
from desktop.config import NotesSettings  # noqa: E402
from desktop.notes.base import DraftRequest  # noqa: E402
from desktop.notes.drafting import draft_job, estimate_tokens  # noqa: E402
from desktop.notes.local_server import LocalServerWriter  # noqa: E402
from desktop.notes.registry import create_writer  # noqa: E402
from desktop.notes.templates import find_template, load_templates  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.progress import Progress  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dialogues" / "aci_bench_valid.json"


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    def grams(toks: list[str]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))

    c, r = grams(candidate), grams(reference)
    return _f1(sum((c & r).values()), sum(c.values()), sum(r.values()))


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    prev = [0] * (len(reference) + 1)
    for a in candidate:
        cur = [0]
        for j, b in enumerate(reference, start=1):
            cur.append(prev[j - 1] + 1 if a == b else max(prev[j], cur[j - 1]))
        prev = cur
    return _f1(prev[-1], len(candidate), len(reference))


def score(draft: str, reference: str) -> dict[str, float]:
    c, r = tokens(draft), tokens(reference)
    return {
        "rouge1": round(100 * rouge_n(c, r, 1), 1),
        "rouge2": round(100 * rouge_n(c, r, 2), 1),
        "rougeL": round(100 * rouge_l(c, r), 1),
    }


def run_one(writer, request: DraftRequest, budget: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    first: float | None = None
    chunks: list[str] = []
    for item in draft_job(writer, request, cancel=CancelToken(), budget_tokens=budget):
        if isinstance(item, Progress):
            continue
        now = time.monotonic()
        if first is None:
            first = now
        chunks.append(item)
    end = time.monotonic()
    first = first or end
    gen_s = end - first
    return {
        "first_token_s": round(first - start, 2),
        "total_s": round(end - start, 2),
        "chunks": len(chunks),
        "tokens_per_s": round((len(chunks) - 1) / gen_s, 1) if gen_s > 0 else None,
        "draft": "".join(chunks),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=3)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--template", default="soap")
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
    settings = replace(
        NotesSettings(),
        preset=args.backend,
        base_url=args.base_url,
        model=args.model,
        local_model_path=args.model_path,
    )
    if args.backend == "builtin":
        writer = LocalServerWriter(
            paths=paths,
            model_path=Path(args.model_path) if args.model_path else None,
            threads=args.threads,
            max_tokens=args.max_tokens,
        )
    else:
        writer = create_writer(settings, api_key=None, paths=paths)
    template = find_template(load_templates(user_dir=paths.templates_dir), args.template, "en")
    dialogues = json.loads(args.data.read_text(encoding="utf-8"))[args.offset :][: args.limit]

    start = time.monotonic()
    for _ in writer.prepare(CancelToken()):
        pass
    startup_s = round(time.monotonic() - start, 2)
    print(json.dumps({"startup_s": startup_s, "backend": writer.name}), file=sys.stderr)

    results = []
    try:
        for item in dialogues:
            request = DraftRequest(
                transcript=item["dialogue"], template=template, note_language="en"
            )
            result = run_one(writer, request, args.budget)
            result.update(score(str(result["draft"]), item["reference_note"]))
            result["encounter_id"] = item["encounter_id"]
            result["transcript_tokens_est"] = estimate_tokens(item["dialogue"])
            line = {k: v for k, v in result.items() if k != "draft"}
            print(json.dumps(line), file=sys.stderr, flush=True)
            results.append(result)
    finally:
        close = getattr(writer, "close", None)
        if close:
            close()

    def mean(key: str) -> float:
        return round(statistics.fmean(float(r[key]) for r in results if r[key] is not None), 2)

    summary = {
        "backend": writer.name,
        "model": writer.model,
        "dialogues": len(results),
        "startup_s": startup_s,
        "threads": args.threads or "auto",
        "load_average_at_end": round(os.getloadavg()[0], 1),
        **{f"mean_{k}": mean(k) for k in ("first_token_s", "total_s", "tokens_per_s")},
        **{f"mean_{k}": mean(k) for k in ("rouge1", "rouge2", "rougeL")},
        "per_dialogue": results,
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
