"""A drafted document as sections, headings, lists and paragraphs; rendered for the clipboard.

Drafts come back as light Markdown ("## Plan", "**Assessment:**", "- item") or as plain text with
headings in capitals ("ASSESSMENT AND PLAN"). Practice software takes either rich text or plain
text, so Copy puts both: HTML with real headings and lists, and clean plain text. Pure Python.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

HEADING_MD = re.compile(r"^\s{0,3}#{1,6}\s+(?P<t>.+?)\s*#*\s*$")
HEADING_BOLD = re.compile(r"^\s*\*\*(?P<t>[^*]{2,80}?):?\*\*\s*:?\s*$")
HEADING_CAPS = re.compile(r"^\s*(?P<t>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9 ,/&'()\-]{2,60}?)\s*:?\s*$")
HEADING_COLON = re.compile(r"^\s*(?P<t>[A-ZÀ-ÖØ-Þ][\w ,/&'()\-]{1,40}):\s*$")
BULLET = re.compile(r"^\s*(?P<m>[-*•]|\d{1,2}[.)])\s+(?P<t>.+)$")
INLINE_BOLD = re.compile(r"\*\*(.+?)\*\*")
INLINE_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")

HEADING, BULLET_ITEM, PARAGRAPH, BLANK = "heading", "bullet", "paragraph", "blank"
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")  # "---", "***": a Markdown horizontal rule
# A leading "Label:" of a line or list item ("- Reason for the Visit: ..."), shown in bold.
LABEL = re.compile(r"^(?P<lead>\s*(?:[-*•]\s+)?)(?P<label>[A-ZÀ-ÖØ-Þ][^:\n]{0,40}?:)(?=\s|$)")
# A title line the templates never ask for ("SOAP Note", "# Clinical Note", "**Compte rendu**").
TITLE = re.compile(
    r"^(the\s+)?((soap|clinical|medical|consultation|progress|visit|office)\s+)?"
    r"(note|notes|report)(\s+soap)?(\s*[-–—:].*)?$"
    r"|^(compte[- ]rendu|note|rapport)(\s+(de\s+(la\s+)?)?(consultation|medical|soap))?"
    r"(\s*[-–—:].*)?$"
    r"|^soap(\s+note)?(\s*[-–—:].*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    kind: str
    text: str  # without markdown markers
    start: int  # character offset of the line in the source text
    end: int
    marker: str = ""  # a list item's marker: "-" or "1." ...


@dataclass(frozen=True)
class Section:
    title: str  # "" for text before the first heading
    start: int
    end: int
    text: str  # the section's source text, heading line included


def heading_title(line: str) -> str | None:
    for pattern in (HEADING_MD, HEADING_BOLD, HEADING_CAPS, HEADING_COLON):
        match = pattern.match(line)
        if match:
            return match.group("t").strip().rstrip(":").strip("*").strip()
    return None


def strip_inline(text: str) -> str:
    return INLINE_ITALIC.sub(r"\1", INLINE_BOLD.sub(r"\1", text))


def _clean_line(line: str) -> str | None:
    """One line of a draft without its Markdown markers (None: drop the line). Headings keep
    their words and end with a colon unless written in capitals ("## Plan" -> "Plan:",
    "**SUBJECTIVE:**" -> "SUBJECTIVE:"); "- **Label:** text" -> "- Label: text"."""
    if RULE.match(line):
        return None
    md = HEADING_MD.match(line) or HEADING_BOLD.match(line)
    if md:
        title = strip_inline(md.group("t")).strip().rstrip(":").strip("*").strip()
        tail = line.rstrip().rstrip("*#").rstrip()
        colon = tail.endswith(":") or not title.isupper()
        space = " " if re.search(r"\s:$", tail) else ""  # French: "MOTIF :"
        return f"{title}{space}:" if colon else title
    return strip_inline(line)


def _title_line(line: str) -> bool:
    if not line.strip() or BULLET.match(line):
        return False
    md = HEADING_MD.match(line) or HEADING_BOLD.match(line)
    words = strip_inline(md.group("t") if md else line).strip().rstrip(":").strip()
    if words.endswith((".", "!", "?")) or len(words.split()) > 8:
        return False  # "Note: the patient asked for a letter." is a sentence
    return bool(TITLE.match(words))


def clean_markdown(text: str) -> str:
    """The draft as clean text: no asterisks or # (their meaning kept as headings and labels),
    no horizontal rules, no title line ("SOAP Note") before the first section. Idempotent:
    clean text comes back unchanged."""
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    out: list[str] = []
    for k, line in enumerate(lines):
        if k == first and _title_line(line):
            continue
        if not out and not line.strip() and first is not None and k < first + 2:
            continue  # blank lines left at the top by a dropped title
        cleaned = _clean_line(line)
        if cleaned is not None:
            out.append(cleaned)
    return "\n".join(out)


def clean_stream_line(line: str, *, first: bool) -> str | None:
    """A finished line of a streaming draft, cleaned as ``clean_markdown`` would (None: drop
    it); ``first``: the first line with words (a title line there is dropped)."""
    if first and _title_line(line):
        return None
    return _clean_line(line)


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start, end = offset, offset + len(body)
        offset += len(line)
        if not body.strip():
            blocks.append(Block(BLANK, "", start, end))
        elif (title := heading_title(body)) is not None:
            blocks.append(Block(HEADING, title, start, end))
        elif match := BULLET.match(body):
            marker = match.group("m")
            marker = "-" if marker in "-*•" else marker
            blocks.append(Block(BULLET_ITEM, match.group("t").strip(), start, end, marker))
        else:
            blocks.append(Block(PARAGRAPH, body.strip(), start, end))
    return blocks


def sections(text: str) -> list[Section]:
    """The document cut at its headings (for copying one section)."""
    cuts = [(b.start, b.text) for b in parse(text) if b.kind == HEADING]
    if not cuts or cuts[0][0] > 0:
        cuts.insert(0, (0, ""))
    result = []
    for i, (start, title) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        chunk = text[start:end]
        if chunk.strip():
            result.append(Section(title, start, end, chunk.rstrip()))
    return result


def _inline_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = INLINE_BOLD.sub(r"<b>\1</b>", escaped)
    escaped = INLINE_ITALIC.sub(r"<i>\1</i>", escaped)
    if "<b>" not in escaped:  # "Reason for the Visit: ..." in bold, as the editor shows it
        escaped = LABEL.sub(r"\g<lead><b>\g<label></b>", escaped, count=1)
    return escaped


def to_html(text: str) -> str:
    out: list[str] = []
    in_list = False
    for block in parse(text):
        if block.kind != BULLET_ITEM and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == HEADING:
            out.append(f"<h3>{_inline_html(block.text)}</h3>")
        elif block.kind == BULLET_ITEM:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline_html(block.text)}</li>")
        elif block.kind == PARAGRAPH:
            out.append(f"<p>{_inline_html(block.text)}</p>")
    if in_list:
        out.append("</ul>")
    return "<html><body>" + "\n".join(out) + "</body></html>"


def to_plain(text: str, *, caps_headings: bool = False) -> str:
    """Clean plain text: no Markdown symbols; headings on their own line (in capitals if asked)."""
    lines: list[str] = []
    for block in parse(text):
        if block.kind == HEADING:
            if lines and lines[-1] != "":
                lines.append("")
            title = strip_inline(block.text)
            lines.append(title.upper() if caps_headings else title)
        elif block.kind == BULLET_ITEM:
            lines.append(f"{block.marker} {strip_inline(block.text)}")
        elif block.kind == PARAGRAPH:
            lines.append(strip_inline(block.text))
        elif lines and lines[-1] != "":
            lines.append("")
    return "\n".join(lines).strip() + "\n"


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))
