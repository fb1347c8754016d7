"""The transcript panel: its title, Copy transcript, and the live transcript below them.

Threads: GUI thread only. The panel never talks to the controller; the main window wires it.
Its strings keep the main window's translation context ("MainWindow").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.transcript_view import TranscriptView


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class TranscriptPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        transcript_layout = QVBoxLayout(self)
        transcript_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel(_t("Transcript"), self)
        title.setStyleSheet("font-weight:600;")
        self.copy_button = QPushButton(_t("Copy transcript"), self)
        self.copy_button.setFlat(True)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.copy_button)
        transcript_layout.addLayout(header)
        self.view = TranscriptView(self)
        transcript_layout.addWidget(self.view, 1)
