"""Settings > Templates: the documents Scribe can draft; the doctor's own can be edited.

Built-in templates are read-only (duplicate one to adapt it), so they are always as shipped.
Every change is kept in the dialog and written only on OK (``commit``).
Threads: GUI thread only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.errors import ScribeError
from desktop.notes.base import Template
from desktop.ui.messages import error_message
from desktop.ui.settings.common import ERROR_STYLE, SettingsPage, add_field, new_form, note_label
from desktop.ui.settings.dialog_services import SettingsServices
from desktop.ui.settings.validation import Problem, check_required

KINDS = ("note", "letter", "prescription", "instructions")


@dataclass
class Entry:
    template: Template
    origin: Template | None  # the saved version (None: created in this dialog)


def slug(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40]
    return text or "template"


class TemplatesPage(SettingsPage):
    def __init__(
        self, *, settings: Settings, services: SettingsServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        try:
            loaded = services.load_templates()
            load_error = ""
        except ScribeError as exc:  # the built-ins are missing: say so, keep the dialog usable
            loaded, load_error = [], error_message(exc)[0]
        self.entries = [Entry(t, t) for t in loaded]
        self._removed: list[Template] = []
        self._loading = False
        self.list = QListWidget(self)
        self.list.setMinimumWidth(180)
        self.new_button = QPushButton(self.tr("New"), self)
        self.duplicate_button = QPushButton(self.tr("Duplicate"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.new_button.clicked.connect(self.new_template)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.title_edit = QLineEdit(self)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("French"), "fr")
        self.kind = QComboBox(self)
        kind_names = {
            "note": self.tr("Consultation note"),
            "letter": self.tr("Letter"),
            "prescription": self.tr("Prescription draft"),
            "instructions": self.tr("Patient instructions"),
        }
        for kind in KINDS:
            self.kind.addItem(kind_names[kind], kind)
        self.instructions = QPlainTextEdit(self)
        self.instructions.setPlaceholderText(self.tr("What the model should write, and how."))
        self.standing = QPlainTextEdit(self)
        self.standing.setPlaceholderText(
            self.tr(
                "One per line, applied to every draft of this document, e.g.\n"
                "always list allergies first\nbullet points in PLAN"
            )
        )
        self.standing.setMaximumHeight(90)
        self.readonly_note = note_label(
            self.tr("Built-in templates (in grey) cannot be changed: duplicate one to adapt it."),
            self,
        )

        buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        editor = QWidget(self)
        form = new_form(editor)
        editor.setLayout(form)
        form.addRow("", self.readonly_note)
        self.title_error = add_field(form, self.tr("Title:"), self.title_edit)
        add_field(form, self.tr("Language:"), self.language)
        add_field(form, self.tr("Document:"), self.kind)
        self.instructions_error = add_field(form, self.tr("Instructions:"), self.instructions)
        add_field(form, self.tr("Standing instructions:"), self.standing)
        self.list_error = note_label("", self)
        self.list_error.setStyleSheet(ERROR_STYLE)
        self.list_error.hide()
        self.load_error = note_label(load_error, self)
        self.load_error.setStyleSheet(ERROR_STYLE)
        self.load_error.setVisible(bool(load_error))
        left.addWidget(self.load_error)
        left.addWidget(self.list_error)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(editor, 3)

        self.list.currentRowChanged.connect(self._on_row)
        self.title_edit.textChanged.connect(self._on_edit)
        self.instructions.textChanged.connect(self._on_edit)
        self.standing.textChanged.connect(self._on_edit)
        self.language.currentIndexChanged.connect(self._on_edit)
        self.kind.currentIndexChanged.connect(self._on_edit)
        self._refresh_list(0)

    def title(self) -> str:
        return self.tr("Document templates")

    def templates(self) -> list[Template]:
        return [e.template for e in self.entries]

    def apply(self, settings: Settings) -> Settings:
        return settings  # templates are files, not settings: written by commit()

    # --- list ----------------------------------------------------------------------------------

    def _label(self, t: Template) -> str:
        return f"{t.title} · {t.language.upper()}"

    def _refresh_list(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(self._label(entry.template), self.list)
            tips = {
                (True, "en"): self.tr("Built-in template, in English"),
                (True, "fr"): self.tr("Built-in template, in French"),
                (False, "en"): self.tr("Your template, in English"),
                (False, "fr"): self.tr("Your template, in French"),
            }
            item.setToolTip(tips.get((entry.template.builtin, entry.template.language), ""))
            if entry.template.builtin:
                item.setForeground(self.palette().placeholderText())
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(max(row, 0), len(self.entries) - 1))
        self._on_row(self.list.currentRow())

    def current(self) -> Entry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _on_row(self, _row: int) -> None:
        entry = self.current()
        self._loading = True
        t = entry.template if entry else None
        self.title_edit.setText(t.title if t else "")
        self.instructions.setPlainText(t.instructions if t else "")
        self.standing.setPlainText("\n".join(t.standing) if t else "")
        self.language.setCurrentIndex(max(0, self.language.findData(t.language if t else "en")))
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.kind if t else "note")))
        editable = t is not None and not t.builtin
        for widget in (self.title_edit, self.language, self.kind):
            widget.setEnabled(editable)
        self.instructions.setReadOnly(not editable)
        self.standing.setReadOnly(not editable)
        self.readonly_note.setVisible(t is not None and t.builtin)
        self.delete_button.setEnabled(editable)
        self.duplicate_button.setEnabled(t is not None)
        self._loading = False
        self.changed.emit()

    def _on_edit(self, *_args: object) -> None:
        entry = self.current()
        if self._loading or entry is None or entry.template.builtin:
            return
        title = self.title_edit.text()
        language = str(self.language.currentData())
        new_id = entry.template.id
        if entry.origin is None:  # a template made here takes its id from its title
            new_id = self._free_id(slug(title), language, entry)
        entry.template = replace(
            entry.template,
            id=new_id,
            title=title,
            language=language,
            kind=str(self.kind.currentData()),
            instructions=self.instructions.toPlainText(),
            standing=tuple(
                " ".join(line.split())
                for line in self.standing.toPlainText().splitlines()
                if line.strip()
            ),
        )
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._label(entry.template))
        self.changed.emit()

    def _free_id(self, base: str, language: str, skip: Entry | None = None) -> str:
        taken = {(e.template.id, e.template.language) for e in self.entries if e is not skip}
        candidate, n = base, 1
        while (candidate, language) in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def new_template(self) -> None:
        language = "fr" if QLocale().language() == QLocale.Language.French else "en"
        title = self.tr("New template")
        template = Template(
            id=self._free_id(slug(title), language),
            language=language,
            title=title,
            kind="note",
            instructions="",
            builtin=False,
        )
        self.entries.append(Entry(template, None))
        self._refresh_list(len(self.entries) - 1)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def duplicate_current(self) -> None:
        entry = self.current()
        if entry is None:
            return
        t = entry.template
        title = t.title + self.tr(" (copy)")
        copy = replace(
            t, id=self._free_id(f"{t.id}-copy"[:40], t.language), title=title, builtin=False
        )
        self.entries.append(Entry(copy, None))
        self._refresh_list(len(self.entries) - 1)

    def delete_current(self) -> None:
        entry = self.current()
        if entry is None or entry.template.builtin:
            return
        if entry.origin is not None:
            self._removed.append(entry.origin)
        row = self.list.currentRow()
        self.entries.remove(entry)
        self._refresh_list(row)

    # --- validation and OK ---------------------------------------------------------------------

    def _problems(self, t: Template) -> tuple[Problem | None, Problem | None]:
        title = check_required(t.title) if not t.builtin else None
        return title, (check_required(t.instructions) if not t.builtin else None)

    def validate(self, draft: Settings) -> bool:
        entry = self.current()
        if entry is not None:
            title, body = self._problems(entry.template)
            self.title_error.show_problem(title)
            self.instructions_error.show_problem(body)
        bad = [e.template for e in self.entries if any(self._problems(e.template))]
        names = ", ".join(f"“{t.title.strip() or t.id}”" for t in bad)
        self.list_error.setText(
            self.tr("Complete the title and instructions of: %1").replace("%1", names)
            if bad
            else ""
        )
        self.list_error.setVisible(bool(bad))
        return not bad

    def commit(self) -> None:
        """Write the changes: deletions first, then new and edited templates."""
        for removed in self._removed:
            self._services.delete_template(removed)
        for entry in self.entries:
            t, origin = entry.template, entry.origin
            if t.builtin or t == origin:
                continue
            if origin is not None and (origin.id, origin.language) != (t.id, t.language):
                self._services.delete_template(origin)
            self._services.save_template(t)
            entry.origin = t
        self._removed = []
