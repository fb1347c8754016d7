"""Pre-condensing a long visit: Stop→first words and Stop→whole note with the built-in model when
the transcript is over the budget, with the finished parts condensed during the visit and without
(today's path: every part condensed after Stop).

    .venv/bin/python bench/pre_condense.py --json-out FILE [--dialogue D2N087[,D2N077]]
                     [--budget 1500] [--tail-chars 600] [--threads 0]
                     [--server-args "--cache true --cache_size 536870912" --pre-read-draft]

The transcript is an ACI-bench dialogue (``shared/data/dialogues/aci_bench_valid.json``, the
longest by default); a small budget makes it several parts, as a long visit is with the default
budget. "During the visit" (``pre`` mode) the text without its last ``--tail-chars`` (the stretch
that settles after Stop) has its finished parts condensed (``notes.condensing.pre_condense_job``)
and the last part's condensing prompt pre-read, as ``session.pre_reading`` does in idle moments;
then "Stop" drafts the SOAP note from the whole text (``notes.drafting.draft_job`` with the parts
kept). ``plain`` mode drafts the whole text at Stop with nothing kept. Choose a budget the
condensed parts fit into (the built-in model writes about 250-600 tokens per part): when they do
not, ``draft_job`` condenses them again at Stop (a second round), which nothing can do ahead.
Writes one JSON object with both modes' stop_to_first_words_s, stop_to_note_complete_s, parts
condensed at Stop, the time the visit's background work took, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.draft import DATA  # noqa: E402
from bench.ready_at_stop import proc_status  # noqa: E402  (../shared/data from the main checkout or a worktree)
from desktop.cancel import CancelToken  # noqa: E402
from desktop.notes.base import DraftRequest  # noqa: E402
from desktop.notes.condensing import (  # noqa: E402
    CondensedParts,
    condense_request,
    finished_parts,
    part_key,
    pre_condense_job,
    split_transcript,
)
from desktop.notes.drafting import draft_job  # noqa: E402
from desktop.notes.local_server import LocalServerWriter  # noqa: E402
from desktop.notes.pre_read import pre_read_job  # noqa: E402
from desktop.notes.templates import find_template, load_templates  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.progress import Progress  # noqa: E402


def dialogue(encounter_ids: str) -> str:
    """The dialogues named (comma-separated), one after the other: a longer visit."""
    path = DATA / "aci_bench_valid.json"
    found = {item["encounter_id"]: str(item["dialogue"]) for item in json.loads(path.read_text())}
    try:
        return "\n".join(found[i] for i in encounter_ids.split(","))
    except KeyError as exc:
        raise SystemExit(f"no dialogue {exc} in {path}") from None


def during_visit(
    writer: LocalServerWriter, settled: str, budget: int, draft: DraftRequest | None
) -> tuple[CondensedParts, float]:
    """What the idle moments of the visit do with ``settled``: condense its finished parts, then
    pre-read the last part's condensing prompt (and before it, with ``draft``, the draft's prompt
    from the parts condensed so far: of use only to a server that keeps several prompts, such as
    llama_cpp.server with ``--cache true``). Returns the parts kept and the seconds it took."""
    started = time.monotonic()
    parts = CondensedParts()
    notes = []
    for number, part in enumerate(finished_parts(settled, budget_tokens=budget), start=1):
        request = condense_request(part, number=number, note_language="en")
        list(pre_condense_job(writer, request, parts=parts, cancel=CancelToken()))
        notes.append(parts.get(part_key(writer, request)) or "")
    if draft is not None:
        ahead = replace(draft, transcript="\n\n".join(notes))
        list(pre_read_job(writer, ahead, cancel=CancelToken()))
    pieces = split_transcript(settled, max_tokens=budget)
    last = condense_request(pieces[-1], number=len(pieces), note_language="en")
    list(pre_read_job(writer, last, cancel=CancelToken()))
    return parts, time.monotonic() - started


def at_stop(
    writer: LocalServerWriter, request: DraftRequest, budget: int, parts: CondensedParts | None
) -> dict[str, Any]:
    stop = time.monotonic()
    first = None
    condensed_at_stop = 0
    text = ""
    job = draft_job(writer, request, cancel=CancelToken(), budget_tokens=budget, parts=parts)
    for item in job:
        if isinstance(item, Progress):
            condensed_at_stop += item.detail.startswith("part")
        elif first is None and item.strip():
            first = time.monotonic()
        if isinstance(item, str):
            text += item
    done = time.monotonic()
    return {
        "stop_to_first_words_s": round((first or done) - stop, 2),
        "stop_to_note_complete_s": round(done - stop, 2),
        "parts_condensed_at_stop": condensed_at_stop,
        "note_chars": len(text),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--dialogue", default="D2N087")
    parser.add_argument("--budget", type=int, default=1500)
    parser.add_argument("--tail-chars", type=int, default=600)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--server-args", default="", help="more llama_cpp.server options")
    parser.add_argument(
        "--pre-read-draft", action="store_true", help="also pre-read the draft from the parts"
    )
    args = parser.parse_args()

    text = dialogue(args.dialogue)
    cut = text.rfind("\n", 0, len(text) - args.tail_chars)
    settled = text[:cut]
    paths = replace(AppPaths.from_env(), log_dir=Path(tempfile.mkdtemp(prefix="pre-condense-")))
    template = find_template(load_templates(user_dir=paths.templates_dir), "soap", "en")
    request = DraftRequest(text, template, "en")
    writer = LocalServerWriter(
        paths=paths, threads=args.threads, extra_args=tuple(shlex.split(args.server_args))
    )
    load_before = os.getloadavg()
    for _ in writer.prepare(CancelToken()):
        pass
    try:
        plain = at_stop(writer, request, args.budget, None)
        # A fresh server for the other mode: nothing it read for this one (with --cache, every
        # prompt) may help it.
        server_peak_mb = proc_status(writer.server.pid or 0, "VmHWM")
        writer.close()
        for _ in writer.prepare(CancelToken()):
            pass
        draft = request if args.pre_read_draft else None
        parts, visit_s = during_visit(writer, settled, args.budget, draft)
        ahead = {
            "background_during_visit_s": round(visit_s, 2),
            "parts_condensed_during_visit": len(parts),
        }
        pre = at_stop(writer, request, args.budget, parts) | ahead
        server_peak_mb = max(server_peak_mb, proc_status(writer.server.pid or 0, "VmHWM"))
    finally:
        writer.close()
    result = {
        "dialogue": args.dialogue,
        "transcript_chars": len(text),
        "settled_at_stop_chars": len(settled),
        "budget_tokens": args.budget,
        "parts": len(split_transcript(text, max_tokens=args.budget)),
        "server_args": args.server_args,
        "pre_read_draft": args.pre_read_draft,
        "server_peak_rss_mb": server_peak_mb,
        "plain": plain,
        "pre_condensed": pre,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }
    args.json_out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
