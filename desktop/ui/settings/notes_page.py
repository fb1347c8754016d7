"""Settings > Notes: the note backend (preset, address, model, key) and how notes are written.

Threads: GUI thread; "Test connection" runs ``services.list_models`` on a
``desktop.session.workers`` worker whose signals come back to bound methods here.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import replace

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.cancel import CancelToken
from desktop.config import Settings
from desktop.config_values import BOUNDS
from desktop.notes.base import Template
from desktop.notes.presets import PRESETS, get_preset
from desktop.secrets import NOTES_API_KEY, Secrets
from desktop.session.workers import Worker, WorkerSet
from desktop.ui.messages import error_message
from desktop.ui.settings.common import (
    ERROR_COLOUR,
    NOTE_STYLE,
    OK_COLOUR,
    WARNING_COLOUR,
    SecretField,
    SettingsPage,
    add_field,
    new_form,
    note_label,
)
from desktop.ui.settings.dialog_services import ConnectionProbe, SettingsServices
from desktop.ui.settings.preset_texts import preset_hint, preset_label
from desktop.ui.settings.validation import check_required, check_url


def probe_job(
    list_models: Callable[[ConnectionProbe], list[str]],
    probe: ConnectionProbe,
    *,
    cancel: CancelToken,
) -> Generator[None, None, list[str]]:
    """Worker body for "Test connection": one blocking call, result returned."""
    if False:  # a generator with nothing to yield
        yield None
    return list_models(probe)


class NotesPage(SettingsPage):
    def __init__(
        self,
        *,
        settings: Settings,
        secrets: Secrets,
        services: SettingsServices,
        templates: list[Template],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = WorkerSet(parent=self)  # the one way to start a thread
        n = settings.notes
        self._services = services
        self._worker: Worker | None = None
        self._local_only = settings.privacy.local_only
        self._preset_id = get_preset(n.preset).id
        self.preset = QComboBox(self)
        for preset in PRESETS.values():
            self.preset.addItem(preset_label(preset.id, preset.label), preset.id)
        if n.preset not in PRESETS:  # e.g. "fake" in tests and demos: kept as it is
            self.preset.addItem(n.preset, n.preset)
            self._preset_id = n.preset
        self.preset.setCurrentIndex(max(0, self.preset.findData(self._preset_id)))
        self.hint = note_label("", self)
        self.base_url = QLineEdit(n.base_url or get_preset(n.preset).base_url, self)
        self.model = QComboBox(self)
        self.model.setEditable(True)
        self.model.setEditText(n.model)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        model_row = QWidget(self)
        row = QHBoxLayout(model_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.model, 1)
        row.addWidget(self.test_button)
        self.api_key = SecretField(secrets=secrets, name=NOTES_API_KEY, parent=self)
        self.azure_version = QLineEdit(n.azure_api_version, self)
        self.template = QComboBox(self)
        self.set_templates(templates, n.template)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("Same as the interface"), "auto")
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("French"), "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(n.note_language)))
        self.budget = QSpinBox(self)
        self.budget.setRange(*(int(b) for b in BOUNDS["notes.context_budget_tokens"]))
        self.budget.setSingleStep(1000)
        self.budget.setSuffix(self.tr(" tokens"))
        self.budget.setValue(n.context_budget_tokens)
        self.draft_on_stop = QCheckBox(
            self.tr("Draft the default document when I press Stop"), self
        )
        self.draft_on_stop.setChecked(n.draft_on_stop)
        self.pre_read = QCheckBox(
            self.tr("Send the consultation to this server while I record (faster notes at Stop)"),
            self,
        )
        self.pre_read.setToolTip(
            self.tr(
                "For a clinic's own llama.cpp or vLLM server that caches prompts; a long "
                "consultation is also condensed part by part as you record. "
                "The built-in model always does it."
            )
        )
        self.pre_read.setChecked(n.pre_read_remote)

        form = new_form(self)
        preset_box = QWidget(self)
        preset_column = QVBoxLayout(preset_box)
        preset_column.setContentsMargins(0, 0, 0, 0)
        preset_column.addWidget(self.preset)
        preset_column.addWidget(self.hint)
        form.addRow(self.tr("Note backend:"), preset_box)
        self.url_error = add_field(form, self.tr("Server address:"), self.base_url)
        self.model_error = add_field(form, self.tr("Model:"), model_row, marked=self.model)
        self.connection = note_label("", self)
        self.connection.setWordWrap(True)
        self.connection.hide()
        form.addRow("", self.connection)
        self.key_error = add_field(form, self.tr("API key:"), self.api_key)
        self.azure_error = add_field(form, self.tr("Azure API version:"), self.azure_version)
        self._azure_label = form.labelForField(self.azure_error.parentWidget() or self)
        add_field(form, self.tr("Default document:"), self.template)
        add_field(form, self.tr("Note language:"), self.language)
        form.addRow("", self.draft_on_stop)
        form.addRow("", self.pre_read)
        add_field(
            form,
            self.tr("Transcript budget:"),
            self.budget,
            note=self.tr("Longer consultations are condensed first to fit this budget."),
        )
        self.repair = QCheckBox(self.tr("Repair drafts"), self)
        self.repair.setChecked(n.repair_drafts)
        add_field(
            form,
            "",
            self.repair,
            note=self.tr(
                "Each draft is checked against the consultation and what nobody said is fixed "
                "before you read it; the first draft stays in the history."
            ),
        )
        self.repair.toggled.connect(self._emit_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self.preset.currentIndexChanged.connect(self._on_preset)
        self.base_url.textChanged.connect(self._emit_changed)
        self.model.editTextChanged.connect(self._emit_changed)
        self.azure_version.textChanged.connect(self._emit_changed)
        self.api_key.changed.connect(self._emit_changed)
        for combo in (self.template, self.language):
            combo.currentIndexChanged.connect(self._emit_changed)
        self.budget.valueChanged.connect(self._emit_changed)
        self.draft_on_stop.toggled.connect(self._emit_changed)
        self.pre_read.toggled.connect(self._emit_changed)
        self._update_for_preset()

    def title(self) -> str:
        return self.tr("Notes")

    def set_templates(self, templates: list[Template], current: str | None = None) -> None:
        """Fill the default-document list (one entry per template id)."""
        chosen = current if current is not None else str(self.template.currentData() or "")
        language = "fr" if QLocale().language() == QLocale.Language.French else "en"
        self.template.blockSignals(True)
        self.template.clear()
        titles: dict[str, str] = {}
        for t in templates:
            if t.id not in titles or t.language == language:
                titles[t.id] = t.title
        for template_id, title in titles.items():
            self.template.addItem(title, template_id)
        if chosen and self.template.findData(chosen) < 0:
            self.template.addItem(chosen, chosen)
        self.template.setCurrentIndex(max(0, self.template.findData(chosen)))
        self.template.blockSignals(False)

    def _builtin(self) -> bool:
        return self.preset.currentData() == "builtin"

    def _on_preset(self, _index: int) -> None:
        old = get_preset(self._preset_id)
        new = get_preset(str(self.preset.currentData()))
        self._preset_id = new.id
        if self.base_url.text().strip() in ("", old.base_url):
            self.base_url.setText(new.base_url)
        if self.model.currentText().strip() in ("", old.default_model):
            self.model.setEditText(new.default_model)
        self.set_status("")
        self._update_for_preset()
        self.changed.emit()

    def _update_for_preset(self) -> None:
        preset = get_preset(self._preset_id)
        builtin = self._builtin()
        self.hint.setText(preset_hint(preset.id))
        self.base_url.setEnabled(not builtin)
        self.base_url.setPlaceholderText(
            self.tr("Runs on this computer") if builtin else "http://127.0.0.1:8000/v1"
        )
        self.model.setEnabled(not builtin)
        self.test_button.setEnabled(not builtin)
        self.api_key.setEnabled(not builtin)
        self.pre_read.setVisible(not builtin)
        self.azure_version.setVisible(preset.azure)
        if self._azure_label is not None:
            self._azure_label.setVisible(preset.azure)

    def set_status(self, text: str, colour: str = "") -> None:
        """The line under the model: the outcome of "Test connection"."""
        self.connection.setText(text)
        self.connection.setStyleSheet(f"color:{colour};" if colour else NOTE_STYLE)
        self.connection.setVisible(bool(text))

    def apply(self, settings: Settings) -> Settings:
        builtin = self._builtin()
        n = replace(
            settings.notes,
            preset=str(self.preset.currentData()),
            base_url="" if builtin else self.base_url.text().strip(),
            model="" if builtin else self.model.currentText().strip(),
            template=str(self.template.currentData() or settings.notes.template),
            note_language=str(self.language.currentData()),
            context_budget_tokens=self.budget.value(),
            draft_on_stop=self.draft_on_stop.isChecked(),
            pre_read_remote=self.pre_read.isChecked(),
            azure_api_version=self.azure_version.text().strip(),
            repair_drafts=self.repair.isChecked(),
        )
        return replace(settings, notes=n)

    def validate(self, draft: Settings) -> bool:
        n = draft.notes
        self._local_only = draft.privacy.local_only
        if n.preset == "builtin":
            self.url_error.show_problem(None)
            self.model_error.show_problem(None)
            self.azure_error.show_problem(None)
            self.key_error.set_message("")
            return True
        ok = self.url_error.show_problem(check_url(n.base_url, local_only=draft.privacy.local_only))
        ok &= self.model_error.show_problem(check_required(n.model))
        preset = get_preset(n.preset)
        ok &= self.azure_error.show_problem(
            check_required(n.azure_api_version) if preset.azure else None
        )
        if preset.needs_api_key and not self.api_key.has_key():
            self.key_error.set_message(self.tr("This service needs an API key."), warning=True)
        else:
            self.key_error.set_message("")
        return ok

    def secret_changes(self) -> dict[str, str | None]:
        return self.api_key.pending()

    # --- Test connection ----------------------------------------------------------------------

    def probe(self) -> ConnectionProbe:
        return ConnectionProbe(
            preset=str(self.preset.currentData()),
            base_url=self.base_url.text().strip(),
            api_key=self.api_key.current_key(),
            model=self.model.currentText().strip(),
            azure_api_version=self.azure_version.text().strip(),
        )

    def test_connection(self) -> None:
        if self._worker is not None:
            return
        problem = check_url(self.base_url.text(), local_only=self._local_only)
        if problem is not None:  # nothing is sent to a server "local only" refuses
            self.url_error.show_problem(problem)
            return
        self.set_status(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        worker = self._workers.spawn(
            probe_job, self._services.list_models, self.probe(), name="list-models"
        )
        worker.returned.connect(self._on_models)
        worker.errored.connect(self._on_probe_error)
        worker.finished.connect(self._on_probe_finished)
        self._worker = worker
        worker.start()

    def testing(self) -> bool:
        return self._worker is not None

    def _on_models(self, models: object) -> None:
        ids = [str(m) for m in models] if isinstance(models, list) else []
        current = self.model.currentText().strip()
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(ids)
        self.model.setEditText(current or (ids[0] if ids else ""))
        self.model.blockSignals(False)
        if current and current not in ids:
            text = self.tr("Connected, but the server does not offer “%1”.").replace("%1", current)
            self.set_status(text, WARNING_COLOUR)
        else:
            self.set_status(self.tr("Connected: %n model(s) available.", "", len(ids)), OK_COLOUR)
        self.changed.emit()

    def _on_probe_error(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            self.set_status(error_message(exc)[0], ERROR_COLOUR)

    def _on_probe_finished(self) -> None:
        if self.sender() is self._worker:
            self._worker = None
            self.test_button.setEnabled(not self._builtin())

    def shutdown(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
