"""What the main window's buttons and shortcuts do: Record/Stop, Pause/Resume, Draft/Cancel, Copy.

Threads: GUI thread only. The work goes to the Controller (this object never starts any); copies
go to the clipboard. Its strings keep the main window's translation context ("MainWindow").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from desktop.session.controller import Controller
from desktop.session.states import SessionState
from desktop.ui.clipboard import ClipboardWriter
from desktop.ui.document_panel import DocumentPanel
from desktop.ui.status_line import StatusLine
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.widgets import MessageBar
from desktop.ui.window_options import WindowOptions


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class WindowCommands(QObject):
    def __init__(
        self,
        *,
        controller: Controller,
        options: Callable[[], WindowOptions],
        message_bar: MessageBar,
        transcript: TranscriptView,
        document_panel: DocumentPanel,
        status_line: StatusLine,
        clipboard: ClipboardWriter,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._options = options
        self.message_bar = message_bar
        self.transcript = transcript
        self.document_panel = document_panel
        self.documents = document_panel.documents
        self.status_line = status_line
        self.clipboard = clipboard

    # --- recording -----------------------------------------------------------------------------

    def record_or_stop(self) -> None:
        if self.controller.state in (SessionState.RECORDING, SessionState.PAUSED):
            self.stop()
        else:
            self.controller.record()

    def stop(self) -> None:
        """Stop; with Draft on Stop, the chosen document drafts itself once the transcript is in."""
        template = self.document_panel.current_template()
        if self._options().draft_on_stop and template is not None:
            self.controller.stop_and_draft(template, note_language=self._options().note_language)
        else:
            self.controller.stop()

    def toggle_pause(self) -> None:
        if self.controller.state == SessionState.RECORDING:
            self.controller.pause()
        elif self.controller.state == SessionState.PAUSED:
            self.controller.resume()

    # --- drafting ------------------------------------------------------------------------------

    def draft_or_cancel(self) -> None:
        if self.controller.drafting:
            self.controller.cancel_draft()
            self.document_panel.update_draft_button(drafting=bool(self.controller.drafting))
            return
        template = self.document_panel.current_template()
        if template is None:
            return
        self.message_bar.dismiss()
        self.controller.draft(template, note_language=self._options().note_language)

    # --- copy ----------------------------------------------------------------------------------

    def _put_on_clipboard(self, text: str) -> None:
        self.clipboard.copy_document(
            text,
            caps_headings=self._options().caps_headings,
            clear_after_s=self._options().clear_clipboard_after_s,
        )

    def copy_all(self) -> None:
        editor = self.documents.current()
        if editor is None or not editor.toPlainText().strip():
            self.status_line.flash(_t("Nothing to copy yet."))
            return
        self._put_on_clipboard(editor.toPlainText())
        self.controller.mark_copied(editor.template_id)
        self.document_panel.show_copied()

    def copy_section(self, text: str) -> None:
        self._put_on_clipboard(text)
        self.status_line.flash(_t("Section copied."))

    def copy_transcript(self) -> None:
        text = self.transcript.copied_text()
        if text:
            self.clipboard.copy_plain(text, clear_after_s=self._options().clear_clipboard_after_s)
            self.status_line.flash(_t("Transcript copied."))
