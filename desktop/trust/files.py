"""Reading a note and a transcript from files, for ``scribe check`` and the benchmark.

A transcript file is either plain text (one utterance per line; a leading "[doctor]" or
"Patient:" label is ignored) or the JSON that ``scribe transcribe --json`` prints
(``{"segments": [{"start", "end", "text"}, ...]}``, or just the list of segments).
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.asr.base import Segment
from desktop.errors import ScribeError


class TrustFileError(ScribeError):
    """A note or transcript file cannot be read."""


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise TrustFileError(f"The file {path.name} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TrustFileError(f"The file {path.name} cannot be read as UTF-8 text.") from exc


def parse_transcript(text: str, name: str = "transcript") -> list[Segment]:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and not stripped.startswith("[doctor]"):
        try:
            return _from_json(json.loads(text))
        except (ValueError, TypeError, KeyError) as exc:
            if stripped.startswith("{"):
                raise TrustFileError(f"The transcript {name} is not valid Scribe JSON.") from exc
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]


def _from_json(data: object) -> list[Segment]:
    items = data["segments"] if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise TypeError("segments is not a list")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item["text"], str):
            raise TypeError("a segment has no text")
        start = float(item.get("start", i))
        out.append(Segment(start, float(item.get("end", start)), item["text"]))
    return out


def read_transcript(path: Path) -> list[Segment]:
    return parse_transcript(read_text(path), path.name)
