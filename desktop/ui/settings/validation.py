"""Checks for what the doctor types in the Settings dialog. Pure Python (no Qt).

Each check returns a ``Problem`` code, or ``None`` when the value is fine; the dialog turns the
code into a translated sentence shown under the field.
"""

from __future__ import annotations

import enum
from pathlib import Path
from urllib.parse import urlsplit

from desktop.notes.presets import is_loopback_host


class Problem(enum.Enum):
    REQUIRED = "required"  # the field is empty
    URL_SCHEME = "url_scheme"  # not http:// or https://
    URL_HOST = "url_host"  # no host name
    URL_SPACES = "url_spaces"  # spaces inside the URL
    URL_PORT = "url_port"  # a port that is not a number in 1..65535
    NOT_LOCAL = "not_local"  # "local only" is on and the host is not this computer
    NO_FOLDER = "no_folder"  # a model path that does not exist
    SHORTCUT_EMPTY = "shortcut_empty"
    SHORTCUT_DUPLICATE = "shortcut_duplicate"


def url_host(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""


def check_url(url: str, *, required: bool = True, local_only: bool = False) -> Problem | None:
    text = url.strip()
    if not text:
        return Problem.REQUIRED if required else None
    if any(c.isspace() for c in text):
        return Problem.URL_SPACES
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a bad port
    except ValueError:
        return Problem.URL_PORT
    if parts.scheme not in ("http", "https"):
        return Problem.URL_SCHEME
    if not parts.hostname:
        return Problem.URL_HOST
    if port == 0:
        return Problem.URL_PORT
    if local_only and not is_loopback_host(parts.hostname):
        return Problem.NOT_LOCAL
    return None


def check_required(text: str) -> Problem | None:
    return Problem.REQUIRED if not text.strip() else None


def looks_like_path(name: str) -> bool:
    text = name.strip()
    return text.startswith(("/", "~", ".", "\\")) or (len(text) > 1 and text[1] == ":")


def check_model_name(name: str) -> Problem | None:
    """A speech model: "bundled", a hub name, or a folder (which must exist)."""
    text = name.strip()
    if not text:
        return Problem.REQUIRED
    if looks_like_path(text) and not Path(text).expanduser().is_dir():
        return Problem.NO_FOLDER
    return None


def check_shortcuts(shortcuts: dict[str, str]) -> dict[str, Problem]:
    """Problems by shortcut name: empty ones, and every one that repeats another."""
    problems: dict[str, Problem] = {}
    seen: dict[str, str] = {}
    for name, text in shortcuts.items():
        key = text.strip().lower()
        if not key:
            problems[name] = Problem.SHORTCUT_EMPTY
        elif key in seen:
            problems[name] = Problem.SHORTCUT_DUPLICATE
            problems[seen[key]] = Problem.SHORTCUT_DUPLICATE
        else:
            seen[key] = name
    return problems


def vocabulary_from_text(text: str) -> tuple[str, ...]:
    """One term per line (commas also separate); blanks and repeats dropped, order kept."""
    terms: list[str] = []
    for line in text.replace(",", "\n").splitlines():
        term = line.strip()
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)
