"""Command line: the GUI by default, or a subcommand (see ``scribe --help``)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli import COMMANDS, load
from desktop.errors import ScribeError
from desktop.logs import setup_logging
from desktop.paths import AppPaths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scribe",
        description="Scribe: records the consultation, shows a live transcript, drafts the note.",
        epilog="With no command, the window opens. SCRIBE_HOME=DIR keeps every file under DIR.",
    )
    parser.add_argument("--version", action="version", version=f"scribe {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub.add_parser(name, help=command.summary, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known, _rest = parser.parse_known_args(args_list)
    paths = AppPaths.from_env()
    if known.command is None:
        if _rest:
            parser.error(f"unrecognized arguments: {' '.join(_rest)}")
        return gui_main(paths=paths, verbose=known.verbose)
    module = load(known.command)
    sub = argparse.ArgumentParser(prog=f"scribe {known.command}", description=module.HELP)
    module.add_arguments(sub)
    index = args_list.index(known.command)
    args = sub.parse_args(args_list[index + 1 :])
    setup_logging(paths, verbose=known.verbose, console=known.verbose)
    try:
        return int(module.run(args, paths))
    except ScribeError as exc:
        print(f"scribe: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def gui_main(paths: AppPaths | None = None, verbose: bool = False) -> int:
    from desktop.app import run_gui  # Qt is imported only for the window

    paths = paths or AppPaths.from_env()
    setup_logging(paths, verbose=verbose, console=verbose)
    return run_gui(paths)


if __name__ == "__main__":
    logging.captureWarnings(True)
    sys.exit(main())
