"""The main window's status bar: what is happening now, a busy/progress bar, the word count.

Threads: GUI thread only. The window tells it what to show; it never reads the controller.
Its strings keep the main window's translation context ("MainWindow").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar

from desktop.progress import Progress
from desktop.session.states import SessionState
from desktop.ui.messages import progress_message


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class StatusLine(QObject):
    def __init__(self, window: QMainWindow, *, checks_label: QLabel) -> None:
        super().__init__(window)
        self._window = window
        self.status_label = QLabel(window)
        self.progress_bar = QProgressBar(window)
        self.progress_bar.setMaximumWidth(140)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.words_label = QLabel(window)
        bar = window.statusBar()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(checks_label)
        bar.addPermanentWidget(self.words_label)

    def show_state(self, state: str) -> None:
        texts: dict[str, str] = {
            SessionState.RECORDING: _t("Recording…"),
            SessionState.PAUSED: _t("Paused: nothing is recorded."),
            SessionState.CATCHING_UP: _t("Catching up: finishing the transcript…"),
            SessionState.PREPARING: _t("Getting ready to record…"),
            SessionState.RECOVERING: _t("Recovering the interrupted consultation…"),
        }
        self.status_label.setText(texts.get(state, _t("Ready.")))

    def show_backlog(self, seconds: float, *, catching_up: bool) -> None:
        """How far the transcript is behind, once it is noticeably behind (or while catching up)."""
        if catching_up or seconds >= 3:
            self.status_label.setText(
                _t("Catching up: {s} s of audio still to transcribe…").format(s=round(seconds))
            )

    def show_transcript_complete(self) -> None:
        self.status_label.setText(_t("Transcript complete."))

    def show_drafting(self) -> None:
        self.status_label.setText(_t("Writing the note…"))

    def show_draft_finished(self, *, completed: bool) -> None:
        self.status_label.setText(
            _t("Draft ready: read it, edit it, then Copy.")
            if completed
            else _t("Drafting stopped; what arrived is kept.")
        )

    def show_progress(self, progress: Progress) -> None:
        self.status_label.setText(progress_message(progress.stage))
        self.progress_bar.show()
        if progress.fraction < 0:
            self.progress_bar.setRange(0, 0)
        else:
            self.progress_bar.setRange(0, 100)
            self.progress_bar.setValue(int(progress.fraction * 100))

    def show_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)

    def show_words(self, count: int | None) -> None:
        """The current document's word count (``None``: no document, nothing shown)."""
        self.words_label.setText(_t("{n} words").format(n=count) if count is not None else "")

    def flash(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 3000)
