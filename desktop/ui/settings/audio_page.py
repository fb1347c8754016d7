"""Settings > Audio: the input device, a test with a level meter, and the doctor's voice.

Threads: GUI thread; the level test runs ``services.level_meter`` on a ``desktop.session.workers``
worker whose signals come back to bound methods here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.config import Settings
from desktop.session.workers import Worker, WorkerSet
from desktop.ui.messages import error_message
from desktop.ui.settings.common import SettingsPage, add_field, new_form, note_label
from desktop.ui.settings.dialog_services import SettingsServices
from desktop.ui.settings.voice_enrolment import VoiceEnrolment
from desktop.ui.widgets import LevelMeter

HEARD_LEVEL = 0.05  # a level above this during the test: the microphone hears something


class AudioPage(SettingsPage):
    def __init__(
        self, *, settings: Settings, services: SettingsServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workers = WorkerSet(parent=self)  # the one way to start a thread
        self._services = services
        self._worker: Worker | None = None
        self._peak = 0.0
        self.device = QComboBox(self)
        self.device.setAccessibleName(self.tr("Microphone"))
        self.device.addItem(self.tr("System default"), "")
        try:
            names = services.list_input_devices()
        except Exception as exc:  # a broken audio stack must not stop the dialog
            names = []
            self._list_error = error_message(exc)[0]
        else:
            self._list_error = ""
        for name in names:
            self.device.addItem(name, name)
        saved = settings.audio.device
        if saved and self.device.findData(saved) < 0:
            self.device.addItem(self.tr("%1 (not connected)").replace("%1", saved), saved)
        self.device.setCurrentIndex(max(0, self.device.findData(saved)))
        self.device.currentIndexChanged.connect(self._on_device_changed)

        self.test_button = QPushButton(self.tr("Test microphone"), self)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.meter = LevelMeter(self)
        self.result = note_label("", self)
        test_row = QWidget(self)
        row = QHBoxLayout(test_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.test_button)
        row.addWidget(self.meter, 1)

        form = new_form(self)
        self.device_error = add_field(
            form,
            self.tr("Microphone:"),
            self.device,
            note=self.tr("Scribe records from this input during the consultation."),
        )
        if self._list_error:
            self.device_error.set_message(self._list_error, warning=True)
        form.addRow(self.tr("Test:"), test_row)
        form.addRow("", self.result)
        self.voice = VoiceEnrolment(services=services, device=self.selected_device, parent=self)
        form.addRow(self.tr("Your voice:"), self.voice)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Audio")

    def selected_device(self) -> str:
        return str(self.device.currentData() or "")

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, audio=replace(settings.audio, device=self.selected_device()))

    # --- level test -------------------------------------------------------------------------

    def testing(self) -> bool:
        return self._worker is not None

    def _on_device_changed(self, _index: int) -> None:
        if self.testing():
            self.stop_test()
        self.changed.emit()

    def _on_test_clicked(self) -> None:
        if self.testing():
            self.stop_test()
        else:
            self.start_test()

    @property
    def peak(self) -> float:
        """The loudest level heard since the test started (0..1)."""
        return self._peak

    def start_test(self) -> None:
        self._peak = 0.0
        self.meter.set_level(0.0)
        self.result.setText(self.tr("Speak now: the bar should move with your voice."))
        worker = self._workers.spawn(
            self._services.level_meter, self.selected_device(), name="level-test"
        )
        worker.yielded.connect(self._on_level)
        worker.errored.connect(self._on_error)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self.test_button.setText(self.tr("Stop test"))
        worker.start()

    def stop_test(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.cancel()
        self.test_button.setText(self.tr("Test microphone"))
        self.meter.set_level(0.0)
        if self._peak >= HEARD_LEVEL:
            self.result.setText(self.tr("The microphone works."))
        else:
            self.result.setText(
                self.tr(
                    "Nothing was heard. Check that the microphone is plugged in and not muted, "
                    "or choose another one."
                )
            )

    def _on_level(self, level: object) -> None:
        if self._worker is None or not isinstance(level, float | int):
            return
        self._peak = max(self._peak, float(level))
        self.meter.set_level(float(level))

    def _on_error(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            self.result.setText(error_message(exc)[0])
        self._worker = None
        self.test_button.setText(self.tr("Test microphone"))
        self.meter.set_level(0.0)

    def _on_finished(self) -> None:
        if self._worker is not None and self.sender() is self._worker:
            self.stop_test()  # the level source ended by itself

    def shutdown(self) -> None:
        self.voice.shutdown()
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
            worker.wait(2.0)
