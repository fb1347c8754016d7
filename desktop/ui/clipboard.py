"""Copying into the practice software: rich text and clean plain text, optionally cleared later.

Threads: GUI thread only. The QMimeData handed to the clipboard belongs to it: no reference is
kept (a lingering one crashed the interpreter at exit, see design.md).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

from desktop import document_format


class ClipboardWriter(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._copied_plain: str | None = None

    def copy_document(self, text: str, *, caps_headings: bool, clear_after_s: int) -> None:
        """Put the document as text/html (headings, lists) and text/plain (no Markdown)."""
        mime = QMimeData()
        mime.setText(document_format.to_plain(text, caps_headings=caps_headings))
        mime.setHtml(document_format.to_html(text))
        self._set(mime, clear_after_s)

    def copy_plain(self, text: str, *, clear_after_s: int) -> None:
        mime = QMimeData()
        mime.setText(text)
        self._set(mime, clear_after_s)

    def _set(self, mime: QMimeData, clear_after_s: int) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(mime)
        self._copied_plain = clipboard.text()
        if clear_after_s > 0:
            QTimer.singleShot(clear_after_s * 1000, self.clear_if_ours)

    def clear_if_ours(self) -> None:
        """Health data should not linger: clear, unless the doctor copied something else since."""
        clipboard = QGuiApplication.clipboard()
        if self._copied_plain is not None and clipboard.text() == self._copied_plain:
            clipboard.clear()
        self._copied_plain = None
