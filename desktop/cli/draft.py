"""``scribe draft TRANSCRIPT_FILE``: draft a note from a transcript with the configured backend.

The draft streams to stdout as it arrives; waits (starting the local model, condensing a long
transcript) are told on stderr. ``--json`` prints one object at the end instead. The backend is the
one in the settings unless ``--backend/--base-url/--model`` override it (a ``--base-url`` alone
means that server, an OpenAI-compatible one, never the built-in model); the API key comes from
the keychain (or ``SCRIBE_NOTES_API_KEY``). "Local only" in the settings is held here too.

Threads: everything runs on the main thread (no Qt in the command line).
"""

from __future__ import annotations

import argparse
import json
import locale
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from desktop.cancel import CancelToken
from desktop.cli.settings_file import load_and_tell
from desktop.config import NotesSettings, Settings
from desktop.errors import LocalOnlyRefused, ScribeError
from desktop.notes.base import DraftRequest, NoteWriter
from desktop.notes.drafting import draft_job
from desktop.notes.presets import PRESETS, get_preset
from desktop.notes.templates import find_template, load_templates
from desktop.paths import AppPaths
from desktop.progress import (
    CONDENSING_TRANSCRIPT,
    JOINING_NOTE_MODEL,
    STARTING_NOTE_SERVER,
    WAITING_FOR_FIRST_WORDS,
    Progress,
)
from desktop.transcript_file import read_transcript_text
from desktop.urls import host_of, refuse_if_not_local

NO_ADDRESS = ("builtin", "fake")  # backends that run here and take no server address
HELP = "Draft a note (or letter, prescription draft, instructions) from a transcript file."

STAGES = {
    JOINING_NOTE_MODEL: "Preparing the local note model (once, about a minute)",
    STARTING_NOTE_SERVER: "Starting the local note model",
    CONDENSING_TRANSCRIPT: "Condensing the long transcript",
    WAITING_FOR_FIRST_WORDS: "Waiting for the first words",
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
    try:
        return _draft(writer, request, notes, as_json=args.json, out=sys.stdout, err=sys.stderr)
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
    as_json: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    start = time.monotonic()
    first: float | None = None
    chunks: list[str] = []
    told = ""
    job = draft_job(
        writer, request, cancel=CancelToken(), budget_tokens=notes.context_budget_tokens
    )
    for item in job:
        if isinstance(item, Progress):
            sentence = STAGES.get(item.stage, "Working")
            if item.stage == CONDENSING_TRANSCRIPT and item.fraction < 1:
                sentence += f" ({item.detail})"
            if sentence != told:
                err.write(sentence + "...\n")
                err.flush()
                told = sentence
            continue
        if first is None:
            first = time.monotonic()
        chunks.append(item)
        if not as_json:
            out.write(item)
            out.flush()
    end = time.monotonic()
    if as_json:
        payload = {
            "note": "".join(chunks),
            "first_token_s": round((first or end) - start, 3),
            "total_s": round(end - start, 3),
            "backend": writer.name,
            "model": writer.model,
            "template": request.template.id,
            "note_language": request.note_language,
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write("\n")
    return 0
