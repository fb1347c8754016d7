"""``scribe draft TRANSCRIPT_FILE``: draft a note from a transcript with the configured backend.

The draft streams to stdout as it arrives; waits (starting the local model, condensing a long
transcript) are told on stderr. ``--json`` prints one object at the end instead. The backend is the
one in the settings unless ``--backend/--base-url/--model`` override it (a ``--base-url`` alone
means that server, an OpenAI-compatible one, never the built-in model); the API key comes from
the keychain (or ``SCRIBE_NOTES_API_KEY``). "Local only" in the settings is held here too.

The draft is then checked against the transcript and repaired (``desktop.session.repair``) unless
``--no-repair`` or the setting says otherwise: when the repair changed it, the repaired note follows
the streamed draft after a "=== Repaired draft ===" line (``--json``: "note" is the repaired note,
"first_draft" the model's first). A transcript with nothing clinical in it gives a short note that
says so, without asking the model.

Threads: everything runs on the main thread (no Qt in the command line).
"""

from __future__ import annotations

import argparse
import json
import locale
import sys
import time
from collections.abc import Generator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop.asr.base import Segment
from desktop.cancel import CancelToken
from desktop.cli.settings_file import load_and_tell
from desktop.config import NotesSettings, Settings
from desktop.errors import LocalOnlyRefused, ScribeError
from desktop.notes.base import DraftRequest, NoteWriter
from desktop.notes.presets import PRESETS, get_preset
from desktop.notes.templates import find_template, load_templates
from desktop.paths import AppPaths
from desktop.progress import (
    CHECKING_DRAFT,
    CONDENSING_TRANSCRIPT,
    JOINING_NOTE_MODEL,
    STARTING_NOTE_SERVER,
    WAITING_FOR_FIRST_WORDS,
    Progress,
)
from desktop.transcript_file import read_transcript, read_transcript_text
from desktop.urls import host_of, refuse_if_not_local

if TYPE_CHECKING:
    from desktop.session.repair import RepairResult


NO_ADDRESS = ("builtin", "fake")  # backends that run here and take no server address
HELP = "Draft a note (or letter, prescription draft, instructions) from a transcript file."

STAGES = {
    JOINING_NOTE_MODEL: "Preparing the local note model (once, about a minute)",
    STARTING_NOTE_SERVER: "Starting the local note model",
    CONDENSING_TRANSCRIPT: "Condensing the long transcript",
    WAITING_FOR_FIRST_WORDS: "Waiting for the first words",
    CHECKING_DRAFT: "Checking the draft against the consultation and repairing it",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "transcript",
        type=Path,
        metavar="TRANSCRIPT_FILE",
        help="a text file, or the JSON of `scribe transcribe --json`",
    )
    parser.add_argument("--template", help="template id (see `scribe templates`)")
    parser.add_argument("--note-language", choices=("en", "fr"), help="language of the note")
    parser.add_argument("--backend", choices=sorted(PRESETS), help="note backend preset")
    parser.add_argument("--base-url", help="the server's address, e.g. http://127.0.0.1:8080/v1")
    parser.add_argument("--model", help="model name on that server")
    parser.add_argument("--context", default="", help="what the doctor adds: age, sex, history")
    parser.add_argument("--json", action="store_true", help="print the note and timings as JSON")
    parser.add_argument(
        "--no-repair",
        dest="repair",
        action="store_false",
        default=None,
        help="do not check the draft against the transcript and repair it (default: the setting)",
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.notes.registry import create_writer

    transcript = read_transcript_text(args.transcript)
    settings = load_and_tell(paths)
    notes = _notes_settings(args, settings.notes)
    _check_privacy(settings, notes)
    language = args.note_language or _default_language(settings)
    template = find_template(
        load_templates(user_dir=paths.templates_dir), args.template or notes.template, language
    )
    request = DraftRequest(
        transcript=transcript, template=template, note_language=language, context=args.context
    )
    writer = create_writer(notes, api_key=_api_key(notes), paths=paths)
    repair = notes.repair_drafts if args.repair is None else args.repair
    try:
        return _draft(
            writer,
            request,
            notes,
            segments=read_transcript(args.transcript) if repair else [],
            repair=repair,
            as_json=args.json,
            out=sys.stdout,
            err=sys.stderr,
        )
    finally:
        writer.close()


def _notes_settings(args: argparse.Namespace, notes: NotesSettings) -> NotesSettings:
    """The settings' note backend with the command line's choices; a ``--base-url`` always means
    that server (an OpenAI-compatible one when no ``--backend`` says which), or an error."""
    if args.base_url and args.backend in NO_ADDRESS:
        raise ScribeError(
            f"--base-url names a server, but --backend {args.backend} runs on this computer "
            "without one: leave out one of the two."
        )
    if args.backend and args.backend != notes.preset:
        notes = replace(notes, preset=args.backend, base_url="", model="")
    elif args.base_url and not args.backend and notes.preset in NO_ADDRESS:
        notes = replace(notes, preset="custom", model="")  # not silently the built-in model
    if args.base_url:
        notes = replace(notes, base_url=args.base_url)
    if args.model:
        notes = replace(notes, model=args.model)
    preset = get_preset(notes.preset)
    if notes.preset not in NO_ADDRESS and not (notes.model or preset.default_model):
        url = notes.base_url or preset.base_url
        raise ScribeError(
            f"No model is named for the note server at {host_of(url) or 'an unset address'}: "
            "add --model NAME."
        )
    return notes


def _check_privacy(settings: Settings, notes: NotesSettings) -> None:
    if notes.preset in NO_ADDRESS:
        return
    url = notes.base_url or get_preset(notes.preset).base_url
    try:
        refuse_if_not_local(settings.privacy.local_only, url)
    except LocalOnlyRefused:
        raise LocalOnlyRefused(
            "Local-only mode is on, so the transcript cannot be sent to "
            f"{host_of(url) or 'a remote server'}: nothing was sent. Turn it off in Settings, "
            "or use a local backend."
        ) from None


def _default_language(settings: Settings) -> str:
    for candidate in (settings.notes.note_language, settings.interface.language):
        if candidate in ("en", "fr"):
            return candidate
    system = (locale.getlocale()[0] or "").lower()
    return "fr" if system.startswith("fr") else "en"


def _api_key(notes: NotesSettings) -> str | None:
    if notes.preset in ("builtin", "fake"):
        return None
    import keyring

    from desktop.secrets import NOTES_API_KEY, Secrets

    return Secrets(keyring_backend=keyring.get_keyring()).get(NOTES_API_KEY)


def _draft(
    writer: NoteWriter,
    request: DraftRequest,
    notes: NotesSettings,
    *,
    segments: list[Segment],
    repair: bool,
    as_json: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    from desktop.session.repair import draft_and_repair

    start = time.monotonic()
    job = draft_and_repair(
        writer,
        request,
        segments=segments,
        cancel=CancelToken(),
        budget_tokens=notes.context_budget_tokens,
        repair=repair,
    )
    run = _run(job, out=None if as_json else out, err=err)
    end = time.monotonic()
    result = run.result
    note = result.text if result is not None else "".join(run.chunks)
    if as_json:
        payload = {
            "note": note,
            "first_draft": result.first if result is not None else note,
            "repair": _repair_summary(result),
            "first_token_s": round((run.first or end) - start, 3),
            "total_s": round(end - start, 3),
            "backend": writer.name,
            "model": writer.model,
            "template": request.template.id,
            "note_language": request.note_language,
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write("\n")
    if result is not None and result.failed:
        err.write(f"The draft could not be repaired ({result.failed}); it is shown as written.\n")
    elif result is not None and result.changed:
        left = f", {len(result.left)} left to check" if result.left else ""
        out.write(f"\n=== Repaired draft ({result.fixed} sentences fixed{left}) ===\n")
        out.write(result.text.rstrip() + "\n")
    return 0


@dataclass
class _Run:
    chunks: list[str] = field(default_factory=list)
    first: float | None = None  # when the first words arrived
    result: RepairResult | None = None


def _run(
    job: Generator[object, None, RepairResult | None], *, out: TextIO | None, err: TextIO
) -> _Run:
    """Drive the job: waits told on ``err``, the draft streamed to ``out`` (None: kept)."""
    run = _Run()
    told = ""
    while True:
        try:
            item = next(job)
        except StopIteration as stop:
            run.result = stop.value
            return run
        if isinstance(item, Progress):
            sentence = STAGES.get(item.stage, "Working")
            if item.stage == CONDENSING_TRANSCRIPT and item.fraction < 1:
                sentence += f" ({item.detail})"
            if sentence != told:
                err.write(sentence + "...\n")
                err.flush()
                told = sentence
        elif isinstance(item, str):
            run.first = run.first or time.monotonic()
            run.chunks.append(item)
            if out is not None:
                out.write(item)
                out.flush()


def _repair_summary(result: RepairResult | None) -> dict[str, object] | None:
    if result is None:
        return None
    return {
        "rounds": result.rounds,
        "fixed": result.fixed,
        "requests": result.asked,
        "chunks": result.chunks,
        "seconds": result.seconds,
        "left": [{"kind": f.kind, "text": f.text, "reason": f.reason} for f in result.left],
        "failed": result.failed,
    }
