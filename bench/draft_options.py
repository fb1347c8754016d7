"""Which note-server options draft fastest after Stop (issue 20, step 4): the same transcript
drafted with each set of llama_cpp.server options, after pre-reading all of it but its last
stretch (as at Stop with pre-reading).

    .venv/bin/python bench/draft_options.py TRANSCRIPT.txt --json-out FILE [--tail-chars 600]

Each configuration starts its own server (not timed), pre-reads the transcript less its last
``--tail-chars``, then drafts the SOAP note from the whole of it: first words (s), whole note (s),
chunks per second after the first (llama.cpp streams about one token per chunk), the server's peak
memory, the note and its tokens (the note tokenized again by the server). Configurations:
default (the app's after Stop: one thread on 2 cores, and the other while it is idle),
``own_threads`` (one thread only), ``logits_all`` (the server's
own default, kept until the app turned it off), prompt-lookup decoding (llama-cpp-python's
``--draft_model prompt-lookup-decoding``), every core, both. The load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ready_at_stop import proc_status  # noqa: E402
from desktop.cancel import CancelToken  # noqa: E402
from desktop.notes.base import DraftRequest  # noqa: E402
from desktop.notes.drafting import draft_job  # noqa: E402
from desktop.notes.http_abort import httpx  # noqa: E402
from desktop.notes.local_server import LocalServerWriter  # noqa: E402
from desktop.notes.pre_read import pre_read_job  # noqa: E402
from desktop.notes.templates import find_template, load_templates  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402

LOOKUP = ("--draft_model", "prompt-lookup-decoding", "--draft_model_num_pred_tokens", "10")
CONFIGS = {  # name: (more server options, threads (0: the app's), idle cores used when free)
    "default": ((), 0, True),  # the app after Stop
    "own_threads": ((), 0, False),  # the app before the idle cores were used
    "flash_attn": (("--flash_attn", "true"), 0, True),  # llama.cpp's fused attention
    # llama_cpp.server's own default, which the app used until it passed --logits_all false
    "logits_all": (("--logits_all", "true"), 0, False),
    "prompt_lookup": (LOOKUP, 0, False),
    # every core to read the prompt (one batch at a time), one to write
    "batch_all_cores": (("--n_threads_batch", str(os.cpu_count() or 2)), 0, False),
    "all_cores": ((), os.cpu_count() or 2, False),
    "prompt_lookup_all_cores": (LOOKUP, os.cpu_count() or 2, False),
}


def run(name: str, transcript: str, tail: int, language: str) -> dict[str, object]:
    extra, threads, spare = CONFIGS[name]
    # Its own log folder: the note server's log says how much of each prompt it reused, and
    # other runs on this machine write to the default one.
    paths = replace(AppPaths.from_env(), log_dir=Path(tempfile.mkdtemp(prefix="ready-at-stop-")))
    template = find_template(load_templates(user_dir=paths.templates_dir), "soap", language)
    writer = LocalServerWriter(paths=paths, threads=threads, extra_args=extra)
    writer.use_spare_cores(spare)
    try:
        for _ in writer.prepare(CancelToken()):
            pass
        head = transcript[: max(0, len(transcript) - tail)]
        for _ in pre_read_job(writer, DraftRequest(head, template, language), cancel=CancelToken()):
            pass
        started = time.monotonic()
        first = None
        chunks = 0
        pieces: list[str] = []
        for item in draft_job(
            writer, DraftRequest(transcript, template, language), cancel=CancelToken()
        ):
            if isinstance(item, str):
                pieces.append(item)
            if isinstance(item, str) and item.strip():
                first = first or time.monotonic()
                chunks += 1
        done = time.monotonic()
        server_peak_mb = proc_status(writer.server.pid or 0, "VmHWM")
        note = "".join(pieces)
        tokens = httpx.post(
            writer.server.base_url.removesuffix("/v1") + "/extras/tokenize",
            json={"input": note},
            timeout=30,
            trust_env=False,
        ).json()["tokens"]
    finally:
        writer.close()
    return {
        "config": name,
        "first_words_s": round((first or done) - started, 2),
        "note_complete_s": round(done - started, 2),
        "chunks_per_s": round((chunks - 1) / max(done - (first or done), 1e-6), 2),
        "peak_rss_note_server_mb": server_peak_mb,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "note_chunks": chunks,
        "note_tokens": len(tokens),
        "note": note,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("transcript", type=Path)
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--tail-chars", type=int, default=600)
    parser.add_argument("--language", default="en")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args()
    text = " ".join(args.transcript.read_text().split())
    results = [run(n, text, args.tail_chars, args.language) for n in args.configs.split(",")]
    args.json_out.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
