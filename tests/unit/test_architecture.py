"""House rule 1: the core (audio, asr, notes, store, trust, config, secrets, encounter...) never
imports Qt. The import-linter contract in pyproject.toml states it; this test enforces it."""

from __future__ import annotations

import os
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_core_never_imports_qt():
    cwd = os.getcwd()
    os.chdir(ROOT)  # import-linter reads pyproject.toml from the working directory
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
    finally:
        os.chdir(cwd)
