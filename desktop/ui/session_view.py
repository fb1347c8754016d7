"""The main window's view of the session: what the controller reports, shown in its widgets.

The recording state, the capture status, the transcript as it is committed, the backlog, the
drafts streaming into their documents, progress, and the open document's word count; a document
the doctor edits goes back to the controller. ``MainWindow`` builds it with the widgets it needs.

Threads: GUI thread only. This object lives on the GUI thread (a child of the window); the
controller emits its signals on the GUI thread into the bound slots below. It never starts work.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop import document_format
from desktop.asr.base import Segment
from desktop.audio.pump import CaptureStatus
from desktop.encounter import Encounter
from desktop.notices import Notice
from desktop.progress import CHECKING_DRAFT, Progress
from desktop.session.controller import Controller
from desktop.session.states import SessionState
from desktop.ui.actions import WindowActions
from desktop.ui.document_panel import DocumentPanel
from desktop.ui.messages import notice_message
from desktop.ui.record_bar import RecordBar
from desktop.ui.status_line import StatusLine
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.widgets import MessageBar


class SessionView(QObject):
    def __init__(
        self,
        *,
        controller: Controller,
        actions: WindowActions,
        message_bar: MessageBar,
        record_bar: RecordBar,
        transcript: TranscriptView,
        document_panel: DocumentPanel,
        status_line: StatusLine,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = actions
        self.message_bar = message_bar
        self.record_bar = record_bar
        self.transcript = transcript
        self.document_panel = document_panel
        self.documents, self.checks = document_panel.documents, document_panel.checks
        self.status_line = status_line
        self._last_notice: Notice | None = None

    def connect_signals(self) -> None:
        c = self.controller
        self.documents.edited.connect(self._on_document_edited)
        self.documents.current_changed.connect(self._on_document_switched)
        c.state_changed.connect(self.apply_state)
        c.progress.connect(self._on_progress)
        c.capture_status.connect(self._on_capture_status)
        c.committed.connect(self._on_committed)
        c.settled.connect(self._on_settled)
        c.tentative.connect(self.transcript.set_tentative)
        c.backlog.connect(self._on_backlog)
        c.transcript_complete.connect(self._on_transcript_complete)
        c.encounter_started.connect(self._on_encounter_started)
        c.encounter_opened.connect(self._on_encounter_opened)
        c.draft_started.connect(self._on_draft_started)
        c.draft_chunk.connect(self._on_draft_chunk)
        c.draft_replaced.connect(self._on_draft_replaced)
        c.draft_finished.connect(self._on_draft_finished)

    # --- recording -----------------------------------------------------------------------------

    def apply_state(self, state: str) -> None:
        self.record_bar.apply_state(state)
        busy = state in (SessionState.RECORDING, SessionState.PAUSED)
        self.actions.record.setEnabled(
            state in (SessionState.IDLE, SessionState.RECORDING, SessionState.PAUSED)
        )
        self.actions.pause.setEnabled(busy)
        self.actions.stop.setEnabled(busy or state == SessionState.PREPARING)
        self.status_line.show_state(state)
        self.update_draft_button()  # a draft waits at Stop: the button cancels it

    def _on_encounter_started(self, _encounter: object) -> None:
        self.transcript.clear_transcript()
        self.documents.clear()
        self.document_panel.ensure_current_editor()
        self.record_bar.reset()
        self.update_draft_button()

    def _on_encounter_opened(self, encounter: Encounter) -> None:
        self.transcript.clear_transcript()
        if encounter.segments:
            self.transcript.add_committed(encounter.segments)
        self.document_panel.load(encounter)
        self.record_bar.reset(encounter.duration_s)
        self.update_draft_button()
        self._update_words()

    def _on_capture_status(self, status: CaptureStatus) -> None:
        self.record_bar.show_status(
            status, recording=self.controller.state == SessionState.RECORDING
        )
        if status.notice is not None and status.notice != self._last_notice:
            self._last_notice = status.notice
            self.message_bar.show_message(notice_message(status.notice), kind="warning")

    def _on_committed(self, segments: tuple[Segment, ...]) -> None:
        self.transcript.add_committed(segments)
        self.update_draft_button()
        self.checks.schedule()

    def _on_settled(self, _settled: object) -> None:
        """The second pass re-transcribed a stretch: the view settles to the encounter's text."""
        self.transcript.settle_to(self.controller.encounter.segments)
        self.checks.schedule()

    def _on_backlog(self, seconds: float) -> None:
        self.status_line.show_backlog(
            seconds, catching_up=self.controller.state == SessionState.CATCHING_UP
        )

    def _on_transcript_complete(self) -> None:
        self.status_line.show_transcript_complete()

    # --- drafting ------------------------------------------------------------------------------

    def update_draft_button(self) -> None:
        self.document_panel.update_draft_button(drafting=bool(self.controller.drafting))

    def _on_draft_started(self, template_id: str) -> None:
        self.document_panel.begin_draft(template_id)
        self.status_line.show_drafting()
        self.status_line.show_busy(True)
        self.update_draft_button()

    def _on_draft_chunk(self, template_id: str, text: str) -> None:
        self.document_panel.append_draft(template_id, text)

    def _on_draft_replaced(self, template_id: str, text: str) -> None:
        self.document_panel.replace_draft(template_id, text)

    def _on_draft_finished(self, template_id: str, completed: bool) -> None:
        self.document_panel.end_draft(template_id)
        self.status_line.show_busy(False)
        self.status_line.show_draft_finished(completed=completed)
        self.update_draft_button()

    def _on_progress(self, progress: Progress | None) -> None:
        if progress is None:
            drafting = bool(self.controller.drafting)
            self.status_line.show_busy(drafting)
            if drafting:
                self.status_line.show_drafting()
            else:
                self.apply_state(self.controller.state)
            return
        self.status_line.show_progress(progress)
        if progress.stage == CHECKING_DRAFT:
            self.document_panel.show_checking()

    # --- documents -----------------------------------------------------------------------------

    def _on_document_edited(self, template_id: str, text: str) -> None:
        self.controller.update_document(template_id, text)
        self._update_words()
        if not self.controller.drafting:
            self.update_draft_button()
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
