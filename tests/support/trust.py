"""Checking a note against a consultation given as lines, one segment a second (trust tests)."""

from __future__ import annotations

from desktop.asr.base import Segment
from desktop.trust import TrustReport, check


def check_lines(note: str, lines: list[str], language: str = "en") -> TrustReport:
    segs = [Segment(float(i), float(i + 1), line) for i, line in enumerate(lines)]
    return check(note, segs, language=language)
