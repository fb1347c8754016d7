"""Composition root: builds settings, secrets, backends, the controller and the window.

Threads: everything here runs on the GUI thread; the controller starts the work threads.
Only this package (``desktop.app``: here, and ``wiring``, which builds the controller's Services
and the window's options) and each backend's ``from_settings`` read Settings. It was one module,
``app.py``; it became a package when it outgrew 300 lines, so that the rule "only the
composition root reads Settings" still names one place. The questions it may ask at start are in
``desktop.ui.startup_questions``.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from desktop import APP_NAME, __version__
from desktop.app.settings_services import real_services
from desktop.app.standing_offers import StandingOffers
from desktop.app.wiring import services_from_settings, window_options_from_settings
from desktop.audio.devices import input_device_names
from desktop.config import Settings, load_settings, save_settings
from desktop.errors import ScribeError
from desktop.notes.base import Template
from desktop.notes.templates import load_templates
from desktop.paths import AppPaths
from desktop.resources import resources_dir
from desktop.secrets import Secrets
from desktop.session.controller import Controller
from desktop.session.services import Services
from desktop.store import opening as store_opening
from desktop.store.encounters import EncounterStore
from desktop.ui.about import AboutDialog
from desktop.ui.first_run import open_first_run
from desktop.ui.history import HistoryDialog
from desktop.ui.i18n import install_translators
from desktop.ui.main_window import MainWindow, WindowOptions
from desktop.ui.messages import notice_message
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.startup_questions import ask_recover, ask_unencrypted

log = logging.getLogger(__name__)

RETENTION_EVERY_MS = 3600 * 1000  # retention rules are applied at start and hourly


class App:
    """Owns the long-lived objects of one run of the GUI."""

    def __init__(self, *, paths: AppPaths, secrets: Secrets, qt_app: QApplication) -> None:
        self.paths = paths
        self.secrets = secrets
        self.qt_app = qt_app
        loaded = load_settings(paths.settings_file)
        self.settings = loaded.settings
        self.settings_notice = loaded.text  # for the checklist
        self.language = install_translators(qt_app, self.settings.interface.language)
        self.templates: list[Template] = load_templates(user_dir=paths.templates_dir)
        self.store_notice = ""  # in the interface language; '' when the history opened as usual
        self.store_error: ScribeError | None = None  # why the history could not be opened
        self.store = self.open_store()
        self.controller = Controller(services=self.services())
        self.window = MainWindow(
            controller=self.controller,
            templates=self.templates,
            options=self.window_options(),
            list_microphones=input_device_names,
        )
        self.window.transcript_language_changed.connect(self.on_transcript_language)
        self.window.microphone_changed.connect(self.on_microphone)
        self.window.options_changed.connect(self.on_window_options)
        self.window.history_requested.connect(self.show_history)
        self.retention_timer = QTimer(self.window)
        self.retention_timer.setInterval(RETENTION_EVERY_MS)
        self.retention_timer.timeout.connect(self.controller.apply_retention)
        self.window.settings_requested.connect(self.show_settings)
        self.window.about_requested.connect(self.show_about)
        self.window.check_requested.connect(self.show_first_run)
        self.standing_offers = StandingOffers(
            window=self.window, paths=paths, settings=self.current_settings,
            apply_settings=self.apply_settings, parent=self.window,
        )  # fmt: skip
        if loaded.notices:
            self.window.show_notice(" ".join(notice_message(n) for n in loaded.notices))
        self.show_store_notice()

    # --- the encounter store --------------------------------------------------------------------

    def open_store(self) -> EncounterStore | None:
        """Open the history; with no usable keychain, ask once before keeping it unencrypted."""
        privacy = self.settings.privacy
        try:
            result = store_opening.open_store(
                self.paths.database_file,
                audio_dir=self.paths.audio_dir,
                secrets=self.secrets,
                allow_unencrypted=privacy.allow_unencrypted_store,
            )
            if result.store is None and result.encryption_unavailable:
                if not ask_unencrypted(result.encryption_reason):
                    self.store_notice = QCoreApplication.translate(
                        "App",
                        "Consultations are not kept after Scribe closes: copy each note before "
                        "you quit.",
                    )
                    return None
                self.settings = replace(
                    self.settings, privacy=replace(privacy, allow_unencrypted_store=True)
                )
                save_settings(self.paths.settings_file, self.settings)
                result = store_opening.open_store(
                    self.paths.database_file,
                    audio_dir=self.paths.audio_dir,
                    secrets=self.secrets,
                    allow_unencrypted=True,
                )
        except ScribeError as exc:
            log.error("store: cannot open (%s)", type(exc).__name__)
            self.store_error = exc
            return None
        self.store_notice = notice_message(result.notice) if result.notice else ""
        return result.store

    def show_store_notice(self) -> None:
        """What happened when the history was opened, if the doctor should know."""
        if self.store_error is not None:
            self.window.show_error(self.store_error)
        elif self.store_notice:
            self.window.show_notice(self.store_notice)

    def show_history(self) -> None:
        if self.store is None:
            self.show_store_notice()
            return
        store = self.store
        dialog = HistoryDialog(list_recent=store.list_recent, parent=self.window)
        dialog.open_requested.connect(self.controller.open_encounter)
        dialog.delete_requested.connect(self.controller.delete_encounter)
        dialog.exec()

    # --- what the controller and window are built from ------------------------------------------

    def services(self) -> Services:
        return services_from_settings(
            self.settings, paths=self.paths, secrets=self.secrets, store=self.store
        )

    def current_settings(self) -> Settings:
        return self.settings

    def window_options(self) -> WindowOptions:
        return window_options_from_settings(self.settings, interface_language=self.language)

    # --- changes from the window ----------------------------------------------------------------

    def show_about(self) -> None:
        AboutDialog(parent=self.window).exec()

    def show_settings(self) -> None:
        dialog = SettingsDialog(
            settings=self.settings,
            secrets=self.secrets,
            services=real_services(paths=self.paths),
            parent=self.window,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, settings: Settings) -> None:
        before = self.settings
        self.settings = settings
        try:
            save_settings(self.paths.settings_file, settings)
        except ScribeError as exc:
            self.window.show_error(exc)
        self.templates = load_templates(user_dir=self.paths.templates_dir)
        self.window.all_templates = list(self.templates)
        self.controller.reconfigure(
            self.services(),
            speech_changed=settings.transcription != before.transcription,
            notes_changed=replace(settings.notes, draft_on_stop=before.notes.draft_on_stop)
            != before.notes,
        )
        self.window.apply_options(self.window_options())
        if settings.interface.language != before.interface.language:
            self.window.show_notice(
                QCoreApplication.translate(
                    "App", "The new interface language is used from the next start of Scribe."
                )
            )

    def on_transcript_language(self, code: str) -> None:
        s = self.settings
        self.settings = replace(s, transcription=replace(s.transcription, language=code))
        save_settings(self.paths.settings_file, self.settings)
        # The language is the live policy's, not the model's: no reload.
        self.controller.reconfigure(self.services(), speech_changed=False, notes_changed=False)

    def on_microphone(self, name: str) -> None:
        s = self.settings
        self.settings = replace(s, audio=replace(s.audio, device=name))
        save_settings(self.paths.settings_file, self.settings)
        self.window.options = self.window_options()
        self.controller.reconfigure(self.services(), speech_changed=False, notes_changed=False)

    def on_window_options(self, options: WindowOptions) -> None:
        s = self.settings
        self.settings = replace(
            s,
            notes=replace(s.notes, template=options.template_id),
            interface=replace(
                s.interface, compact=options.compact, always_on_top=options.always_on_top
            ),
        )
        save_settings(self.paths.settings_file, self.settings)

    def start(self) -> None:
        if self.settings.interface.start_minimised:
            self.window.showMinimized()
        else:
            self.window.show()
        self.controller.preload()  # the speech model is ready by the time Record is pressed
        self.controller.apply_retention()
        self.retention_timer.start()
        QTimer.singleShot(0, self.offer_recovery)
        if not self.settings.interface.first_run_done:
            QTimer.singleShot(0, self.show_first_run)

    def show_first_run(self) -> None:
        """The checklist of ``scribe doctor``, with a fix for each failure (first start)."""
        dialog = open_first_run(
            settings=self.settings,
            paths=self.paths,
            secrets=self.secrets,
            notice=self.settings_notice,
            parent=self.window,
        )
        dialog.settings_requested.connect(self.show_settings)
        s = self.settings
        self.settings = replace(s, interface=replace(s.interface, first_run_done=True))
        try:
            save_settings(self.paths.settings_file, self.settings)
        except ScribeError as exc:
            self.window.show_error(exc)

    def offer_recovery(self) -> None:
        """After a crash: offer to finish the interrupted consultation (the latest one)."""
        if self.store is None:
            return
        try:
            interrupted = self.store.interrupted()
        except ScribeError as exc:
            self.window.show_error(exc)
            return
        if not interrupted:
            return
        latest = interrupted[0]
        if ask_recover(latest.started_at, parent=self.window):
            self.controller.recover(latest.id)


def _quit_on_signals(qt_app: QApplication) -> QTimer:
    """SIGINT/SIGTERM close the window properly (the audio file is finalised)."""

    def handler(_signum: int, _frame: object) -> None:
        for widget in qt_app.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.controller.shutdown()
        qt_app.quit()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    timer = QTimer()
    timer.start(250)  # lets Python run its signal handlers while Qt's loop runs
    timer.timeout.connect(lambda: None)
    return timer


def run_gui(paths: AppPaths) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    paths.ensure()
    qt_app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationDisplayName(APP_NAME)
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("scribe")
    icon = resources_dir() / "icons" / "scribe.svg"
    if icon.exists():
        qt_app.setWindowIcon(QIcon(str(icon)))
    import keyring

    app = App(paths=paths, secrets=Secrets(keyring_backend=keyring.get_keyring()), qt_app=qt_app)
    _timer = _quit_on_signals(qt_app)
    app.start()
    log.info("window shown (version %s)", __version__)
    code = qt_app.exec()
    app.controller.shutdown()
    del _timer
    return int(code)
