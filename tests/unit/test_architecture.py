"""House rule 1: the core (audio, asr, notes, store, trust, config, secrets, encounter...) never
imports Qt. The import-linter contract in pyproject.toml states it; this test enforces it.

import-linter runs in a child process: in-process it reconfigures logging (it disabled every
logger that existed, which silenced other tests' log assertions).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = (
    "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
)


def test_core_never_imports_qt():
    result = subprocess.run(
        [sys.executable, "-c", LINT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken" in result.stdout
