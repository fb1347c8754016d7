"""``scribe check NOTE_FILE TRANSCRIPT_FILE [--json]``: print what the note checker flags."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from desktop.paths import AppPaths
from desktop.transcript_file import read_text, read_transcript
from desktop.trust import TrustReport, check

HELP = (
    "Check a note against the consultation's transcript: unsupported sentences, numbers, "
    "drugs, laterality, negations, allergies and omissions. Exits 1 when a red flag is found "
    "(anything but unsupported sentences and omissions), 0 when none, like a linter."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("note", type=Path, metavar="NOTE_FILE", help="the note, as UTF-8 text")
    parser.add_argument(
        "transcript",
        type=Path,
        metavar="TRANSCRIPT_FILE",
        help="plain text (one utterance per line) or the JSON of `scribe transcribe --json`",
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--language", choices=["auto", "en", "fr"], default="auto")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    note = read_text(args.note)
    segments = read_transcript(args.transcript)
    report = check(note, segments, language=args.language)
    _print(report, as_json=args.json, out=sys.stdout)
    return 1 if report.has_red else 0


def _print(report: TrustReport, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        out.write(json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n")
        return
    if not report.flags:
        out.write("No flags.\n")
    for f in report.flags:
        where = f"{f.note_span[0]}-{f.note_span[1]}" if f.note_span else "-"
        out.write(f"{f.kind}\t{where}\t{f.text}\t{f.reason}\n")
