"""A guard on a streamed draft: the document ends with the template's last section.

A template names its headings ("SUBJECTIVE: …" … "PLAN: …", "MOTIF : …" … "CONDUITE À TENIR :
…"). The built-in model often goes on after the last one with a section nobody asked for ("Final
Report:", "NOTES:", "**Finalize the Note:**") that says again what the note already holds: some
70 tokens, three seconds of the doctor's wait after Stop, and a document that no longer follows
its template. Once the last heading is written, a heading that closes a document ("notes",
"summary", "final report", "noted by", "remarques", "résumé"…) and is none of the template's
(nor names the same part of a note, ``sections.same_part``) ends the stream, which stops the
request. Any other heading there stays: a "Medications:" or "Follow-up:" line under "PLAN:" is
part of the plan, not a recap of the note.

Only after the last heading is a line held back until it is whole (a heading is known at its
end): there, a line that opens with a bullet or a number streams at once, as everywhere before.
A template without at least two headings in capitals (a letter, a prescription) is not guarded.

Pure Python; runs on the thread that iterates it (the draft worker).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from desktop.notes.sections import fold, folded_heading, same_part

log = logging.getLogger(__name__)

_TEMPLATE_HEADING = re.compile(
    r"^[ \t]*(?P<title>[^\W\d_][^\W\d_ '’/&-]*(?:[ '’/&-]+[^\W\d_]+)*)[ \t]*:"
)
_BULLET = re.compile(r"^[ \t]*(?:[-•·–][ \t]|\*[ \t]|\d+[.)][ \t])")
MIN_HEADINGS = 2
# Titles of a closing recap (folded): words no template heading here uses for a part of a note.
_CLOSING = re.compile(
    r"\b(?:notes?|summary|(?:final )?report|final(?:ize|ise)?|remarks?|comments?|disclaimer"
    r"|signature|recap\w*|overview|resume|rapport|remarques?|commentaires?|recapitulatif"
    r"|finaliser|finale?|(?:noted|signed|written|dictated|prepared|reviewed) by|redige par)\b"
)


def template_headings(instructions: str) -> tuple[str, ...]:
    """The headings a template asks for, folded, in order: the lines of its instructions that
    open with a title in capitals and a colon."""
    found: list[str] = []
    for line in instructions.splitlines():
        match = _TEMPLATE_HEADING.match(line)
        if match and match["title"].isupper() and len(match["title"]) > 1:
            title = " ".join(fold(match["title"]).split())
            if title not in found:
                found.append(title)
    return tuple(found)


def within_template(chunks: Iterable[str], headings: tuple[str, ...]) -> Iterator[str]:
    """``chunks`` as they come, until a section the template did not ask for opens after its
    last heading; then the stream is closed."""
    upstream = iter(chunks)
    if len(headings) < MIN_HEADINGS:
        yield from upstream
        return
    last = headings[-1]
    after_last = False
    line = ""  # the line being written
    held = ""  # its part not yet passed on
    try:
        for chunk in upstream:
            for piece in re.split(r"(\n)", chunk):
                if piece != "\n":
                    line += piece
                    held += piece
                    if held and (not after_last or _BULLET.match(line)):
                        yield held
                        held = ""
                    continue
                title = folded_heading(line)
                if after_last and _closing(title, headings):
                    log.info("draft: stopped at a section the template did not ask for")
                    return
                after_last = after_last or (title is not None and title == last)
                yield held + "\n"
                line = held = ""
        if held:
            title = folded_heading(line)
            if not (after_last and _closing(title, headings)):
                yield held
    finally:
        close = getattr(upstream, "close", None)
        if close is not None:
            close()


def _closing(title: str | None, headings: tuple[str, ...]) -> bool:
    """``title`` opens a recap the template did not ask for."""
    return (
        title is not None
        and _CLOSING.search(title) is not None
        and not any(same_part(title, heading) for heading in headings)
    )
