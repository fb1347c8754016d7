"""The history of encounters: today's and recent ones, to reopen (read, re-draft, copy) or delete.

Threads: GUI thread only (the store's list/load calls are short).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store.models import EncounterSummary
from desktop.ui.widgets import format_elapsed


class HistoryDialog(QDialog):
    open_requested = Signal(str)  # encounter id
    delete_requested = Signal(str)

    def __init__(
        self,
        *,
        list_recent: Callable[[], list[EncounterSummary]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Consultations"))
        self.resize(460, 420)
        self._list_recent = list_recent
        layout = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color:#555;")
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(self._open)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open"), self)
        self.delete_button = QPushButton(self.tr("Delete…"), self)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addWidget(self.info)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open)
        self.delete_button.clicked.connect(self._delete)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        summaries = self._list_recent()
        today = time.strftime("%Y-%m-%d")
        for summary in summaries:
            day = time.strftime("%Y-%m-%d", time.localtime(summary.started_at))
            when = time.strftime("%H:%M", time.localtime(summary.started_at))
            if day != today:
                when = time.strftime("%d/%m %H:%M", time.localtime(summary.started_at))
            words = summary.first_words or self.tr("(no transcript)")
            flags = []
            if not summary.finished:
                flags.append(self.tr("interrupted"))
            if summary.copied:
                flags.append(self.tr("copied"))
            suffix = f"  [{', '.join(flags)}]" if flags else ""
            text = f"{when}  ·  {format_elapsed(summary.duration_s)}  ·  {words}{suffix}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.list.addItem(item)
        self.info.setText(
            self.tr("{n} consultations kept on this computer.").format(n=len(summaries))
            if summaries
            else self.tr("No consultation is kept on this computer.")
        )
        if summaries:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _selected(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _update_buttons(self) -> None:
        has = bool(self._selected())
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _open(self) -> None:
        encounter_id = self._selected()
        if encounter_id:
            self.open_requested.emit(encounter_id)
            self.accept()

    def _delete(self) -> None:
        encounter_id = self._selected()
        if not encounter_id:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete this consultation?"),
            self.tr("Its audio, transcript and documents are deleted for good."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(encounter_id)
            self.refresh()
