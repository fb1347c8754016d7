"""A revision shown in the editor before the doctor accepts it: inserted words on green, removed
words struck through on red, and what contradicts the consultation underlined in red.

The preview is a separate QTextDocument put into the editor for the time it is shown, so the
doctor's document (its text, undo history and checks) is untouched until Accept; Accept puts the
document back and replaces its text as one undo step. Threads: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from desktop.notes.text_diff import DiffPart
from desktop.trust import Flag
from desktop.ui.note_editor import DocumentEditor, NoteHighlighter

INSERTED = "#d1fae5"
REMOVED = "#fee2e2"
FLAGGED = "#b91c1c"


def _formats() -> dict[str, QTextCharFormat]:
    inserted = QTextCharFormat()
    inserted.setBackground(QColor(INSERTED))
    removed = QTextCharFormat()
    removed.setBackground(QColor(REMOVED))
    removed.setForeground(QColor("#7f1d1d"))
    removed.setFontStrikeOut(True)
    return {"equal": QTextCharFormat(), "insert": inserted, "delete": removed}


def _flagged(fmt: QTextCharFormat) -> QTextCharFormat:
    out = QTextCharFormat(fmt)
    out.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    out.setUnderlineColor(QColor(FLAGGED))
    out.setForeground(QColor(FLAGGED))
    out.setFontWeight(700)
    return out


def render(
    parts: Sequence[DiffPart], flags: Sequence[Flag], *, font_from: QTextDocument
) -> tuple[QTextDocument, int]:
    """The preview document and the position of its first change."""
    doc = QTextDocument()
    doc.setDefaultFont(font_from.defaultFont())
    doc.setDocumentMargin(font_from.documentMargin())
    cursor = QTextCursor(doc)
    formats = _formats()
    spans = [f.note_span for f in flags if f.note_span is not None]
    first = -1
    new_pos = 0  # position in the revised text (flags' spans are there)
    for part in parts:
        if part.kind != "equal" and first < 0:
            first = cursor.position()
        if part.kind == "delete":
            cursor.insertText(part.text, formats["delete"])
            continue
        _insert(cursor, part.text, new_pos, formats[part.kind], spans)
        new_pos += len(part.text)
    return doc, max(first, 0)


def _insert(
    cursor: QTextCursor, text: str, at: int, fmt: QTextCharFormat, spans: list[tuple[int, int]]
) -> None:
    """``text`` (at ``at`` in the revised text) with the flagged stretches marked."""
    cuts = sorted({0, len(text)} | {
        min(max(edge - at, 0), len(text)) for span in spans for edge in span
    })  # fmt: skip
    for a, b in pairwise(cuts):
        flagged = any(s < at + b and at + a < e for s, e in spans)
        cursor.insertText(text[a:b], _flagged(fmt) if flagged else fmt)


class Preview(QObject):
    """Swaps a revision's preview into an editor, and back. While it is shown the preview keeps
    the doctor's document (an editor deletes a document it owns when given another)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor: DocumentEditor | None = None
        self._original: QTextDocument | None = None

    @property
    def shown(self) -> bool:
        return self.editor is not None

    def show(
        self, editor: DocumentEditor, parts: Sequence[DiffPart], flags: Sequence[Flag]
    ) -> None:
        self.close()
        preview, first = render(parts, flags, font_from=editor.document())
        preview.setParent(self)
        NoteHighlighter(preview)  # headings bold, as in the document (owned by the preview)
        self.editor, self._original = editor, editor.document()
        self._original.setParent(self)
        editor.blockSignals(True)
        editor.setDocument(preview)
        editor.setReadOnly(True)
        editor.blockSignals(False)
        cursor = QTextCursor(preview)
        cursor.setPosition(first)
        editor.setTextCursor(cursor)
        editor.ensureCursorVisible()

    def close(self) -> DocumentEditor | None:
        """Put the doctor's document back (unchanged); returns the editor it was in."""
        editor, original = self.editor, self._original
        self.editor = self._original = None
        if editor is None or original is None:
            return None
        preview = editor.document()
        editor.blockSignals(True)
        original.setParent(editor)
        editor.setDocument(original)
        editor.setReadOnly(False)
        editor.blockSignals(False)
        if preview is not original:
            preview.deleteLater()
        return editor

    def accept(self, new_text: str) -> DocumentEditor | None:
        """The doctor's document gets ``new_text`` as one undo step."""
        editor = self.close()
        if editor is not None:
            cursor = QTextCursor(editor.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(new_text)
            cursor.endEditBlock()
        return editor
