"""``scribe templates``: list the note templates (built-in and the doctor's own) by id."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.notes.templates import load_templates
from desktop.paths import AppPaths

HELP = "List the note templates: id, languages and title."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the templates as JSON")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    templates = load_templates(user_dir=paths.templates_dir)
    if args.json:
        rows = [
            {"id": t.id, "language": t.language, "title": t.title, "kind": t.kind,
             "builtin": t.builtin}
            for t in templates
        ]  # fmt: skip
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    by_id: dict[str, list[str]] = {}
    for t in templates:
        by_id.setdefault(t.id, []).append(f"{t.language}: {t.title}")
    width = max(len(i) for i in by_id)
    for template_id, titles in by_id.items():
        mine = "" if any(t.builtin for t in templates if t.id == template_id) else "  (yours)"
        sys.stdout.write(f"{template_id:<{width}}  {' | '.join(titles)}{mine}\n")
    return 0
