"""A guard on a streamed draft: a line the draft already wrote is not written again, and a model
that only repeats itself is stopped.

A small model sometimes loops: the same three lines in every section, six times under "Conduite à
tenir". Text streams through as it comes, except while the line being written could still turn
out to be an earlier line word for word (it is held back until it differs); a finished line that
repeats an earlier one is dropped. Short lines ("Not discussed.", "- non abordé", headings) repeat
by design and pass. After ``MAX_LOOP`` repeated lines in a row the stream is closed (which stops
the request): the model is looping and nothing new is coming.

Pure Python; runs on the thread that iterates it (the draft worker).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

log = logging.getLogger(__name__)

MIN_CHARS = 25  # a line this long, written twice, is the model repeating itself
MAX_LOOP = 3  # repeated lines in a row before the stream is stopped
_LEAD = re.compile(r"^[\s\-*•·–]+")


def _key(line: str) -> str:
    return " ".join(_LEAD.sub("", line).lower().split())


def without_repeats(chunks: Iterable[str]) -> Iterator[str]:
    """``chunks`` as they come, less the lines already written; stops a looping stream."""
    seen: set[str] = set()
    line = ""  # the line being written
    held = ""  # its part not yet passed on (all of it while it could be a repeat)
    in_a_row = 0
    upstream = iter(chunks)
    try:
        for chunk in upstream:
            for piece in re.split(r"(\n)", chunk):
                if piece != "\n":
                    line += piece
                    held += piece
                    if held and not _could_repeat(line, seen):
                        yield held
                        held = ""
                    continue
                key = _key(line)
                if held == line and len(key) >= MIN_CHARS and key in seen:
                    in_a_row += 1
                    line = held = ""
                    if in_a_row >= MAX_LOOP:
                        log.info("draft: stopped a looping stream after %d repeats", in_a_row)
                        return
                    continue
                if len(key) >= MIN_CHARS:
                    seen.add(key)
                    in_a_row = 0
                yield held + "\n"
                line = held = ""
        if held and not (held == line and _key(line) in seen):
            yield held
    finally:
        close = getattr(upstream, "close", None)
        if close is not None:
            close()


def _could_repeat(line: str, seen: set[str]) -> bool:
    key = _key(line)
    if not key:
        return True  # "- " or spaces: wait for a word
    return any(earlier.startswith(key) for earlier in seen)
