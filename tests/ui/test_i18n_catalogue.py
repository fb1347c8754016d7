"""The translation files are complete and current: every tr() string in the Qt modules has a
French translation, and the committed .qm is what lrelease makes of the committed .ts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def test_every_string_is_translated_into_french() -> None:
    done = subprocess.run(
        [sys.executable, str(I18N / "update.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (
        "Strings without a French translation (run resources/i18n/update.py, translate them in "
        "scribe_fr.ts, run it again):\n" + done.stdout + done.stderr
    )


def test_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "scribe_fr.qm"
    subprocess.run(
        [str(lrelease), str(I18N / "scribe_fr.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert out.read_bytes() == (I18N / "scribe_fr.qm").read_bytes(), (
        "scribe_fr.qm is stale: run resources/i18n/update.py"
    )
