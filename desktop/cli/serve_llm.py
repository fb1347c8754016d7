"""``scribe serve-llm ARGS``: run the built-in note server (llama.cpp) in this process.

A frozen build has no ``python -m``: the app starts its note server as ``<scribe executable>
serve-llm --model FILE --port P ...`` instead of ``python -m desktop.notes.llama_child ...``.
The options (the ones ``desktop.notes.local_server`` passes) go to ``llama_cpp.server`` through
the same child entry point (``desktop.notes.llama_child.main``), so the child still exits when
Scribe closes its standard input. ``child_command`` gives the command prefix for either case.

Threads: see ``desktop.notes.llama_child`` (this process is the child).
"""

from __future__ import annotations

import argparse
import sys

from desktop.paths import AppPaths

HELP = "Run the built-in note server (used by Scribe itself; arguments go to llama_cpp.server)."


# llama_cpp.server options this command forwards: (name, type, required).
OPTIONS: tuple[tuple[str, type, bool], ...] = (
    ("--model", str, True),
    ("--host", str, False),
    ("--port", int, False),
    ("--n_ctx", int, False),
    ("--n_threads", int, False),
    ("--n_threads_batch", int, False),
    ("--model_alias", str, False),
    ("--logits_all", str, False),  # "false": llama_cpp.server reads booleans from words
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for name, kind, required in OPTIONS:
        parser.add_argument(name, type=kind, required=required)


def server_argv(args: argparse.Namespace) -> list[str]:
    """The given options, in llama_cpp.server's own spelling."""
    argv: list[str] = []
    for name, _kind, _required in OPTIONS:
        value = getattr(args, name.removeprefix("--"))
        if value is not None:
            argv += [name, str(value)]
    return argv


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.notes import llama_child

    sys.argv = ["llama_child", *server_argv(args)]
    llama_child.main()
    return 0
