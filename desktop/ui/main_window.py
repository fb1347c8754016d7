"""The main window: Record/Pause/Stop, the live transcript, the documents, Draft and Copy.

Threads: GUI thread only. The window talks to the Controller only; it never starts work itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import document_format
from desktop.asr.base import Segment
from desktop.audio.pump import CaptureStatus
from desktop.controller import Controller
from desktop.controller_states import CATCHING_UP, IDLE, PAUSED, PREPARING, RECORDING
from desktop.encounter import Encounter
from desktop.errors import ScribeError
from desktop.notes.base import Template
from desktop.progress import Progress
from desktop.ui.actions import Shortcuts, Slots, build_actions
from desktop.ui.clipboard import ClipboardWriter
from desktop.ui.document_panel import DocumentPanel
from desktop.ui.messages import error_message
from desktop.ui.record_bar import RecordBar
from desktop.ui.status_line import StatusLine
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.widgets import MessageBar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WindowOptions:
    """What the window needs from the settings (``app/`` builds it)."""

    note_language: str = "en"
    template_id: str = "soap"
    transcript_language: str = "auto"
    microphone: str = ""  # device name; "" = the system default
    local_model_label: str = ""  # non-empty: drafts come from the built-in local model
    caps_headings: bool = False
    clear_clipboard_after_s: int = 0
    compact: bool = False
    always_on_top: bool = False
    shortcuts: Shortcuts = field(default_factory=Shortcuts)


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
        self._list_microphones = list_microphones
        self._last_notice = ""
        self.setWindowTitle("Scribe")
        self._build()
        self._build_actions()
        self._connect()
        self._apply_state(controller.state)
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
        self.transcript_panel = QWidget(self.splitter)
        transcript_layout = QVBoxLayout(self.transcript_panel)
        transcript_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel(self.tr("Transcript"), self.transcript_panel)
        title.setStyleSheet("font-weight:600;")
        self.copy_transcript_button = QPushButton(self.tr("Copy transcript"), self.transcript_panel)
        self.copy_transcript_button.setFlat(True)
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.copy_transcript_button)
        transcript_layout.addLayout(header)
        self.transcript = TranscriptView(self.transcript_panel)
        transcript_layout.addWidget(self.transcript, 1)

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
                record=self._record_or_stop,
                pause=self._toggle_pause,
                stop=self.controller.stop,
                draft=self._draft_or_cancel,
                copy=self.copy_all,
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

    def _record_or_stop(self) -> None:
        if self.controller.state in (RECORDING, PAUSED):
            self.controller.stop()
        else:
            self.controller.record()

    def _connect(self) -> None:
        c = self.controller
        self.record_button.clicked.connect(c.record)
        self.pause_button.clicked.connect(self._toggle_pause)
        self.stop_button.clicked.connect(c.stop)
        self.draft_button.clicked.connect(self._draft_or_cancel)
        self.copy_button.clicked.connect(self.copy_all)
        self.copy_transcript_button.clicked.connect(self.copy_transcript)
        self.record_bar.language_chosen.connect(self._on_language_chosen)
        self.record_bar.microphone_chosen.connect(self.microphone_changed)
        self.record_bar.microphone_combo.opening.connect(self.refresh_microphones)
        self.template_combo.currentIndexChanged.connect(self._on_template_chosen)
        self.note_language_combo.currentIndexChanged.connect(self._on_note_language_chosen)
        self.message_bar.closed.connect(self._on_message_closed)
        self.documents.edited.connect(self._on_document_edited)
        self.documents.current_changed.connect(self._on_document_switched)
        self.documents.copy_section_requested.connect(self.copy_section)
        c.state_changed.connect(self._apply_state)
        c.progress.connect(self._on_progress)
        c.capture_status.connect(self._on_capture_status)
        c.committed.connect(self._on_committed)
        c.tentative.connect(self.transcript.set_tentative)
        c.backlog.connect(self._on_backlog)
        c.transcript_complete.connect(self._on_transcript_complete)
        c.encounter_started.connect(self._on_encounter_started)
        c.encounter_opened.connect(self._on_encounter_opened)
        c.draft_started.connect(self._on_draft_started)
        c.draft_chunk.connect(self._on_draft_chunk)
        c.draft_finished.connect(self._on_draft_finished)
        c.error.connect(self.show_error)

    # --- options -------------------------------------------------------------------------------

    def apply_options(self, options: WindowOptions) -> None:
        self.options = options
        self._fill_templates()
        self.document_panel.set_note_language(options.note_language)
        self.document_panel.ensure_current_editor()
        self.record_bar.set_language(options.transcript_language)
        self.record_bar.microphone_combo.setVisible(self._list_microphones is not None)
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
        if self._list_microphones is not None:
            try:
                names = self._list_microphones()
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
            self._update_draft_button()
            self.options_changed.emit(self.options)

    # --- recording -----------------------------------------------------------------------------

    def _toggle_pause(self) -> None:
        if self.controller.state == RECORDING:
            self.controller.pause()
        elif self.controller.state == PAUSED:
            self.controller.resume()

    def _apply_state(self, state: str) -> None:
        self.record_bar.apply_state(state)
        busy = state in (RECORDING, PAUSED)
        self.record_action.setEnabled(state in (IDLE, RECORDING, PAUSED))
        self.pause_action.setEnabled(busy)
        self.stop_action.setEnabled(busy or state == PREPARING)
        self.status_line.show_state(state)

    def _on_encounter_started(self, _encounter: object) -> None:
        self.transcript.clear_transcript()
        self.documents.clear()
        self.document_panel.ensure_current_editor()
        self.record_bar.reset()
        self._update_draft_button()

    def _on_encounter_opened(self, encounter: Encounter) -> None:
        self.transcript.clear_transcript()
        if encounter.segments:
            self.transcript.add_committed(encounter.segments)
        self.document_panel.load(encounter)
        self.record_bar.reset(encounter.duration_s)
        self._update_draft_button()
        self._update_words()

    def _on_capture_status(self, status: CaptureStatus) -> None:
        self.record_bar.show_status(status, recording=self.controller.state == RECORDING)
        if status.notice and status.notice != self._last_notice:
            self._last_notice = status.notice
            self.message_bar.show_message(status.notice, kind="warning")

    def _on_committed(self, segments: tuple[Segment, ...]) -> None:
        self.transcript.add_committed(segments)
        self._update_draft_button()
        self.checks.schedule()

    def _on_backlog(self, seconds: float) -> None:
        self.status_line.show_backlog(seconds, catching_up=self.controller.state == CATCHING_UP)

    def _on_transcript_complete(self) -> None:
        self.status_line.show_transcript_complete()

    # --- drafting ------------------------------------------------------------------------------

    def current_template(self) -> Template | None:
        return self.document_panel.current_template()

    def _draft_or_cancel(self) -> None:
        if self.controller.drafting:
            self.controller.cancel_draft()
            return
        template = self.current_template()
        if template is None:
            return
        self.message_bar.dismiss()
        self.controller.draft(template, note_language=self.options.note_language)

    def _update_draft_button(self) -> None:
        self.document_panel.update_draft_button(drafting=bool(self.controller.drafting))

    def _on_draft_started(self, template_id: str) -> None:
        self.document_panel.begin_draft(template_id)
        self.status_line.show_drafting()
        self.status_line.show_busy(True)
        self._update_draft_button()

    def _on_draft_chunk(self, template_id: str, text: str) -> None:
        self.document_panel.append_draft(template_id, text)

    def _on_draft_finished(self, template_id: str, completed: bool) -> None:
        self.document_panel.end_draft(template_id)
        self.status_line.show_busy(False)
        self.status_line.show_draft_finished(completed=completed)
        self._update_draft_button()

    def _on_progress(self, progress: Progress | None) -> None:
        if progress is None:
            drafting = bool(self.controller.drafting)
            self.status_line.show_busy(drafting)
            if drafting:
                self.status_line.show_drafting()
            else:
                self._apply_state(self.controller.state)
            return
        self.status_line.show_progress(progress)

    # --- documents and copy --------------------------------------------------------------------

    def _on_document_edited(self, template_id: str, text: str) -> None:
        self.controller.update_document(template_id, text)
        self._update_words()
        if not self.controller.drafting:
            self._update_draft_button()
            self.checks.schedule()

    def _on_document_switched(self, template_id: str) -> None:
        if template_id:
            self.document_panel.select_template(template_id)
        self._update_words()
        self.checks.schedule()

    def _update_words(self) -> None:
        editor = self.documents.current()
        self.status_line.show_words(
            document_format.word_count(editor.toPlainText()) if editor else None
        )

    def _put_on_clipboard(self, text: str) -> None:
        self.clipboard.copy_document(
            text,
            caps_headings=self.options.caps_headings,
            clear_after_s=self.options.clear_clipboard_after_s,
        )

    def copy_all(self) -> None:
        editor = self.documents.current()
        if editor is None or not editor.toPlainText().strip():
            self.flash_status(self.tr("Nothing to copy yet."))
            return
        self._put_on_clipboard(editor.toPlainText())
        self.controller.mark_copied(editor.template_id)
        self.document_panel.show_copied()

    def copy_section(self, text: str) -> None:
        self._put_on_clipboard(text)
        self.flash_status(self.tr("Section copied."))

    def copy_transcript(self) -> None:
        text = self.transcript.committed_text()
        if text:
            self.clipboard.copy_plain(text, clear_after_s=self.options.clear_clipboard_after_s)
            self.flash_status(self.tr("Transcript copied."))

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
        if self.controller.state in (RECORDING, PAUSED, CATCHING_UP):
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
