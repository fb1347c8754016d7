"""Settings ▸ Audio ▸ Your voice: record the doctor reading a short text once (redo any time), so
the transcript can say Doctor and Patient instead of Speaker 1 and Speaker 2.

Threads: GUI thread; the recording runs ``services.enrol_voice`` on a ``desktop.session.workers``
worker whose signals come back to bound methods here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.session.workers import Worker, WorkerSet
from desktop.speakers.enrolment import ENROL_S
from desktop.ui.messages import error_message
from desktop.ui.settings.dialog_services import SettingsServices


class VoiceEnrolment(QWidget):
    def __init__(
        self,
        *,
        services: SettingsServices,
        device: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._device = device
        self._workers = WorkerSet(parent=self)
        self._worker: Worker | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.text = QLabel(self.reading_text(), self)
        self.text.setWordWrap(True)
        self.text.setFrameShape(QFrame.Shape.StyledPanel)
        self.text.setMargin(8)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_button = QPushButton(self.tr("Record my voice"), self)
        self.record_button.clicked.connect(self._on_record_clicked)
        self.forget_button = QPushButton(self.tr("Forget my voice"), self)
        self.forget_button.clicked.connect(self._on_forget_clicked)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, int(ENROL_S))
        self.progress.setFormat(self.tr("%v s of %m s"))
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        available = services.enrol_voice is not None
        self.record_button.setEnabled(available)
        self.text.setVisible(available)
        self._show_state()

    def reading_text(self) -> str:
        return self.tr(
            "The North Wind and the Sun were disputing which was the stronger, when a traveller "
            "came along wrapped in a warm cloak. They agreed that the one who first succeeded in "
            "making the traveller take his cloak off should be considered stronger than the "
            "other. Then the North Wind blew as hard as he could, but the more he blew, the more "
            "closely did the traveller fold his cloak around him; and at last the North Wind gave "
            "up the attempt."
        )

    def recording(self) -> bool:
        return self._worker is not None

    def _show_state(self, message: str = "") -> None:
        if message:
            self.status.setText(message)
            return
        if self._services.enrol_voice is None:
            self.status.setText(
                self.tr("Telling the doctor from the patient is not available on this computer.")
            )
            self.forget_button.setEnabled(False)
            return
        at = self._services.voice_enrolled_at()
        self.forget_button.setEnabled(at is not None)
        if at is None:
            self.status.setText(
                self.tr(
                    "Read the text below aloud once (about 25 s), so the transcript can say "
                    "Doctor and Patient. Until then it says Speaker 1 and Speaker 2."
                )
            )
        else:
            when = QDateTime.fromSecsSinceEpoch(int(at)).toString("yyyy-MM-dd HH:mm")
            self.status.setText(
                self.tr(
                    "Your voice was recorded on %1: the transcript says Doctor and Patient."
                ).replace("%1", when)
            )
            self.record_button.setText(self.tr("Record again"))

    def _on_record_clicked(self) -> None:
        if self.recording():
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        enrol = self._services.enrol_voice
        if enrol is None:
            return
        worker = self._workers.spawn(enrol, self._device(), name="enrol-voice")
        worker.yielded.connect(self._on_seconds)
        worker.returned.connect(self._on_saved)
        worker.errored.connect(self._on_error)
        self._worker = worker
        self.progress.setValue(0)
        self.progress.show()
        self.record_button.setText(self.tr("Stop"))
        self.forget_button.setEnabled(False)
        self._show_state(self.tr("Recording: read the text aloud at your usual pace."))
        worker.start()

    def stop(self) -> None:
        """Abandon the recording (nothing is kept)."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
        self._finish()

    def _on_seconds(self, seconds: object) -> None:
        if self._worker is not None and isinstance(seconds, float | int):
            self.progress.setValue(int(seconds))
            if seconds >= ENROL_S:
                self._show_state(self.tr("Learning your voice…"))

    def _on_saved(self, _result: object) -> None:
        self._worker = None
        self._finish()

    def _on_error(self, exc: object) -> None:
        self._worker = None
        self._finish()
        if isinstance(exc, BaseException):
            self._show_state(error_message(exc)[0])

    def _finish(self) -> None:
        self.progress.hide()
        self.record_button.setText(self.tr("Record my voice"))
        self._show_state()

    def _on_forget_clicked(self) -> None:
        self._services.forget_voice()
        self.record_button.setText(self.tr("Record my voice"))
        self._show_state()

    def shutdown(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
            worker.wait(2.0)
