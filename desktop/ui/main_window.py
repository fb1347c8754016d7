"""The main window: Record/Pause/Stop, the live transcript, the documents, Draft and Copy.

Threads: GUI thread only. The window talks to the Controller only; it never starts work itself.
What the controller reports is shown by ``session_view``; what the buttons and shortcuts do is in
``window_commands``; the panels are ``record_bar``, ``transcript_panel`` and ``document_panel``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from desktop.errors import ScribeError
from desktop.notes.base import Template
from desktop.session.controller import Controller
from desktop.session.states import SessionState
from desktop.ui.actions import Slots, build_actions
from desktop.ui.clipboard import ClipboardWriter
from desktop.ui.document_panel import DocumentPanel
from desktop.ui.messages import error_message
from desktop.ui.record_bar import RecordBar
from desktop.ui.revision_view import RevisionView
from desktop.ui.session_view import SessionView
from desktop.ui.status_line import StatusLine
from desktop.ui.transcript_panel import TranscriptPanel
from desktop.ui.widgets import MessageBar
from desktop.ui.window_commands import WindowCommands
from desktop.ui.window_options import WindowOptions

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    settings_requested = Signal()
    about_requested = Signal()
    check_requested = Signal()
    history_requested = Signal()
    transcript_language_changed = Signal(str)
    microphone_changed = Signal(str)
    options_changed = Signal(object)  # WindowOptions (compact, always on top, template...)

    def __init__(
        self,
        *,
        controller: Controller,
        templates: list[Template],
        options: WindowOptions,
        list_microphones: Callable[[], list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.all_templates = list(templates)
        self.options = options
        self.list_microphones = list_microphones  # the input devices' names (None: no choice)
        self.setWindowTitle("Scribe")
        self._build()
        self.commands = WindowCommands(
            controller=controller,
            options=self._current_options,
            message_bar=self.message_bar,
            transcript=self.transcript,
            document_panel=self.document_panel,
            status_line=self.status_line,
            clipboard=self.clipboard,
            parent=self,
        )
        self._build_actions()
        self.session = SessionView(
            controller=controller,
            actions=self.menu_actions,
            message_bar=self.message_bar,
            record_bar=self.record_bar,
            transcript=self.transcript,
            document_panel=self.document_panel,
            status_line=self.status_line,
            parent=self,
        )
        self.revision_view = RevisionView(
            controller=controller,
            bar=self.document_panel.instruction_bar,
            transcript=self.transcript,
            note_language=self._note_language,
            parent=self,
        )
        self._connect()
        self.session.apply_state(controller.state)
        self.resize(560, 780)
        self.apply_options(options)  # compact mode shrinks the window

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        root = QVBoxLayout(central)
        root.setContentsMargins(10, 8, 10, 6)
        root.setSpacing(6)
        self.message_bar = MessageBar(central)
        root.addWidget(self.message_bar)
        self.record_bar = RecordBar(central)
        root.addWidget(self.record_bar)
        self.record_button = self.record_bar.record_button
        self.pause_button = self.record_bar.pause_button
        self.stop_button = self.record_bar.stop_button

        self.splitter = QSplitter(Qt.Orientation.Vertical, central)
        self.transcript_panel = TranscriptPanel(self.splitter)
        self.copy_transcript_button = self.transcript_panel.copy_button
        self.transcript = self.transcript_panel.view

        self.document_panel = DocumentPanel(
            transcript=self.transcript,
            language=self._note_language,
            drafting=self._drafting_id,
            parent=self.splitter,
        )
        panel = self.document_panel
        self.template_combo = panel.template_combo
        self.note_language_combo = panel.note_language_combo
        self.draft_button, self.copy_button = panel.draft_button, panel.copy_button
        self.documents, self.checks = panel.documents, panel.checks
        self.splitter.addWidget(self.transcript_panel)
        self.splitter.addWidget(self.document_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 440])  # the document is what the doctor works on
        root.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_line = StatusLine(self, checks_label=self.checks.status_label)
        self.clipboard = ClipboardWriter(self)
        self._fill_templates()

    def _current_options(self) -> WindowOptions:
        return self.options

    def _note_language(self) -> str:
        return self.options.note_language

    def _drafting_id(self) -> str:
        return self.controller.drafting

    def _fill_templates(self) -> None:
        self.document_panel.fill_templates(
            self.all_templates, language=self.options.note_language, chosen=self.options.template_id
        )

    def _build_actions(self) -> None:
        self.menu_actions = build_actions(
            self,
            Slots(
                record=self.commands.record_or_stop,
                pause=self.commands.toggle_pause,
                stop=self.commands.stop,
                draft=self.commands.draft_or_cancel,
                copy=self.commands.copy_all,
                find=self.documents.open_find,
                history=self.history_requested.emit,
                settings=self.settings_requested.emit,
                quit=self._quit,
                compact=self._toggle_compact,
                on_top=self._toggle_on_top,
                about=self.about_requested.emit,
                check=self.check_requested.emit,
            ),
            self.options.shortcuts,
        )
        a = self.menu_actions
        self.record_action, self.pause_action, self.stop_action = a.record, a.pause, a.stop
        self.draft_action, self.copy_action = a.draft, a.copy
        self.compact_action, self.on_top_action = a.compact, a.on_top
        self.record_button.setToolTip(a.record.toolTip())
        self.pause_button.setToolTip(a.pause.toolTip())
        self.stop_button.setToolTip(a.stop.toolTip())
        self.draft_button.setToolTip(a.draft.toolTip())
        self.copy_button.setToolTip(a.copy.toolTip())

    def _quit(self) -> None:
        self.close()

    def _connect(self) -> None:
        c = self.controller
        self.record_button.clicked.connect(c.record)
        self.pause_button.clicked.connect(self.commands.toggle_pause)
        self.stop_button.clicked.connect(self.commands.stop)
        self.draft_button.clicked.connect(self.commands.draft_or_cancel)
        self.copy_button.clicked.connect(self.commands.copy_all)
        self.copy_transcript_button.clicked.connect(self.commands.copy_transcript)
        self.record_bar.language_chosen.connect(self._on_language_chosen)
        self.record_bar.microphone_chosen.connect(self.microphone_changed)
        self.record_bar.microphone_combo.opening.connect(self.refresh_microphones)
        self.template_combo.currentIndexChanged.connect(self._on_template_chosen)
        self.note_language_combo.currentIndexChanged.connect(self._on_note_language_chosen)
        self.message_bar.closed.connect(self._on_message_closed)
        self.documents.copy_section_requested.connect(self.commands.copy_section)
        self.session.connect_signals()
        c.encounter_started.connect(self._update_draft_target)
        c.error.connect(self.show_error)

    # --- options -------------------------------------------------------------------------------

    def apply_options(self, options: WindowOptions) -> None:
        self.options = options
        self._fill_templates()
        self.document_panel.set_note_language(options.note_language)
        self.document_panel.ensure_current_editor()
        self.record_bar.set_language(options.transcript_language)
        self.record_bar.microphone_combo.setVisible(self.list_microphones is not None)
        self.record_bar.set_microphones([], options.microphone)
        self.document_panel.show_local_model(options.local_model_label)
        self.compact_action.setChecked(options.compact)
        self.on_top_action.setChecked(options.always_on_top)
        self.transcript_panel.setVisible(not options.compact)
        on_top = bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
        if on_top != options.always_on_top:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, options.always_on_top)
            if self.isVisible():
                self.show()
        if options.compact:
            self.resize(420, 460)

    def _toggle_compact(self) -> None:
        self.apply_options(replace(self.options, compact=self.compact_action.isChecked()))
        self.options_changed.emit(self.options)

    def _toggle_on_top(self) -> None:
        self.apply_options(replace(self.options, always_on_top=self.on_top_action.isChecked()))
        self.options_changed.emit(self.options)

    def refresh_microphones(self) -> None:
        names: list[str] = []
        if self.list_microphones is not None:
            try:
                names = self.list_microphones()
            except ScribeError as exc:
                self.show_error(exc)
        self.record_bar.set_microphones(names, self.options.microphone)

    def _on_language_chosen(self, code: str) -> None:
        self.options = replace(self.options, transcript_language=code)
        self.transcript_language_changed.emit(code)

    def _on_note_language_chosen(self, _index: int) -> None:
        code = self.note_language_combo.currentData()
        if code and code != self.options.note_language:
            self.options = replace(self.options, note_language=code)
            self._fill_templates()
            self._on_template_chosen(self.template_combo.currentIndex())

    def _on_template_chosen(self, _index: int) -> None:
        template_id = self.template_combo.currentData()
        if template_id:
            self.options = replace(self.options, template_id=template_id)
            self.document_panel.ensure_current_editor()
            self.session.update_draft_button()
            self._update_draft_target()
            self.options_changed.emit(self.options)

    # --- drafting and copy (their commands: window_commands) -----------------------------------

    def _update_draft_target(self, *_args: object) -> None:
        """What Draft would write now: the controller pre-reads its prompt during the visit."""
        self.controller.set_draft_target(
            self.current_template(), note_language=self.options.note_language
        )

    def current_template(self) -> Template | None:
        return self.document_panel.current_template()

    def copy_all(self) -> None:
        self.commands.copy_all()

    def flash_status(self, text: str) -> None:
        self.status_line.flash(text)

    # --- messages ------------------------------------------------------------------------------

    def show_error(self, exc: BaseException) -> None:
        message, details = error_message(exc)
        self.message_bar.show_message(message, kind="error", details=details)

    def show_notice(self, text: str) -> None:
        self.message_bar.show_message(text, kind="info")

    def _on_message_closed(self) -> None:
        self.message_bar.label.setToolTip("")

    # --- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        busy = (SessionState.RECORDING, SessionState.PAUSED, SessionState.CATCHING_UP)
        if self.controller.state in busy:
            answer = QMessageBox.question(
                self,
                self.tr("Quit Scribe?"),
                self.tr(
                    "A consultation is being recorded. Stop the recording and quit? "
                    "The audio recorded so far is kept."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.controller.shutdown()
        event.accept()
