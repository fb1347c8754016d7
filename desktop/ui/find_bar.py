"""The find bar under the documents (Ctrl+F), wrapping around at either end.

Threads: GUI thread only. ``desktop.ui.note_editor.DocumentTabs`` owns it and points it at the
current editor. Its strings keep their translation context ("FindBar").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QTextEdit, QToolButton, QWidget


class FindBar(QWidget):
    """Ctrl+F: find in the current document; Enter = next, Shift+Enter = previous."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in the document"))
        self.field.setClearButtonEnabled(True)
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip(self.tr("Next match (Enter)"))
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        layout.addWidget(self.field, 1)
        for button in (previous, following, close):
            button.setAutoRaise(True)
            layout.addWidget(button)
        self.editor: QTextEdit | None = None
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.hide)
        self.field.returnPressed.connect(self.find_next)
        self.hide()

    def open_for(self, editor: QTextEdit) -> None:
        self.editor = editor
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def keyPressEvent(self, event: object) -> None:
        key = event.key()  # type: ignore[attr-defined]
        if key == Qt.Key.Key_Escape:
            self.hide()
            if self.editor is not None:
                self.editor.setFocus()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
        ):
            self.find_previous()
        else:
            super().keyPressEvent(event)  # type: ignore[arg-type]

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        text = self.field.text()
        if self.editor is None or not text:
            return False
        if self.editor.find(text, flags):
            return True
        cursor = self.editor.textCursor()  # wrap around
        backward = bool(flags & QTextDocument.FindFlag.FindBackward)
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.editor.setTextCursor(cursor)
        return self.editor.find(text, flags)
