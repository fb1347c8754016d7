"""The README names the built-in note model the code actually bundles (issue 21, item 9: it said
"Qwen2.5-1.5B-Instruct"; the file is Qwen2.5-Coder-1.5B-Instruct), with its packages and size."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.notes.local_server import NOTE_MODEL

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_names_the_bundled_note_model_its_packages_and_size() -> None:
    text = README.read_text(encoding="utf-8")
    install = text.split("## Run the tests")[0]
    assert "Qwen2.5-Coder-1.5B-Instruct, Q4_K_M" in install
    assert not re.search(r"\(Qwen2\.5-1\.5B", install)
    assert NOTE_MODEL.filename == "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    assert f"`{NOTE_MODEL.filename}`" in text
    assert f"{NOTE_MODEL.size:,} bytes" in text
    assert NOTE_MODEL.sha256[:8] in text and NOTE_MODEL.sha256[-6:] in text
    packages = [part.distribution for part in NOTE_MODEL.parts]
    assert f"`{packages[0]}` … `-part{len(packages)}`" in text
    assert f"in {len(packages)} parts" in text
