"""The Settings dialog: six pages, inline validation, atomic OK, Cancel changes nothing.

``SettingsDialog(settings=..., secrets=..., services=...)``; ``exec()``; then
``result_settings()`` is a new frozen ``Settings`` (the one given when the dialog was cancelled).
On OK, API keys go to the keychain and template changes to disk before the dialog closes; if
either fails, the dialog stays open with the reason and the settings are not changed.

Threads: GUI thread; pages run their slow tests on ``desktop.session.workers`` workers.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.errors import ScribeError
from desktop.notes.templates import TemplateError
from desktop.secrets import Secrets, SecretStoreUnavailable
from desktop.ui.messages import error_message
from desktop.ui.settings.audio_page import AudioPage
from desktop.ui.settings.common import SettingsPage
from desktop.ui.settings.dialog_services import SettingsServices
from desktop.ui.settings.notes_page import NotesPage
from desktop.ui.settings.simple_pages import InterfacePage, PrivacyPage
from desktop.ui.settings.templates_page import TemplatesPage
from desktop.ui.settings.transcription_page import TranscriptionPage
from desktop.ui.widgets import MessageBar

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    def __init__(
        self,
        *,
        settings: Settings,
        secrets: Secrets,
        services: SettingsServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scribe settings"))
        self._original = settings
        self._result = settings
        self._secrets = secrets
        self.audio = AudioPage(settings=settings, services=services)
        self.transcription = TranscriptionPage(settings=settings, secrets=secrets)
        self.templates = TemplatesPage(settings=settings, services=services)
        self.notes = NotesPage(
            settings=settings,
            secrets=secrets,
            services=services,
            templates=self.templates.templates(),
        )
        self.privacy = PrivacyPage(settings=settings)
        self.interface = InterfacePage(settings=settings)
        self.pages: list[SettingsPage] = [
            self.audio,
            self.transcription,
            self.notes,
            self.templates,
            self.privacy,
            self.interface,
        ]
        self.message = MessageBar(self)
        self.nav = QListWidget(self)
        self.nav.setFixedWidth(160)
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        self.nav.setIconSize(QSize(16, 16))
        self.stack = QStackedWidget(self)
        for page in self.pages:
            self.nav.addItem(page.title())
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            page.changed.connect(self.revalidate)
        self.templates.changed.connect(self._on_templates_changed)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.nav.setCurrentRow(0)
        self.resize(820, 560)
        self.revalidate()

    # --- state --------------------------------------------------------------------------------

    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def page_index(self, page: SettingsPage) -> int:
        return self.pages.index(page)

    def show_page(self, page: SettingsPage) -> None:
        self.nav.setCurrentRow(self.page_index(page))

    def draft(self) -> Settings:
        """The settings as the dialog shows them now (not yet valid, not saved)."""
        settings = self._original
        for page in self.pages:
            settings = page.apply(settings)
        return settings

    def revalidate(self) -> bool:
        draft = self.draft()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        all_ok = True
        for row, page in enumerate(self.pages):
            ok = page.validate(draft)
            all_ok &= ok
            item = self.nav.item(row)
            item.setIcon(warning if not ok else QIcon())
            item.setToolTip("" if ok else self.tr("Something on this page needs fixing."))
        self.ok_button().setEnabled(all_ok)
        return all_ok

    def _on_templates_changed(self) -> None:
        self.notes.set_templates(self.templates.templates())

    def result_settings(self) -> Settings:
        return self._result

    # --- closing ------------------------------------------------------------------------------

    def accept(self) -> None:
        if not self.revalidate():
            return
        draft = self.draft()
        try:
            self._write_secrets()
            self.templates.commit()
        except ScribeError as exc:
            log.warning("settings: OK failed (%s)", type(exc).__name__)
            self.message.show_message(self._failure_text(exc), kind="error", details=str(exc))
            return
        self._result = draft
        self._shutdown()
        super().accept()

    def _failure_text(self, exc: ScribeError) -> str:
        if isinstance(exc, SecretStoreUnavailable):
            return self.tr(
                "The keychain did not save the API key. Unlock it (or fix it) and press OK again."
            )
        if isinstance(exc, TemplateError):
            return self.tr("A template could not be saved or deleted; nothing else was changed.")
        return error_message(exc)[0]

    def _write_secrets(self) -> None:
        for page in self.pages:
            for name, value in page.secret_changes().items():
                if value is None:
                    self._secrets.delete(name)
                else:
                    self._secrets.set(name, value)

    def reject(self) -> None:
        self._result = self._original
        self._shutdown()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shutdown()
        super().closeEvent(event)

    def _shutdown(self) -> None:
        for page in self.pages:
            page.shutdown()
