"""The document panel: which document to draft and in which language, Draft and Copy, the warning
about the offline model, the document tabs, their checks, and the draft streaming into its tab.

Threads: GUI thread only. The panel never talks to the controller; the main window wires it.
Its strings keep the main window's translation context ("MainWindow").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import document_format
from desktop.encounter import Encounter
from desktop.notes.base import Template
from desktop.ui.document_checks import DocumentChecks
from desktop.ui.instruction_bar import InstructionBar
from desktop.ui.note_editor import DocumentTabs
from desktop.ui.standing_offer import StandingOffer
from desktop.ui.transcript_view import TranscriptView


def _t(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class DocumentPanel(QWidget):
    def __init__(
        self,
        *,
        transcript: TranscriptView,
        language: Callable[[], str],
        drafting: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.templates: dict[str, Template] = {}  # id -> template, in the note language
        self._drafting_previous = ""
        note_layout = QVBoxLayout(self)
        note_layout.setContentsMargins(0, 4, 0, 0)
        note_row = QHBoxLayout()
        self.template_combo = QComboBox(self)
        self.template_combo.setToolTip(_t("Document to draft"))
        self.note_language_combo = QComboBox(self)
        self.note_language_combo.addItem("EN", "en")
        self.note_language_combo.addItem("FR", "fr")
        self.note_language_combo.setToolTip(_t("Language of the document"))
        self.draft_button = QPushButton(_t("Draft note"), self)
        self.draft_button.setDefault(True)
        self.copy_button = QPushButton(_t("Copy"), self)
        note_row.addWidget(self.template_combo, 1)
        note_row.addWidget(self.note_language_combo)
        note_row.addWidget(self.draft_button)
        note_row.addWidget(self.copy_button)
        note_layout.addLayout(note_row)
        self.quality_label = QLabel(self)
        self.quality_label.setWordWrap(True)
        self.quality_label.setStyleSheet(
            "color:#7a4b00; background:#fff6e0; border-radius:3px; padding:3px 6px;"
        )
        note_layout.addWidget(self.quality_label)
        self.checking_label = QLabel(self)  # while the draft is checked and repaired
        self.checking_label.setWordWrap(True)
        self.checking_label.setStyleSheet(
            "color:#1e3a8a; background:#e8efff; border-radius:3px; padding:3px 6px;"
        )
        self.checking_label.hide()
        note_layout.addWidget(self.checking_label)
        self.documents = DocumentTabs(self)
        note_layout.addWidget(self.documents, 1)
        self.instruction_bar = InstructionBar(documents=self.documents, parent=self)
        note_layout.addWidget(self.instruction_bar)
        self.standing_offer = StandingOffer(self)
        note_layout.addWidget(self.standing_offer)
        self.checks = DocumentChecks(
            documents=self.documents,
            transcript=transcript,
            language=language,
            drafting=drafting,
            evidence=self.instruction_bar.evidence_for,
            parent=self,
        )
        note_layout.addWidget(self.checks)

    # --- choosing the document -----------------------------------------------------------------

    def fill_templates(self, all_templates: list[Template], *, language: str, chosen: str) -> None:
        """The templates in the note language (all of them if none is), ``chosen`` selected."""
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        in_language = [t for t in all_templates if t.language == language]
        self.templates = {t.id: t for t in in_language or all_templates}
        for template in self.templates.values():
            self.template_combo.addItem(template.title, template.id)
        index = self.template_combo.findData(chosen)
        self.template_combo.setCurrentIndex(max(0, index))
        self.template_combo.blockSignals(False)

    def set_note_language(self, code: str) -> None:
        self.note_language_combo.blockSignals(True)
        self.note_language_combo.setCurrentIndex(max(0, self.note_language_combo.findData(code)))
        self.note_language_combo.blockSignals(False)

    def show_local_model(self, label: str) -> None:
        """Warn that drafts come from the small offline model ``label`` ("" hides the warning)."""
        self.quality_label.setVisible(bool(label))
        self.quality_label.setText(
            _t(
                "Draft by a small offline model ({model}): it can misstate doses, units and "
                "durations, mix up current and new treatments, and add things that were not "
                "said. Check every line against the consultation before signing."
            ).format(model=label)
        )

    def current_template(self) -> Template | None:
        return self.templates.get(self.template_combo.currentData())

    def ensure_current_editor(self) -> None:
        """The chosen document always has a tab (empty until drafted or typed in)."""
        template = self.current_template()
        if template is not None:
            self.documents.editor(template.id, template.title)
            self.documents.show_document(template.id)

    def select_template(self, template_id: str) -> None:
        index = self.template_combo.findData(template_id)
        if index >= 0 and index != self.template_combo.currentIndex():
            self.template_combo.setCurrentIndex(index)

    def update_draft_button(self, *, drafting: bool) -> None:
        if drafting:
            self.draft_button.setText(_t("Cancel"))
            return
        template = self.current_template()
        editor = self.documents.editors().get(template.id) if template else None
        has_text = editor is not None and bool(editor.toPlainText().strip())
        self.draft_button.setText(_t("Regenerate") if has_text else _t("Draft note"))

    # --- the documents of an encounter -----------------------------------------------------------

    def load(self, encounter: Encounter) -> None:
        """Show the documents of an encounter opened again (from history or after a crash)."""
        self.documents.clear()
        for template_id, document in encounter.documents.items():
            template = self.templates.get(template_id)
            editor = self.documents.editor(template_id, template.title if template else template_id)
            editor.blockSignals(True)
            editor.setPlainText(document_format.clean_markdown(document.text))
            editor.blockSignals(False)
        self.ensure_current_editor()

    def begin_draft(self, template_id: str) -> None:
        template = self.templates[template_id]
        editor = self.documents.editor(template_id, template.title)
        self.documents.show_document(template_id)
        self._drafting_previous = editor.toPlainText()
        editor.document().setUndoRedoEnabled(False)
        editor.clear()
        editor.begin_stream()
        editor.setReadOnly(True)

    def append_draft(self, template_id: str, text: str) -> None:
        editor = self.documents.editors().get(template_id)
        if editor is not None:
            editor.append_stream(text)

    def show_checking(self) -> None:
        """The draft is written; it is being checked against the consultation and repaired."""
        self.checking_label.setText(
            _t(
                "Checking the draft against the consultation… What nobody said is being fixed; "
                "what cannot be fixed stays underlined."
            )
        )
        self.checking_label.show()

    def replace_draft(self, template_id: str, text: str) -> None:
        """A repair landed: the draft being checked shows its repaired text."""
        editor = self.documents.editors().get(template_id)
        if editor is not None:
            editor.blockSignals(True)
            editor.setPlainText(document_format.clean_markdown(text))
            editor.blockSignals(False)

    def end_draft(self, template_id: str) -> None:
        self.checking_label.hide()
        editor = self.documents.editors().get(template_id)
        if editor is not None:
            final = document_format.clean_markdown(editor.toPlainText())
            editor.blockSignals(True)
            editor.setPlainText(self._drafting_previous)
            editor.document().setUndoRedoEnabled(True)
            editor.blockSignals(False)
            editor.replace_all(final)  # one undo step back to the previous draft
            editor.setReadOnly(False)
        self.checks.run()

    def show_copied(self) -> None:
        self.copy_button.setText(_t("Copied ✓"))
        QTimer.singleShot(2000, self._reset_copy_button)

    def _reset_copy_button(self) -> None:
        self.copy_button.setText(_t("Copy"))
