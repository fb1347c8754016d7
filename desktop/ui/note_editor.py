"""The note editor: one tab per document (note, letter, prescription draft, instructions).

Each editor is plain text with headings shown bold, comfortable line spacing, undo/redo, find
(``desktop.ui.find_bar``), a word count, and "Copy this section" in its context menu.
Threads: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QTabWidget,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop import document_format
from desktop.trust import TrustReport
from desktop.ui.find_bar import FindBar
from desktop.ui.messages import flag_tooltip
from desktop.ui.trust_view import TrustHighlighter


class NoteHighlighter(TrustHighlighter):
    """Headings in bold blue, a line's leading "Label:" in bold, and the trust checks'
    underlines (one highlighter per document)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._heading.setForeground(QColor("#1f4e79"))

        self._label = QTextCharFormat()
        self._label.setFontWeight(QFont.Weight.Bold)

    def highlightBlock(self, text: str) -> None:
        if document_format.heading_title(text) is not None:
            self.setFormat(0, len(text), self._heading)
        elif label := document_format.LABEL.match(text):
            self.setFormat(label.start("label"), len(label.group("label")), self._label)
        super().highlightBlock(text)


class DocumentEditor(QTextEdit):
    copy_section_requested = Signal(str)  # the section's text
    sentence_selected = Signal(object)  # the SentenceLink under the cursor, or None

    def __init__(self, template_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template_id = template_id
        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.setPlaceholderText(
            self.tr("Choose a document and press Draft (Ctrl+D). You can also type here.")
        )
        self.highlighter = NoteHighlighter(self.document())
        self.report: TrustReport | None = None
        self._stream_from = 0  # where the streamed line not yet cleaned starts
        self._stream_first = True  # no line with words streamed yet
        self.textChanged.connect(self._space_lines)
        self.cursorPositionChanged.connect(self._on_cursor_moved)

    def set_report(self, report: TrustReport | None) -> None:
        """The trust checks of the current text (None: hide them, e.g. while drafting)."""
        self.report = report
        self.highlighter.set_report(report)

    def _on_cursor_moved(self) -> None:
        if self.report is not None:
            self.sentence_selected.emit(self.report.sentence_at(self.textCursor().position()))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.report is not None:
            position = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            flags = [
                f
                for f in self.highlighter.flags()
                if f.note_span and f.note_span[0] <= position < f.note_span[1]
            ]
            if flags:
                where = event.globalPos()  # type: ignore[attr-defined]
                QToolTip.showText(where, flag_tooltip(flags), self)
                return True
            QToolTip.hideText()
        return super().viewportEvent(event)

    def _space_lines(self) -> None:
        """Line spacing of 125 % on every block, including ones just typed or streamed in."""
        doc = self.document()
        block = doc.begin()
        needs = False
        while block.isValid():
            if block.blockFormat().lineHeight() != 125:
                needs = True
                break
            block = block.next()
        if not needs:
            return
        fmt = QTextBlockFormat()
        fmt.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        self.blockSignals(True)
        cursor.joinPreviousEditBlock()  # part of the edit that caused it: one undo step
        cursor.mergeBlockFormat(fmt)
        cursor.endEditBlock()
        self.blockSignals(False)

    def begin_stream(self) -> None:
        """A draft starts streaming into this (empty) editor."""
        self._stream_from, self._stream_first = 0, True

    def append_stream(self, text: str) -> None:
        """Add streamed text at the end without moving the doctor's cursor. Each finished line
        loses its Markdown markers as it lands ("**SUBJECTIVE:**" shows as the heading
        "SUBJECTIVE:"); a title line nobody asked for ("SOAP Note") is dropped."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        if "\n" in text:
            self._clean_streamed_lines()
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum() - 40:
            bar.setValue(bar.maximum())

    def _clean_streamed_lines(self) -> None:
        doc = self.document()
        while True:
            rest = doc.toPlainText()[self._stream_from :]
            end = rest.find("\n")
            if end < 0:
                return
            line = rest[:end]
            if not line.strip() and self._stream_from == 0:
                cleaned: str | None = None  # no blank lines above the first words
            else:
                cleaned = document_format.clean_stream_line(line, first=self._stream_first)
                self._stream_first = self._stream_first and not line.strip()
            cursor = QTextCursor(doc)
            cursor.setPosition(self._stream_from)
            cursor.setPosition(self._stream_from + end + 1, QTextCursor.MoveMode.KeepAnchor)
            if cleaned is None:
                cursor.removeSelectedText()
                continue
            if cleaned != line:
                cursor.insertText(cleaned + "\n")
            self._stream_from += len(cleaned) + 1

    def replace_all(self, text: str) -> None:
        """Replace the text as one undoable step (so Regenerate can be undone)."""
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)

    def section_at_cursor(self) -> str:
        position = self.textCursor().position()
        for section in document_format.sections(self.toPlainText()):
            if section.start <= position <= section.end:
                return section.text
        return ""

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        cursor = self.cursorForPosition(event.pos())
        if not self.textCursor().hasSelection():
            self.setTextCursor(cursor)
        section = self.section_at_cursor()
        action = menu.addAction(self.tr("Copy this section"))
        action.setEnabled(bool(section))
        action.triggered.connect(self.copy_section)
        menu.exec(event.globalPos())

    def copy_section(self) -> None:
        """The context menu's "Copy this section": ask to copy the section at the cursor."""
        section = self.section_at_cursor()
        if section:
            self.copy_section_requested.emit(section)


class DocumentTabs(QWidget):
    """The documents of the encounter, one tab each, with the find bar under them."""

    edited = Signal(str, str)  # template id, full text (every edit, for autosave)
    current_changed = Signal(str)  # template id
    copy_section_requested = Signal(str)
    sentence_selected = Signal(object)  # SentenceLink | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(False)
        self.find_bar = FindBar(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.find_bar)
        self._editors: dict[str, DocumentEditor] = {}
        self._last_text: dict[str, str] = {}
        self.tabs.currentChanged.connect(self._on_current_changed)

    def editor(self, template_id: str, title: str) -> DocumentEditor:
        existing = self._editors.get(template_id)
        if existing is not None:
            return existing
        editor = DocumentEditor(template_id, self)
        editor.textChanged.connect(self._on_text_changed)
        editor.copy_section_requested.connect(self.copy_section_requested)
        editor.sentence_selected.connect(self.sentence_selected)
        self._editors[template_id] = editor
        self.tabs.addTab(editor, title)
        return editor

    def show_document(self, template_id: str) -> None:
        editor = self._editors.get(template_id)
        if editor is not None:
            self.tabs.setCurrentWidget(editor)

    def current(self) -> DocumentEditor | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentEditor) else None

    def editors(self) -> dict[str, DocumentEditor]:
        return dict(self._editors)

    def clear(self) -> None:
        # Quietly: the tabs closing one by one must not choose another document in the window
        # (the document the doctor chose stays chosen for the next consultation).
        self.tabs.blockSignals(True)
        self.tabs.clear()
        self.tabs.blockSignals(False)
        for editor in self._editors.values():
            editor.deleteLater()
        self._editors.clear()
        self._last_text.clear()

    def open_find(self) -> None:
        editor = self.current()
        if editor is not None:
            self.find_bar.open_for(editor)

    def _on_text_changed(self) -> None:
        editor = self.sender()
        if not isinstance(editor, DocumentEditor):
            return
        text = editor.toPlainText()
        # Re-highlighting (checks, headings) also signals textChanged: only real edits count,
        # or checks and autosave would keep re-arming each other.
        if self._last_text.get(editor.template_id) != text:
            self._last_text[editor.template_id] = text
            self.edited.emit(editor.template_id, text)

    def _on_current_changed(self, _index: int) -> None:
        editor = self.current()
        self.current_changed.emit(editor.template_id if editor else "")
        if editor is not None and self.find_bar.isVisible():
            self.find_bar.editor = editor
