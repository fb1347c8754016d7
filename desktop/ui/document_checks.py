"""Checks of the current document against the consultation, as the doctor edits.

Runs ``desktop.trust.check`` (fast, local, no LLM) shortly after typing stops: underlines in the
editor, a count in the status bar, the omissions list under the document, and the evidence of the
sentence under the cursor lit up in the transcript. Threads: GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.notes.repair_prompt import is_nothing_clinical_document
from desktop.session.revision_check import stated
from desktop.trust import Flag, SentenceLink
from desktop.trust import check as check_note
from desktop.ui.note_editor import DocumentTabs
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.trust_view import OmissionsPanel

log = logging.getLogger(__name__)

CHECK_DELAY_MS = 600  # checks run this long after the doctor stops typing


class DocumentChecks(QWidget):
    """The omissions list (collapsible) and the logic that keeps every view of the checks fresh.

    ``status_label`` goes in the window's status bar.
    """

    def __init__(
        self,
        *,
        documents: DocumentTabs,
        transcript: TranscriptView,
        language: Callable[[], str],
        drafting: Callable[[], str],
        evidence: Callable[[str], list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._evidence = evidence  # the instructions the doctor gave for a document: evidence
        self._documents = documents
        self._transcript = transcript
        self._language = language
        self._drafting = drafting
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.omissions = OmissionsPanel(self)
        self.omissions.hide()
        layout.addWidget(self.toggle)
        layout.addWidget(self.omissions)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color:#b91c1c;")
        self.status_label.setToolTip(
            self.tr("Underlined in the document: hover for the reason, click for the evidence.")
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.toggle.toggled.connect(self._on_toggled)
        self.omissions.insert_requested.connect(self._insert)
        self.omissions.dismissed.connect(self._on_dismissed)
        documents.sentence_selected.connect(self._on_sentence_selected)
        self.hide()

    def schedule(self) -> None:
        self._timer.start()

    def run(self) -> None:
        """Link each sentence of the current document to its evidence and flag risky content."""
        self._timer.stop()
        editor = self._documents.current()
        if editor is None:
            return
        text = editor.toPlainText()
        segments = self._transcript.segments()
        if (
            self._drafting() == editor.template_id
            or not text.strip()
            or not segments
            or is_nothing_clinical_document(text)  # the software's own words: nothing to check
        ):
            editor.set_report(None)
            self._show([])
            self.status_label.setText("")
            return
        if self._evidence is not None:
            segments = stated(segments, self._evidence(editor.template_id))
        try:
            report = check_note(text, segments, language=self._language())
        except Exception:  # a check must never cost the doctor the note
            log.warning("checks failed", exc_info=True)
            return
        editor.set_report(report)
        self._show(report.flags_of("omission"))
        risky = [f for f in report.flags if f.kind not in ("omission", "unsupported")]
        unsupported = report.flags_of("unsupported")
        parts = []
        if risky:
            parts.append(self.tr("{n} to check").format(n=len(risky)))
        if unsupported:
            parts.append(self.tr("{n} not found").format(n=len(unsupported)))
        self.status_label.setText(" · ".join(parts))

    def _show(self, flags: list[Flag]) -> None:
        self.omissions.set_omissions(flags)
        shown = len(self.omissions.rows())
        self.setVisible(shown > 0)
        self.toggle.setText(
            self.tr("Mentioned in the consultation but not in the document ({n})").format(n=shown)
        )
        self.omissions.setVisible(shown > 0 and self.toggle.isChecked())

    def _on_toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.omissions.setVisible(shown and bool(self.omissions.rows()))

    def _insert(self, flag: Flag) -> None:
        editor = self._documents.current()
        if editor is None:
            return
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        prefix = "" if editor.toPlainText().endswith("\n") else "\n"
        cursor.insertText(f"{prefix}- {flag.text}\n")
        self.run()

    def _on_dismissed(self, _flag: Flag) -> None:
        self._show([row.flag for row in self.omissions.rows()])

    def _on_sentence_selected(self, link: SentenceLink | None) -> None:
        self._transcript.highlight_segments(link.segments if link else ())
