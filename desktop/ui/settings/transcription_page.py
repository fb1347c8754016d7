"""Settings > Transcription: local model or transcription server, language, vocabulary.

Threads: GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.secrets import TRANSCRIPTION_API_KEY, Secrets
from desktop.ui.settings.common import SecretField, SettingsPage, add_field, new_form
from desktop.ui.settings.validation import (
    check_model_name,
    check_required,
    check_url,
    vocabulary_from_text,
)

BUNDLED = "bundled"
OTHER = "other"
COMPUTE_TYPES = ("int8", "int8_float16", "float16", "float32")


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class TranscriptionPage(SettingsPage):
    def __init__(
        self, *, settings: Settings, secrets: Secrets, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        s = settings.transcription
        self.backend = QComboBox(self)
        self.backend.addItem(self.tr("On this computer (faster-whisper)"), "local")
        self.backend.addItem(self.tr("Transcription server (OpenAI-compatible)"), "remote")
        if s.backend not in ("local", "remote"):
            self.backend.addItem(s.backend, s.backend)  # e.g. "fake" in tests: kept as is
        _select(self.backend, s.backend)

        self.model_choice = QComboBox(self)
        self.model_choice.addItem(self.tr("Whisper base (included, recommended)"), BUNDLED)
        self.model_choice.addItem(self.tr("Another model…"), OTHER)
        other = s.model.strip() not in ("", BUNDLED)
        _select(self.model_choice, OTHER if other else BUNDLED)
        self.model_path = QLineEdit(s.model if other else "", self)
        self.model_path.setPlaceholderText(self.tr("A model folder, or a name such as small"))
        self.browse = QPushButton(self.tr("Choose folder…"), self)
        self.browse.clicked.connect(self._on_browse)
        model_row = QWidget(self)
        row = QHBoxLayout(model_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.model_path, 1)
        row.addWidget(self.browse)

        self.language = QComboBox(self)
        self.language.addItem(self.tr("Detect automatically"), "auto")
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("French"), "fr")
        _select(self.language, s.language)
        self.device = QComboBox(self)
        self.device.addItem(self.tr("Automatic (graphics card if usable)"), "auto")
        self.device.addItem(self.tr("Processor (CPU)"), "cpu")
        self.device.addItem(self.tr("Graphics card (CUDA)"), "cuda")
        _select(self.device, s.device)
        self.compute = QComboBox(self)
        self.compute.addItem(self.tr("Default (int8 on CPU, float16 on GPU)"), "default")
        for name in COMPUTE_TYPES:
            self.compute.addItem(name, name)
        if self.compute.findData(s.compute_type) < 0:
            self.compute.addItem(s.compute_type, s.compute_type)
        _select(self.compute, s.compute_type)
        self.second_pass = QCheckBox(
            self.tr("Settle the transcript with a second, slower pass during the visit"), self
        )
        self.second_pass.setToolTip(
            self.tr(
                "A few seconds behind the live text, the recording is transcribed again in longer "
                "windows and its text replaces the live one: the note is drafted from it. It "
                "yields to the live transcript, uses about 130 MB more memory, and the note waits "
                "for its last stretch at Stop. Off by default: the live text is usually as good."
            )
        )
        self.second_pass.setChecked(s.second_pass)
        self.vocabulary = QPlainTextEdit("\n".join(s.vocabulary), self)
        self.vocabulary.setPlaceholderText(self.tr("One term per line, e.g. amoxicillin"))
        self.vocabulary.setFixedHeight(72)

        self.remote_url = QLineEdit(s.remote_url, self)
        self.remote_url.setPlaceholderText("http://gpu-server.clinic.lan:8000/v1")
        self.remote_model = QLineEdit(s.remote_model, self)
        self.api_key = SecretField(secrets=secrets, name=TRANSCRIPTION_API_KEY, parent=self)

        form = new_form(self)
        add_field(form, self.tr("Transcribe:"), self.backend)
        add_field(form, self.tr("Model:"), self.model_choice)
        self.model_error = add_field(form, "", model_row, marked=self.model_path)
        add_field(form, self.tr("Spoken language:"), self.language)
        add_field(form, self.tr("Run on:"), self.device)
        add_field(form, self.tr("Precision:"), self.compute)
        form.addRow("", self.second_pass)
        add_field(
            form,
            self.tr("Vocabulary:"),
            self.vocabulary,
            note=self.tr("Drug names and terms the model should expect."),
        )
        self.remote_box = QGroupBox(self.tr("Transcription server"), self)
        remote_form = new_form(self.remote_box)
        self.remote_box.setLayout(remote_form)
        self.url_error = add_field(remote_form, self.tr("Address:"), self.remote_url)
        self.remote_model_error = add_field(remote_form, self.tr("Model:"), self.remote_model)
        add_field(remote_form, self.tr("API key:"), self.api_key)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remote_box)
        layout.addStretch(1)

        for combo in (self.backend, self.model_choice, self.language, self.device, self.compute):
            combo.currentIndexChanged.connect(self._on_changed)
        for edit in (self.model_path, self.remote_url, self.remote_model):
            edit.textChanged.connect(self._on_changed)
        self.vocabulary.textChanged.connect(self._emit_changed)
        self.second_pass.toggled.connect(self._emit_changed)
        self.api_key.changed.connect(self._emit_changed)
        self._update_enabled()

    def title(self) -> str:
        return self.tr("Transcription")

    def _remote(self) -> bool:
        return self.backend.currentData() == "remote"

    def _update_enabled(self) -> None:
        local = not self._remote()
        other = self.model_choice.currentData() == OTHER
        for widget in (self.model_choice, self.device, self.compute, self.second_pass):
            widget.setEnabled(local)  # the second pass needs the model on this computer
        self.model_path.setEnabled(local and other)
        self.browse.setEnabled(local and other)
        self.remote_box.setEnabled(not local)

    def _on_changed(self, *_args: object) -> None:
        self._update_enabled()
        self.changed.emit()

    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the model folder"))
        if folder:
            self.model_path.setText(folder)

    def _model(self) -> str:
        if self.model_choice.currentData() == OTHER:
            return self.model_path.text().strip()
        return BUNDLED

    def apply(self, settings: Settings) -> Settings:
        t = replace(
            settings.transcription,
            backend=str(self.backend.currentData()),
            model=self._model(),
            language=str(self.language.currentData()),
            device=str(self.device.currentData()),
            compute_type=str(self.compute.currentData()),
            vocabulary=vocabulary_from_text(self.vocabulary.toPlainText()),
            second_pass=self.second_pass.isChecked(),
            remote_url=self.remote_url.text().strip(),
            remote_model=self.remote_model.text().strip(),
        )
        return replace(settings, transcription=t)

    def validate(self, draft: Settings) -> bool:
        t = draft.transcription
        remote = t.backend == "remote"
        local_only = draft.privacy.local_only
        ok = self.model_error.show_problem(None if remote else check_model_name(t.model))
        ok &= self.url_error.show_problem(
            check_url(t.remote_url, local_only=local_only) if remote else None
        )
        ok &= self.remote_model_error.show_problem(
            check_required(t.remote_model) if remote else None
        )
        return ok

    def secret_changes(self) -> dict[str, str | None]:
        return self.api_key.pending()
