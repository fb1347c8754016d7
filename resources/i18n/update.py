"""Refresh the translation sources and compile them.

    .venv/bin/python resources/i18n/update.py            # lupdate + lrelease
    .venv/bin/python resources/i18n/update.py --check    # exit 1 if a string is new or untranslated

``pyside6-lupdate`` (shipped with PySide6-Essentials) collects every ``tr()`` /
``QCoreApplication.translate()`` string from the Qt modules of ``desktop/`` into
``scribe_fr.ts``, keeping the translations already there; ``pyside6-lrelease`` compiles it into
``scribe_fr.qm``, which the app loads (``desktop/ui/i18n.py``). Both files are committed, so an
installed Scribe needs no Qt tools.

lupdate does not see through a module's own one-argument helper such as
``def _t(text): return QCoreApplication.translate("Messages", text)``; such calls are found here
(with ``ast``) and handed to lupdate as explicit ``translate("Messages", ...)`` calls.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment.")
    return path


def qt_sources() -> list[Path]:
    """Every module under desktop/ that imports PySide6 (the core never does)."""
    return sorted(
        p for p in (ROOT / "desktop").rglob("*.py") if "PySide6" in p.read_text(encoding="utf-8")
    )


def _wrappers(tree: ast.Module) -> dict[str, str]:
    """Module-level ``def f(text): return QCoreApplication.translate("CTX", text)`` -> {f: CTX}."""
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and inner.func.attr == "translate"
                and inner.args
                and isinstance(inner.args[0], ast.Constant)
                and isinstance(inner.args[0].value, str)
            ):
                found[node.name] = inner.args[0].value
    return found


def wrapper_stub(sources: list[Path]) -> str:
    """Python source with one explicit translate() call per string passed to a wrapper."""
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = _wrappers(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in wrappers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                context, text = wrappers[node.func.id], node.args[0].value
                lines.append(f"QCoreApplication.translate({context!r}, {text!r})")
    return "\n".join(lines) + "\n"


def ts_file(language: str) -> Path:
    return HERE / f"scribe_{language}.ts"


def lupdate(ts: Path) -> None:
    sources = qt_sources()
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / "wrapped_strings.py"
        stub.write_text(wrapper_stub(sources), encoding="utf-8")
        cmd = [tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete"]
        cmd += [str(p) for p in sources] + [str(stub), "-ts", str(ts)]
        subprocess.run(cmd, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def unfinished(ts: Path) -> list[str]:
    """Source texts without a finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip() if translation is not None else ""
        if translation is None or translation.get("type") == "unfinished" or not text:
            missing.append(message.findtext("source") or "")
    return missing


def check() -> int:
    """Collect into a copy and compare: new strings or missing translations fail."""
    status = 0
    for language in LANGUAGES:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / ts_file(language).name
            shutil.copy(ts_file(language), copy)
            lupdate(copy)
            for text in unfinished(copy):
                print(f"{language}: not translated: {text!r}")
                status = 1
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args()
    if args.check:
        return check()
    for language in LANGUAGES:
        ts = ts_file(language)
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        left = unfinished(ts)
        print(f"{ts.name}: {len(left)} string(s) still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
