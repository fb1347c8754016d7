"""``scribe revise DOCUMENT "INSTRUCTION"``: revise a document by asking, print the new document.

Only the part the instruction is about is sent to the backend (``desktop.notes.revise``); the rest
of the document is printed as it was. Waits are told on stderr. With ``--transcript`` the revision
is checked against the consultation: what it contradicts, or what nobody said, is listed on stderr
(the instruction itself counts as the doctor's word). ``--json`` prints one object instead: the
document, the changed part, the flags, timings and the number of streamed chunks.

Threads: everything runs on the main thread (no Qt in the command line).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from desktop.cancel import CancelToken
from desktop.cli.draft import STAGES, _api_key, _check_privacy, _notes_settings
from desktop.cli.settings_file import load_and_tell
from desktop.notes.base import NoteWriter
from desktop.notes.presets import PRESETS
from desktop.notes.revise import Revision, RevisionRequest, plan_revision, revise_job
from desktop.notes.text_diff import counts
from desktop.paths import AppPaths
from desktop.progress import Progress
from desktop.session.revision_check import RevisionCheck, check_revision
from desktop.transcript_file import read_text, read_transcript
from desktop.trust.lexicon import load_lexicon
from desktop.trust.text import detect_language

HELP = 'Revise a document by asking ("shorter", "bullets in the plan"); print the result.'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("document", type=Path, metavar="DOCUMENT", help="the document (UTF-8)")
    parser.add_argument("instruction", metavar="INSTRUCTION", help="what to change, in words")
    parser.add_argument(
        "--transcript", type=Path, help="the consultation (text or `scribe transcribe --json`)"
    )
    parser.add_argument("--note-language", choices=("en", "fr"), help="default: detected")
    parser.add_argument("--backend", choices=sorted(PRESETS), help="note backend preset")
    parser.add_argument("--base-url", help="the server's address, e.g. http://127.0.0.1:8080/v1")
    parser.add_argument("--model", help="model name on that server")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.notes.registry import create_writer

    document = read_text(args.document)
    segments = read_transcript(args.transcript) if args.transcript else []
    language = args.note_language or detect_language(document, load_lexicon())
    request = RevisionRequest(
        document=document,
        instruction=args.instruction,
        transcript="\n".join(s.text for s in segments),
        note_language=language,
    )
    plan_revision(request)  # an unclear instruction stops here, before any backend starts
    settings = load_and_tell(paths)
    notes = _notes_settings(args, settings.notes)
    _check_privacy(settings, notes)
    writer = create_writer(notes, api_key=_api_key(notes), paths=paths)
    try:
        revision = _revise(writer, request, err=sys.stderr)
    finally:
        writer.close()
    checked = check_revision(revision, segments, language=language)
    _print(revision, checked, as_json=args.json, out=sys.stdout, err=sys.stderr)
    return 0


def _revise(writer: NoteWriter, request: RevisionRequest, *, err: TextIO) -> Revision:
    job = revise_job(writer, request, cancel=CancelToken())
    told = ""
    while True:
        try:
            item = next(job)
        except StopIteration as end:
            assert isinstance(end.value, Revision)  # no cancel in the command line
            return end.value
        if isinstance(item, Progress):
            sentence = STAGES.get(item.stage, "Working")
            if sentence != told:
                err.write(sentence + "...\n")
                err.flush()
                told = sentence


def _print(
    revision: Revision, checked: RevisionCheck, *, as_json: bool, out: TextIO, err: TextIO
) -> None:
    inserted, removed = counts(revision.diff)
    if as_json:
        payload = {
            "document": revision.new,
            "changed": revision.changed,
            "part": revision.new[
                revision.plan.start : len(revision.new) - (len(revision.old) - revision.plan.end)
            ],
            "plan": asdict(revision.plan),
            "words_inserted": inserted,
            "words_removed": removed,
            "chunks": revision.chunks,
            "seconds": revision.seconds,
            "contradictions": [asdict(f) for f in checked.contradictions],
            "unsupported": [asdict(f) for f in checked.unsupported],
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(revision.new if revision.new.endswith("\n") else revision.new + "\n")
    if not revision.changed:
        err.write("The instruction changed nothing.\n")
    for flag in checked.contradictions:
        err.write(
            f"CONTRADICTS THE CONSULTATION\t{flag.text}\t{flag.reason}\t{flag.evidence_text}\n"
        )
    for flag in checked.unsupported:
        err.write(f"NOT SAID\t{flag.kind}\t{flag.text}\t{flag.reason}\n")
