"""Where Scribe's read-only resources are: ``resources/`` next to the package in a source
checkout, or inside the bundle of a frozen (PyInstaller) build.

One function for every lookup (icons, templates, translations, trust word lists), so a frozen
build and a checkout find the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def is_frozen() -> bool:
    """True inside a PyInstaller build (the app runs without a Python interpreter)."""
    return bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    """``<bundle>/resources`` when frozen, else ``resources/`` at the root of the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else SOURCE_RESOURCES
