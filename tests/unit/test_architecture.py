"""The import contracts in pyproject.toml (import-linter), and that they guard themselves.

- The layers: entry points > ui | cli > session > doctor > store | trust | notes > encounter >
  asr | audio > shared modules, exhaustive over ``desktop``'s top level (a new module must be
  placed before it lands).
- The core never imports Qt; every module is either a source of that contract or one of the Qt
  places (the UI, the composition root, the session's Qt modules).
- A deliberately wrong import breaks them (run on a copy of the package).

import-linter runs in a child process: in-process it reconfigures logging (it disabled every
logger that existed, which silenced other tests' log assertions).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = (
    "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
)
QT = ("PySide6", "shiboken6")
# Where Qt may be imported: the UI and the composition root (whole packages), and the session
# layer's modules that drive threads and signals (any session module that imports no Qt must be
# listed as a source of the Qt contract, which then keeps it so).
QT_PACKAGES = ("desktop.ui", "desktop.app")
QT_ENTRY = ("desktop.__main__",)


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(
        [sys.executable, "-c", LINT],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def qt_contract() -> dict:
    return next(
        c for c in contracts() if c["type"] == "forbidden" and "PySide6" in c["forbidden_modules"]
    )


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(n.split(".")[0] in QT for n in names):
            return True
    return False


def covered(module: str, sources: list[str]) -> bool:
    return any(module == s or module.startswith(s + ".") for s in sources)


def test_the_import_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"Contracts: {len(contracts())} kept, 0 broken" in result.stdout


def test_every_module_is_guarded_against_qt_or_is_a_qt_place():
    sources = qt_contract()["source_modules"]
    unguarded = []
    for module, path in modules().items():
        if module in ("desktop", "desktop.session") or covered(module, sources):
            continue
        if covered(module, list(QT_PACKAGES)) or module in QT_ENTRY:
            continue
        if module.startswith("desktop.session.") and imports_qt(path):
            continue  # a session module that drives threads or signals
        unguarded.append(module)
    assert not unguarded, (
        f"{unguarded}: add each to the Qt contract's source_modules in pyproject.toml "
        "(or, for a Qt module, place it under desktop/ui, desktop/app or desktop/session)"
    )


def test_every_top_level_module_has_a_layer():
    layers = next(c for c in contracts() if c["type"] == "layers")
    assert layers.get("exhaustive") is True
    named = {
        name.strip() for layer in layers["layers"] for name in layer.replace("|", ":").split(":")
    }
    top = {p.stem if p.is_file() else p.name for p in (ROOT / "desktop").iterdir()}
    top = {t for t in top if not t.startswith(("_", ".")) or t == "__main__"}
    top.discard("__pycache__")
    assert top <= named, f"not in a layer: {sorted(top - named)}"


WRONG_IMPORTS = {
    # a core module reaching for Qt
    "core imports Qt": ("desktop/store/models.py", "import PySide6.QtCore  # wrong\n"),
    # a core package importing one it must stay independent of
    "store imports trust": ("desktop/store/models.py", "import desktop.trust.text  # wrong\n"),
    # the core reaching up into the session layer
    "asr imports session": ("desktop/asr/guards.py", "import desktop.session.states  # wrong\n"),
    # a new top-level module nobody placed in a layer
    "an unplaced module": ("desktop/newcomer.py", "import desktop.errors\n"),
}


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("arch")
    shutil.copytree(
        ROOT / "desktop", root / "desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize("case", sorted(WRONG_IMPORTS))
def test_a_wrong_import_breaks_the_contracts(package_copy: Path, case: str):
    relative, line = WRONG_IMPORTS[case]
    target = package_copy / relative
    before = target.read_text(encoding="utf-8") if target.exists() else None
    with target.open("a", encoding="utf-8") as f:
        f.write(line)
    try:
        result = lint(package_copy)
    finally:
        if before is None:
            target.unlink()
        else:
            target.write_text(before, encoding="utf-8")
    assert result.returncode != 0, result.stdout[-2000:]
    assert "BROKEN" in result.stdout or "Missing layer" in result.stdout + result.stderr, (
        result.stdout[-2000:] + result.stderr[-1000:]
    )
