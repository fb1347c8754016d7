"""Command-line subcommands. Each module has ``HELP``, ``add_arguments(parser)`` and
``run(args, paths) -> int``; errors are raised as ScribeError and printed by ``desktop.__main__``
as one line on stderr with a non-zero exit.

The registry is explicit: add an entry here to add a subcommand.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Command:
    module: str  # imported only when the subcommand runs, so `scribe --help` stays fast
    summary: str


COMMANDS: dict[str, Command] = {
    "doctor": Command("desktop.cli.doctor", "check this computer is ready (exit 0 when all pass)"),
    "devices": Command("desktop.cli.devices", "list the microphones (input devices)"),
    "record": Command("desktop.cli.record", "record the microphone to a 16 kHz mono WAV"),
    "check": Command(
        "desktop.cli.check", "check a note against its transcript and print the flags"
    ),
    "transcribe": Command("desktop.cli.transcribe", "print the transcript of an audio file"),
    "draft": Command("desktop.cli.draft", "draft a note from a transcript file"),
    "revise": Command(
        "desktop.cli.revise", 'revise a document by asking ("shorter", "bullets in the plan")'
    ),
    "templates": Command("desktop.cli.templates", "list the note template ids"),
    "serve-llm": Command("desktop.cli.serve_llm", "(internal) run the built-in note server"),
}


def load(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name].module)
