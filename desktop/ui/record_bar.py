"""The recording controls: Record, Pause/Resume, Stop, elapsed time, level meter, language.

Threads: GUI thread only. The bar shows the controller's state; the window connects its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.audio.pump import CaptureStatus
from desktop.session.states import SessionState
from desktop.ui.widgets import LevelMeter, format_elapsed


class MicrophoneCombo(QComboBox):
    """The microphone to record from, by name; the list is read afresh each time it opens
    (devices come and go)."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()


class RecordBar(QWidget):
    language_chosen = Signal(str)  # "auto" | "en" | "fr"
    microphone_chosen = Signal(str)  # a device name; "" = the system default

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.record_button = QPushButton(self.tr("● Record"), self)
        self.record_button.setStyleSheet("QPushButton { color: #b3261e; font-weight: 600; }")
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.stop_button = QPushButton(self.tr("■ Stop"), self)
        self.elapsed_label = QLabel("00:00", self)
        self.elapsed_label.setMinimumWidth(48)
        self.level_meter = LevelMeter(self)
        self.language_combo = QComboBox(self)
        for code, label in (
            ("auto", self.tr("Auto")),
            ("en", self.tr("English")),
            ("fr", self.tr("French")),
        ):
            self.language_combo.addItem(label, code)
        self.language_combo.setToolTip(self.tr("Language spoken in the consultation"))
        for widget in (self.record_button, self.pause_button, self.stop_button):
            row.addWidget(widget)
        row.addWidget(self.elapsed_label)
        row.addWidget(self.level_meter, 1)
        row.addWidget(self.language_combo)
        outer.addLayout(row)
        self.microphone_combo = MicrophoneCombo(self)
        self.microphone_combo.setToolTip(self.tr("Microphone to record from"))
        self.microphone_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.microphone_combo.setMinimumContentsLength(14)
        self.set_microphones([], "")
        row.insertWidget(row.count() - 1, self.microphone_combo)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color:#8a5a00;")
        self.hint_label.hide()
        outer.addWidget(self.hint_label)
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.microphone_combo.currentIndexChanged.connect(self._on_microphone_chosen)

    def set_microphones(self, names: list[str], chosen: str) -> None:
        """Fill the choice: the system default, then every input device by name."""
        combo = self.microphone_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Default microphone"), "")
        for name in names:
            combo.addItem(name, name)
        if chosen and chosen not in names:
            combo.addItem(self.tr("{name} (not connected)").format(name=chosen), chosen)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _on_microphone_chosen(self, _index: int) -> None:
        self.microphone_chosen.emit(self.microphone_combo.currentData() or "")

    def set_language(self, code: str) -> None:
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(code)))
        self.language_combo.blockSignals(False)

    def _on_language_chosen(self, _index: int) -> None:
        self.language_chosen.emit(self.language_combo.currentData())

    def apply_state(self, state: str) -> None:
        busy = state in (SessionState.RECORDING, SessionState.PAUSED)
        self.record_button.setEnabled(state == SessionState.IDLE)
        self.pause_button.setEnabled(busy)
        self.pause_button.setText(
            self.tr("Resume") if state == SessionState.PAUSED else self.tr("Pause")
        )
        self.stop_button.setEnabled(busy or state == SessionState.PREPARING)
        self.language_combo.setEnabled(state == SessionState.IDLE)
        self.microphone_combo.setEnabled(state == SessionState.IDLE)
        if state == SessionState.IDLE:
            self.level_meter.set_level(0)
            self.hint_label.hide()

    def reset(self, seconds: float = 0.0) -> None:
        self.elapsed_label.setText(format_elapsed(seconds))

    def show_status(self, status: CaptureStatus, *, recording: bool) -> None:
        self.elapsed_label.setText(format_elapsed(status.seconds))
        self.level_meter.set_level(status.level)
        if status.no_signal and recording:
            self.hint_label.setText(
                self.tr(
                    "No sound from the microphone for {s} s: is it muted, or is another "
                    "microphone chosen in Settings?"
                ).format(s=int(status.silence_s))
            )
            self.hint_label.show()
        else:
            self.hint_label.hide()
        if status.overflows:
            self.level_meter.setToolTip(
                self.tr("{n} audio overflows (the computer was too busy)").format(
                    n=status.overflows
                )
            )
