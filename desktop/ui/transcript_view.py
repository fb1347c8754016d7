"""The live transcript: committed text in black, the tentative tail greyed, times on hover.

Auto-scroll follows new text while the view is at the bottom; it pauses when the doctor scrolls
up to read, and resumes once they scroll back down. Threads: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from desktop.asr.base import Segment
from desktop.ui.widgets import format_elapsed

SEGMENT_PROPERTY = QTextFormat.Property.UserProperty + 1
PARAGRAPH_GAP_S = 0.8  # settled text: a pause this long between two segments starts a paragraph


class TranscriptView(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setMouseTracking(True)
        self.setPlaceholderText(
            self.tr("Press Record (Ctrl+R) to start. The transcript appears here as you speak.")
        )
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        self.setFont(font)
        self.document().setDocumentMargin(8)
        self._segments: list[Segment] = []
        self._spans: list[tuple[int, int]] = []  # each segment's characters in the document
        self._breaks: list[bool] = []  # each segment starts a paragraph
        self._tentative_at: int | None = None  # where the greyed tail starts
        self._follow = True
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- content -------------------------------------------------------------------------------

    def clear_transcript(self) -> None:
        self._segments.clear()
        self._spans.clear()
        self._breaks.clear()
        self.setExtraSelections([])
        self._tentative_at = None
        self.clear()
        self._follow = True

    def segments(self) -> list[Segment]:
        return list(self._segments)

    def committed_text(self) -> str:
        return " ".join(s.text.strip() for s in self._segments if s.text.strip())

    def tentative_text(self) -> str:
        if self._tentative_at is None:
            return ""
        return self.toPlainText()[self._tentative_at :].strip()

    def add_committed(self, segments: Sequence[Segment]) -> None:
        tentative = self.tentative_text()
        self._remove_tentative()
        cursor = self._end_cursor()
        if self._segments and segments:
            cursor.insertBlock()
        for i, segment in enumerate(segments):
            if i:
                cursor.insertText(" ")
            self._breaks.append(i == 0 and bool(self._segments))
            self._insert(cursor, segment)
        self.set_tentative(tentative if not segments else "")
        self._scroll_if_following()

    def _insert(self, cursor: QTextCursor, segment: Segment) -> None:
        fmt = QTextCharFormat()
        fmt.setProperty(SEGMENT_PROPERTY, len(self._segments))
        start = cursor.position()
        cursor.insertText(segment.text.strip(), fmt)
        self._spans.append((start, cursor.position()))
        self._segments.append(segment)

    def settle_to(self, segments: Sequence[Segment]) -> None:
        """Show ``segments`` (the second pass re-transcribed a stretch): the text from the first
        segment that changed is written again in place, without moving what the doctor is
        reading (the scroll position is kept unless the view follows the end)."""
        kept = 0
        while (
            kept < min(len(segments), len(self._segments))
            and segments[kept] == self._segments[kept]
        ):
            kept += 1
        if kept == len(segments) == len(self._segments):
            return
        bar = self.verticalScrollBar()
        scrolled, following = bar.value(), self._follow
        tentative = self.tentative_text()
        self._remove_tentative()
        old_breaks = self._breaks
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._spans[kept - 1][1] if kept else 0)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        del self._segments[kept:], self._spans[kept:], self._breaks[kept:]
        for k in range(kept, len(segments)):
            segment = segments[k]
            if k:
                was_break = k == kept and k < len(old_breaks) and old_breaks[k]
                gap = segment.start - segments[k - 1].end
                new_block = was_break or gap >= PARAGRAPH_GAP_S
                if new_block:
                    cursor.insertBlock()
                else:
                    cursor.insertText(" ")
                self._breaks.append(new_block)
            else:
                self._breaks.append(False)
            self._insert(cursor, segment)
        self._follow = following
        self.set_tentative(tentative)
        if following:
            self._scroll_if_following()
        else:
            bar.setValue(scrolled)
            self._follow = False

    def set_tentative(self, text: str) -> None:
        self._remove_tentative()
        text = text.strip()
        if not text:
            return
        cursor = self._end_cursor()
        self._tentative_at = cursor.position()
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#8a8f98"))
        fmt.setFontItalic(True)
        cursor.insertText((" " if self._segments else "") + text, fmt)
        self._scroll_if_following()

    def _remove_tentative(self) -> None:
        if self._tentative_at is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._tentative_at)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._tentative_at = None

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def highlight_segments(self, indices: Sequence[int]) -> None:
        """Mark the evidence of a note sentence, and bring the first piece into view."""
        selections = []
        for index in indices:
            if 0 <= index < len(self._spans):
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(QColor("#fff0a8"))
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._spans[index][0])
                cursor.setPosition(self._spans[index][1], QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            first = min(s.cursor.selectionStart() for s in selections)
            rect = self.cursorRect(self._cursor_at(first))
            bar = self.verticalScrollBar()
            if not self.viewport().rect().contains(rect.center()):
                bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def highlighted_segments(self) -> list[int]:
        starts = {start: i for i, (start, _end) in enumerate(self._spans)}
        return [starts[s.cursor.selectionStart()] for s in self.extraSelections()]

    def _cursor_at(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return cursor

    # --- auto-scroll ---------------------------------------------------------------------------

    def _on_scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - 4

    def is_following(self) -> bool:
        return self._follow

    def _scroll_if_following(self) -> None:
        if self._follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    # --- times on hover ------------------------------------------------------------------------

    def segment_at(self, pos_in_viewport: object) -> Segment | None:
        cursor = self.cursorForPosition(pos_in_viewport)  # type: ignore[arg-type]
        index = cursor.charFormat().property(SEGMENT_PROPERTY)
        if isinstance(index, int) and 0 <= index < len(self._segments):
            return self._segments[index]
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            segment = self.segment_at(event.pos())  # type: ignore[attr-defined]
            if segment is not None:
                QToolTip.showText(
                    event.globalPos(),  # type: ignore[attr-defined]
                    f"{format_elapsed(segment.start)} – {format_elapsed(segment.end)}",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
