"""Transcript and text files given on the command line: the one place that reads them.

A transcript file is either plain text (one utterance per line; a leading "[doctor]" or
"Patient:" label is kept as said) or JSON: what ``scribe transcribe --json`` prints
(``{"language", "text", "segments": [{"start", "end", "text"}, ...]}``), just the list of
segments, or ``{"text": "..."}`` alone (an OpenAI-style transcription answer).

Anything else is a ``TranscriptFileError`` naming the file and the problem: not UTF-8, NUL bytes
(a binary or damaged file), JSON of the wrong shape, a text that is ``null`` or a number, times
that are not numbers. Nothing is silently turned into "None" or dropped.

Pure functions; any thread.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from desktop.asr.base import Segment
from desktop.errors import ScribeError


class TranscriptFileError(ScribeError):
    """A transcript (or note, or document) file cannot be read or is not what it should be."""


def read_text(path: Path) -> str:
    """A UTF-8 text file (a byte-order mark is ignored); NUL bytes are refused."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise TranscriptFileError(f"The file {path.name} does not exist.") from exc
    except IsADirectoryError as exc:
        raise TranscriptFileError(f"{path.name} is a folder, not a file.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptFileError(f"The file {path.name} cannot be read as UTF-8 text.") from exc
    if "\x00" in text:
        raise TranscriptFileError(
            f"The file {path.name} holds NUL bytes: it is damaged or not a text file."
        )
    return text


def read_transcript(path: Path) -> list[Segment]:
    """The segments of a transcript file (plain text or JSON, see the module's doc)."""
    return parse_transcript(read_text(path), path.name, json_expected=_is_json_name(path))


def read_transcript_text(path: Path) -> str:
    """The text to draft from: a plain-text file as it is, a JSON one's segments line by line."""
    text = read_text(path)
    segments, was_json = _parse(text, path.name, json_expected=_is_json_name(path))
    return "\n".join(s.text.strip() for s in segments) if was_json else text


def parse_transcript(
    text: str, name: str = "transcript", *, json_expected: bool = False
) -> list[Segment]:
    return _parse(text, name, json_expected=json_expected)[0]


def _parse(text: str, name: str, *, json_expected: bool) -> tuple[list[Segment], bool]:
    """The segments, and whether the text was JSON."""
    if "\x00" in text:
        raise TranscriptFileError(
            f"The transcript {name} holds NUL bytes: it is damaged or not a text file."
        )
    if json_expected or _looks_like_json(text):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            if json_expected or text.lstrip().startswith("{"):
                raise TranscriptFileError(f"The transcript {name} is not valid JSON.") from exc
        else:
            return _from_json(data, name), True
    return _from_lines(text), False


def _from_lines(text: str) -> list[Segment]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]


def _bad(name: str, problem: str) -> TranscriptFileError:
    return TranscriptFileError(f"The transcript {name} is not a Scribe transcript: {problem}.")


def _from_json(data: object, name: str) -> list[Segment]:
    if isinstance(data, dict):
        if "text" in data and not isinstance(data["text"], str):
            raise _bad(name, f'its "text" is {_kind(data["text"])}, not text')
        if "segments" not in data:
            if isinstance(data.get("text"), str):
                return _from_lines(_checked_text(data["text"], name, "its text"))
            raise _bad(name, 'it has no "segments"')
        items = data["segments"]
    else:
        items = data
    if not isinstance(items, list):
        raise _bad(name, f"its segments are {_kind(items)}, not a list")
    return [_segment(item, i, name) for i, item in enumerate(items)]


def _segment(item: object, i: int, name: str) -> Segment:
    where = f"segment {i + 1}"
    if not isinstance(item, dict):
        raise _bad(name, f"{where} is {_kind(item)}, not an object")
    if "text" not in item:
        raise _bad(name, f'{where} has no "text"')
    if not isinstance(item["text"], str):
        raise _bad(name, f'the "text" of {where} is {_kind(item["text"])}, not text')
    start = _time(item.get("start", i), name, where, "start")
    end = _time(item.get("end", start), name, where, "end")
    return Segment(start, end, _checked_text(item["text"], name, where))


def _checked_text(text: str, name: str, where: str) -> str:
    if "\x00" in text:
        raise _bad(name, f"{where} holds a NUL character")
    return text


def _time(value: object, name: str, where: str, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(name, f'the "{field}" of {where} is {_kind(value)}, not a number of seconds')
    try:
        seconds = float(value)
    except OverflowError:
        seconds = math.inf
    if not math.isfinite(seconds):
        raise _bad(name, f'the "{field}" of {where} is not a finite number of seconds')
    return seconds


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_json_name(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _looks_like_json(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith(("{", "[")) and not stripped.startswith("[doctor]")
