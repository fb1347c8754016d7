"""The first-run checklist: the checks of ``scribe doctor``, each with a fix, in the doctor's
language. Shown on first start (``InterfaceSettings.first_run_done`` is False), and from the menu.

``FirstRunDialog(make_setup=...)``: ``make_setup`` builds the ``DoctorSetup`` (``app/`` passes
``desktop.doctor.real_parts.build_setup`` bound to its settings); ``start()`` runs the checks.
Threads: GUI thread; the checks run on a ``desktop.session.workers`` worker (they record from the
microphone and load the models), their results come back to bound methods here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.doctor import CHECKS, CheckResult, DoctorSetup, Status, run_checks
from desktop.paths import AppPaths
from desktop.secrets import Secrets
from desktop.session.workers import Worker, WorkerSet

ICONS = {Status.PASS: "✔", Status.WARN: "!", Status.FAIL: "✘"}
COLOURS = {Status.PASS: "#1e6b34", Status.WARN: "#8a5300", Status.FAIL: "#b3261e"}


class FirstRunDialog(QDialog):
    settings_requested = Signal()  # "Open Settings": the doctor wants to fix something there

    def __init__(
        self, *, make_setup: Callable[[], DoctorSetup], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workers = WorkerSet(parent=self)  # the one way to start a thread
        self.setWindowTitle(self.tr("Scribe: checking this computer"))
        self._make_setup = make_setup
        self._worker: Worker | None = None
        self._results: list[CheckResult] = []
        self.intro = QLabel(
            self.tr(
                "Scribe checks that everything is ready for a consultation. Speak near the "
                "microphone for a moment while it listens."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(6)
        self.grid_box = QWidget(self)
        self.grid = QGridLayout(self.grid_box)
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(10)
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel, QLabel]] = {}
        for check in ("settings", *CHECKS):
            self._add_row(check)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.again_button = QPushButton(self.tr("Check again"), self)
        self.settings_button = QPushButton(self.tr("Open Settings"), self)
        self.buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.settings_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.again_button.clicked.connect(self.start)
        self.settings_button.clicked.connect(self._on_settings)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.busy)
        layout.addWidget(self.grid_box)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(680, 460)

    # --- rows ---------------------------------------------------------------------------------

    def title_of(self, check: str) -> str:
        return {
            "settings": self.tr("Settings file"),
            "data_dir": self.tr("Data folder"),
            "keychain": self.tr("Keychain"),
            "database": self.tr("Consultation history"),
            "microphone": self.tr("Microphone"),
            "speech_model": self.tr("Speech model"),
            "note_backend": self.tr("Note backend"),
        }.get(check, check)

    def _add_row(self, check: str) -> None:
        row = len(self.rows)
        mark = QLabel("·", self.grid_box)
        mark.setFixedWidth(18)
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        title = QLabel(f"<b>{self.title_of(check)}</b>", self.grid_box)
        title.setAlignment(Qt.AlignmentFlag.AlignTop)
        detail = QLabel(self.tr("Waiting…"), self.grid_box)
        detail.setWordWrap(True)
        fix = QLabel(self.grid_box)
        fix.setWordWrap(True)
        fix.hide()
        self.grid.addWidget(mark, row * 2, 0)
        self.grid.addWidget(title, row * 2, 1)
        self.grid.addWidget(detail, row * 2, 2)
        self.grid.addWidget(fix, row * 2 + 1, 2)
        self.rows[check] = (mark, title, detail, fix)
        if check == "settings":
            for widget in (mark, title, detail):
                widget.hide()

    def show_result(self, result: CheckResult) -> None:
        mark, title, detail, fix = self.rows[result.check]
        for widget in (mark, title, detail):
            widget.show()
        mark.setText(ICONS[result.status])
        mark.setStyleSheet(f"color:{COLOURS[result.status]}; font-weight:bold;")
        detail.setText(self.found_text(result))
        detail.setToolTip(result.detail)  # the specifics, in English
        fix_text = self.fix_text(result) if result.status is not Status.PASS else ""
        fix.setText(self.tr("Fix: %1").replace("%1", fix_text) if fix_text else "")
        fix.setStyleSheet(f"color:{COLOURS[result.status]};")
        fix.setVisible(bool(fix_text))

    # --- running ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._worker is not None:
            return
        self._results = []
        for check, (mark, _title, detail, fix) in self.rows.items():
            mark.setText("·")
            mark.setStyleSheet("")
            detail.setText(self.tr("Waiting…"))
            fix.hide()
            if check == "settings":
                for widget in self.rows[check][:3]:
                    widget.hide()
        self.summary.setText("")
        self.busy.show()
        self.again_button.setEnabled(False)
        worker = self._workers.spawn(run_checks, self._make_setup(), name="doctor")
        worker.yielded.connect(self._on_result)
        worker.errored.connect(self._on_error)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        worker.start()

    def running(self) -> bool:
        return self._worker is not None

    def results(self) -> list[CheckResult]:
        return list(self._results)

    def _on_result(self, result: object) -> None:
        if isinstance(result, CheckResult):
            self._results.append(result)
            self.show_result(result)

    def _on_error(self, exc: object) -> None:
        self.summary.setText(self.tr("The checks stopped on an error; see the log file."))

    def _on_finished(self) -> None:
        if self.sender() is not self._worker:
            return
        self._worker = None
        self.busy.hide()
        self.again_button.setEnabled(True)
        failed = sum(1 for r in self._results if r.status is Status.FAIL)
        if not self.summary.text():
            self.summary.setText(
                self.tr("Everything is ready.")
                if not failed
                else self.tr(
                    "%n check(s) need attention before the first consultation.", "", failed
                )
            )

    def _on_settings(self) -> None:
        self.settings_requested.emit()

    def done(self, result: int) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        super().done(result)

    # --- translated sentences -----------------------------------------------------------------

    def found_text(self, r: CheckResult) -> str:
        if r.check == "speech_model" and r.code in ("ok", "slow") and r.figure:
            speed = f"{1 / r.figure:.1f}"
            return self.tr("The speech model works, %1× faster than real time.").replace(
                "%1", speed
            )
        if r.check == "note_backend" and r.code == "ok" and r.figure is not None:
            seconds = f"{r.figure:.1f}"
            return self.tr("The note backend answered in %1 s.").replace("%1", seconds)
        texts = {
            ("settings", "repaired"): self.tr("The settings file was damaged; defaults are used."),
            ("data_dir", "ok"): self.tr("Scribe can save consultations."),
            ("data_dir", "not_writable"): self.tr("Scribe cannot write in its data folder."),
            ("data_dir", "low_space"): self.tr("Little disk space is left for recordings."),
            ("keychain", "ok"): self.tr("API keys are kept in the system keychain."),
            ("keychain", "insecure"): self.tr("There is no secure keychain on this computer."),
            ("keychain", "failed"): self.tr("The keychain refused to keep a key."),
            ("microphone", "ok"): self.tr("The microphone hears sound."),
            ("microphone", "no_device"): self.tr("No microphone was found."),
            ("microphone", "silent"): self.tr("The microphone records only silence."),
            ("microphone", "quiet"): self.tr("The microphone hears very little."),
            ("microphone", "failed"): self.tr("The microphone could not be opened."),
            ("speech_model", "ok"): self.tr("The speech model loads."),
            ("speech_model", "failed"): self.tr("The speech model could not be loaded."),
            ("note_backend", "unreachable"): self.tr("The note server cannot be reached."),
            ("note_backend", "auth"): self.tr("The note server refused the API key."),
            ("note_backend", "model_not_found"): self.tr(
                "The note server does not offer the chosen model."
            ),
            ("note_backend", "timeout"): self.tr("The note server took too long to answer."),
            ("note_backend", "rate_limited"): self.tr("The note server's usage limit is reached."),
            ("note_backend", "local_failed"): self.tr("The built-in note model could not start."),
            ("note_backend", "no_answer"): self.tr("The note server answered with no text."),
            ("note_backend", "failed"): self.tr("The note backend failed."),
            **self._database_found(),
        }
        return texts.get((r.check, r.code), self.tr("This check stopped on an error."))

    def _database_found(self) -> dict[tuple[str, str], str]:
        return {
            ("database", "ok"): self.tr("The consultation history is whole and encrypted."),
            ("database", "new"): self.tr("There is no consultation history yet."),
            ("database", "unencrypted"): self.tr(
                "The consultation history is stored unencrypted: there is no keychain."
            ),
            ("database", "locked"): self.tr(
                "The consultation history is encrypted, but its key is not available."
            ),
            ("database", "wrong_key"): self.tr(
                "The consultation history is encrypted with a key the keychain no longer holds."
            ),
            ("database", "partly_unencrypted"): self.tr(
                "Older consultations in the history are stored unencrypted."
            ),
            ("database", "empty"): self.tr("The consultation history file is empty."),
            ("database", "damaged"): self.tr("The consultation history is damaged."),
            ("database", "newer"): self.tr(
                "The consultation history was written by a newer version of Scribe."
            ),
            ("database", "unreadable"): self.tr("The consultation history cannot be opened."),
        }

    def _database_fix(self, code: str) -> str:
        keychain = self.tr(
            "Install or unlock a keychain (GNOME Keyring or KWallet), then restart Scribe."
        )
        return {
            "unencrypted": keychain,
            "locked": keychain,
            "wrong_key": self.tr(
                "Restore the keychain that held Scribe's key, or restart Scribe to start a new "
                "history."
            ),
            "partly_unencrypted": self.tr(
                "Delete the older consultations once they are no longer needed."
            ),
            "empty": self.tr("Restart Scribe: it keeps the file aside and starts a new history."),
            "damaged": self.tr(
                "Restart Scribe: it keeps the damaged file aside and saves what it can still read."
            ),
            "newer": self.tr("Install the newer version of Scribe again."),
            "unreadable": self.tr("Make the data folder readable for your user account."),
        }.get(code, self.tr("Open Settings and check the choices there."))

    def fix_text(self, r: CheckResult) -> str:
        if r.check == "database":
            return self._database_fix(r.code)
        fixes = {
            "repaired": self.tr("Check your choices in Settings, then press OK."),
            "not_writable": self.tr("Make the folder writable, or set SCRIBE_HOME to another one."),
            "low_space": self.tr("Free some disk space: an hour of recording takes about 115 MB."),
            "insecure": self.tr(
                "Install or unlock a keychain (GNOME Keyring or KWallet), or set the key in "
                "SCRIBE_NOTES_API_KEY before starting Scribe."
            ),
            "no_device": self.tr("Plug in a microphone or headset, then check again."),
            "silent": self.tr("Unmute the microphone and raise its input volume."),
            "quiet": self.tr("Speak during the check, or move the microphone closer."),
            "slow": self.tr("Choose the bundled model or a transcription server in Settings."),
            "unreachable": self.tr(
                "Check the server address in Settings, or use the built-in model."
            ),
            "auth": self.tr("Enter a valid API key in Settings."),
            "model_not_found": self.tr("Press Test connection in Settings and pick a model."),
            "timeout": self.tr("Try again later, or choose a smaller model."),
            "rate_limited": self.tr("Wait, or raise the limit with your provider."),
            "local_failed": self.tr("Reinstall Scribe, or choose a note server in Settings."),
            "no_answer": self.tr("Choose another model in Settings."),
        }
        if r.code in fixes:
            return fixes[r.code]
        if r.check == "microphone":
            return self.tr("Choose another microphone in Settings.")
        if r.check == "speech_model":
            return self.tr("Choose the bundled model in Settings, or reinstall Scribe.")
        if r.check == "keychain":
            return self.tr("Unlock the keychain, then check again.")
        return self.tr("Open Settings and check the choices there.")


def open_first_run(
    *,
    settings: Settings,
    paths: AppPaths,
    secrets: Secrets,
    notice: str = "",
    parent: QWidget | None = None,
) -> FirstRunDialog:
    """Show the checklist (non-modal) with the real parts and start the checks.

    ``app/``: on start, ``if not settings.interface.first_run_done``, call this, connect
    ``settings_requested`` to the Settings dialog, and save ``first_run_done=True``.
    """
    from desktop.doctor.real_parts import build_setup, read_sample

    def make_setup() -> DoctorSetup:
        return build_setup(
            settings, paths=paths, secrets=secrets, sample=read_sample(None), notice=notice
        )

    dialog = FirstRunDialog(make_setup=make_setup, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog
