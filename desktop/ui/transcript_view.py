"""The live transcript: committed text in black, the tentative tail greyed, times on hover.

When who spoke is known, each turn is a paragraph opened by a colour bar and the speaker's name
(a guess, too short or ambiguous to tell, is underlined with dots). Right-click (or click a
name) to say who spoke a turn, to swap the two speakers, or to say which one is the doctor.

Auto-scroll follows new text while the view is at the bottom; it pauses when the doctor scrolls
up to read, and resumes once they scroll back down. Threads: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from desktop.asr.base import Segment
from desktop.ui.speaker_menu import speaker_menu, speaker_name
from desktop.ui.widgets import format_elapsed

SEGMENT_PROPERTY = QTextFormat.Property.UserProperty + 1
PARAGRAPH_GAP_S = 0.8  # settled text: a pause this long between two segments starts a paragraph
LABEL_PROPERTY = QTextFormat.Property.UserProperty + 2  # a speaker's name: the segment after it
BAR = "\u258c"  # ▌ the turn's colour bar
COLOURS = {
    "doctor": "#2b6cb0",
    "patient": "#2f855a",
    "speaker 1": "#6b46c1",
    "speaker 2": "#c05621",
    "speaker 3": "#b83280",
    "speaker 4": "#4a5568",
}


class TranscriptView(QTextEdit):
    relabel_requested = Signal(int, str)  # segment index, speaker key
    rename_requested = Signal(object)  # dict[str, str]: old speaker key -> new

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

    def copied_text(self) -> str:
        """The transcript to copy: one "Name: words" line per turn when who spoke is known."""
        if not any(s.speaker for s in self._segments):
            return self.committed_text()
        lines: list[str] = []
        previous: str | None = None
        for s in self._segments:
            text = s.text.strip()
            if lines and s.speaker == previous:
                lines[-1] += " " + text
            else:
                name = self.speaker_name(s.speaker) + ": " if s.speaker else ""
                lines.append(name + text)
            previous = s.speaker
        return "\n".join(lines)

    def tentative_text(self) -> str:
        if self._tentative_at is None:
            return ""
        return self.toPlainText()[self._tentative_at :].strip()

    def add_committed(self, segments: Sequence[Segment]) -> None:
        tentative = self.tentative_text()
        self._remove_tentative()
        cursor = self._end_cursor()
        for i, segment in enumerate(segments):
            previous = self._segments[-1] if self._segments else None
            turn = segment.speaker is not None and (
                previous is None or previous.speaker != segment.speaker
            )
            block = previous is not None and (turn or (i == 0 and segment.speaker is None))
            if block:
                cursor.insertBlock()
            elif i:
                cursor.insertText(" ")
            self._breaks.append(block)
            if turn and segment.speaker is not None:
                self._insert_label(cursor, segment.speaker, len(self._segments))
            self._insert(cursor, segment)
        self.set_tentative(tentative if not segments else "")
        self._scroll_if_following()

    def _insert(self, cursor: QTextCursor, segment: Segment) -> None:
        start = cursor.position()
        cursor.insertText(segment.text.strip(), self._segment_format(segment))
        self._spans.append((start, cursor.position()))
        self._segments.append(segment)

    def settle_to(self, segments: Sequence[Segment]) -> None:
        """Show ``segments`` (the second pass re-transcribed a stretch): the text from the first
        segment that changed is written again in place, without moving what the doctor is
        reading (the scroll position is kept unless the view follows the end). With speakers,
        the turns are laid out anew (``set_segments``)."""
        if any(s.speaker for s in segments) or any(s.speaker for s in self._segments):
            self.set_segments(segments)
            return
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
            new_block = False
            if k:
                was_break = k == kept and k < len(old_breaks) and old_breaks[k]
                new_block = was_break or segment.start - segments[k - 1].end >= PARAGRAPH_GAP_S
                if new_block:
                    cursor.insertBlock()
                else:
                    cursor.insertText(" ")
            self._breaks.append(new_block)
            self._insert(cursor, segment)
        self._follow = following
        self.set_tentative(tentative)
        if following:
            self._scroll_if_following()
        else:
            bar.setValue(scrolled)
            self._follow = False

    def set_segments(self, segments: Sequence[Segment]) -> None:
        """Show the committed transcript anew (who said what changed); the tail stays."""
        tentative = self.tentative_text()
        follow = self._follow
        value = self.verticalScrollBar().value()
        self.clear_transcript()
        self._follow = follow
        self.add_committed(segments)
        self.set_tentative(tentative)
        if not follow:
            self.verticalScrollBar().setValue(value)

    def speaker_name(self, key: str) -> str:
        return speaker_name(key)

    def _insert_label(self, cursor: QTextCursor, speaker: str, index: int) -> None:
        colour = QColor(COLOURS.get(speaker, "#4a5568"))
        fmt = QTextCharFormat()
        fmt.setForeground(colour)
        fmt.setProperty(LABEL_PROPERTY, index)
        cursor.insertText(BAR + " ", fmt)
        fmt.setFontWeight(QFont.Weight.Bold)
        cursor.insertText(self.speaker_name(speaker), fmt)
        cursor.insertText("  ", QTextCharFormat())

    def _segment_format(self, segment: Segment) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setProperty(SEGMENT_PROPERTY, len(self._segments))
        if segment.speaker_uncertain:
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor("#6b7280"))
        return fmt

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

    # --- who said what ------------------------------------------------------------------------

    def speaker_menu(self, index: int) -> QMenu:
        """Say who spoke the turn holding segment ``index``; swap or name the speakers."""
        menu = speaker_menu(self, self._segments, index)
        menu.triggered.connect(self._on_speaker_chosen)
        return menu

    def _on_speaker_chosen(self, action: QAction) -> None:
        data = action.data()
        if isinstance(data, tuple) and data and data[0] == "turn":
            self.relabel_requested.emit(int(data[1]), str(data[2]))
        elif isinstance(data, tuple) and data and data[0] == "rename":
            self.rename_requested.emit(dict(data[1]))

    def _index_at(self, pos: QPoint) -> int | None:
        fmt = self.cursorForPosition(pos).charFormat()
        for prop in (SEGMENT_PROPERTY, LABEL_PROPERTY):
            index = fmt.property(prop)
            if isinstance(index, int) and 0 <= index < len(self._segments):
                return index
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self._index_at(event.pos())
        if index is None or not any(s.speaker for s in self._segments):
            super().contextMenuEvent(event)
            return
        self.speaker_menu(index).exec(event.globalPos())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        fmt = self.cursorForPosition(event.position().toPoint()).charFormat()
        index = fmt.property(LABEL_PROPERTY)
        on_label = isinstance(index, int) and 0 <= index < len(self._segments)
        if event.button() == Qt.MouseButton.LeftButton and on_label:
            self.speaker_menu(index).exec(event.globalPosition().toPoint())
            return
        super().mouseReleaseEvent(event)

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
