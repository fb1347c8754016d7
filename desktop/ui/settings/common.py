"""Pieces every Settings page uses: the page base class, inline error labels, the API key field.

Threads: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.secrets import ENV_VARS, Secrets
from desktop.ui.settings.validation import Problem

ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5300"
OK_COLOUR = "#1e6b34"
ERROR_STYLE = f"color:{ERROR_COLOUR};"
WARNING_STYLE = f"color:{WARNING_COLOUR};"
NOTE_STYLE = "color:#5f6368;"
INVALID_PROPERTY = "invalid"


def problem_text(problem: Problem) -> str:
    """One translated sentence for a validation problem."""
    texts = {
        Problem.REQUIRED: QCoreApplication.translate("Settings", "This field cannot be empty."),
        Problem.URL_SCHEME: QCoreApplication.translate(
            "Settings", "The address must start with http:// or https://."
        ),
        Problem.URL_HOST: QCoreApplication.translate(
            "Settings", "The address needs a server name, e.g. http://localhost:8000/v1."
        ),
        Problem.URL_SPACES: QCoreApplication.translate(
            "Settings", "The address cannot contain spaces."
        ),
        Problem.URL_PORT: QCoreApplication.translate(
            "Settings", "The port number in the address is not valid."
        ),
        Problem.NOT_LOCAL: QCoreApplication.translate(
            "Settings",
            "“Local only” is on (Privacy page): only a server on this computer is allowed.",
        ),
        Problem.NO_FOLDER: QCoreApplication.translate("Settings", "This folder does not exist."),
        Problem.SHORTCUT_EMPTY: QCoreApplication.translate("Settings", "Choose a key combination."),
        Problem.SHORTCUT_DUPLICATE: QCoreApplication.translate(
            "Settings", "Two actions cannot share a shortcut."
        ),
    }
    return texts[problem]


class FieldError(QLabel):
    """The reason a field is invalid, shown under it (hidden when the field is fine)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, problem: Problem | None) -> bool:
        """Show (or clear) the problem; return True when the field is valid."""
        self.set_message(problem_text(problem) if problem else "")
        return problem is None

    def set_message(self, text: str, *, warning: bool = False) -> None:
        self.setText(text)
        self.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.setVisible(bool(text))
        invalid = bool(text) and not warning
        self.field.setProperty(INVALID_PROPERTY, invalid)
        self.field.setStyleSheet("border:1px solid #b3261e;" if invalid else "")


def add_field(
    form: QFormLayout,
    label: str,
    field: QWidget,
    *,
    note: str = "",
    marked: QWidget | None = None,
) -> FieldError:
    """A labelled row with an error line (and an optional grey note) under the field.

    ``marked`` is the widget outlined when invalid (default: ``field`` itself)."""
    box = QWidget(form.parentWidget())
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    error = FieldError(marked or field, box)
    column.addWidget(error)
    if note:
        column.addWidget(note_label(note, box))
    form.addRow(label, box)
    return error


def note_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def new_form(parent: QWidget) -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form


class SettingsPage(QWidget):
    """One page of the dialog. ``changed`` fires on every edit so the dialog re-validates."""

    changed = Signal()

    def title(self) -> str:
        raise NotImplementedError

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with this page's fields as shown."""
        raise NotImplementedError

    def validate(self, draft: Settings) -> bool:
        """Mark invalid fields inline against the whole draft; True when the page is valid."""
        return True

    def secret_changes(self) -> dict[str, str | None]:
        """Keys to write on OK: name -> new value, or None to forget the saved one."""
        return {}

    def commit(self) -> None:
        """Write what is not a setting (templates) on OK; raise ScribeError to stay open."""

    def shutdown(self) -> None:
        """Stop background work (the dialog is closing)."""

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()


class SecretField(QWidget):
    """A masked API key with a reveal toggle. Typing replaces the saved key only on OK.

    The saved key is never put into the field (nor on screen): the field starts empty and says
    whether a key is saved. Without a secure keychain the field is disabled and explains why.
    """

    changed = Signal()

    def __init__(self, *, secrets: Secrets, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._secrets = secrets
        self.name = name
        self.env_var = ENV_VARS.get(name, "")
        self._forget = False
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(self.tr("API key"))
        self.edit.textEdited.connect(self._on_edited)
        self.reveal = QToolButton(self)
        self.reveal.setCheckable(True)
        self.reveal.setText(self.tr("Show"))
        self.reveal.setToolTip(self.tr("Show or hide the key"))
        self.reveal.toggled.connect(self._on_reveal)
        self.clear = QToolButton(self)
        self.clear.setText(self.tr("Forget"))
        self.clear.setToolTip(self.tr("Remove the saved key from the keychain"))
        self.clear.clicked.connect(self._on_forget)
        self.status = note_label("", self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.reveal)
        row.addWidget(self.clear)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.status)
        self._saved = bool(secrets.get(name))
        self._refresh()

    @property
    def secure(self) -> bool:
        return self._secrets.is_secure()

    def _refresh(self) -> None:
        if not self.secure:
            self.edit.setEnabled(False)
            self.clear.setEnabled(False)
            self.reveal.setEnabled(False)
            self.edit.setPlaceholderText(self.tr("Cannot be saved on this computer"))
            text = self.tr(
                "No secure keychain is available, so Scribe will not save API keys (it never "
                "keeps them in a plain file). Install or unlock a keychain (GNOME Keyring or "
                "KWallet on Linux), or set the environment variable %1 before starting Scribe."
            ).replace("%1", self.env_var)
            if self._saved:
                text += " " + self.tr("A key is supplied by %1 now.").replace("%1", self.env_var)
            self.status.setText(text)
            self.status.setStyleSheet(WARNING_STYLE)
            return
        saved = self._saved and not self._forget
        self.clear.setEnabled(saved)
        self.edit.setPlaceholderText(
            self.tr("A key is saved; type a new one to replace it")
            if saved
            else self.tr("No key saved")
        )
        self.status.setText(
            self.tr("The key will be removed from the keychain when you press OK.")
            if self._forget
            else ""
        )
        self.status.setVisible(bool(self.status.text()))

    def _on_edited(self, _text: str) -> None:
        self._forget = False
        self._refresh()
        self.changed.emit()

    def _on_reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.reveal.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _on_forget(self) -> None:
        self.edit.clear()
        self._forget = True
        self._refresh()
        self.changed.emit()

    def typed(self) -> str:
        return self.edit.text().strip()

    def current_key(self) -> str:
        """The key "Test connection" should use: the typed one, else the saved one."""
        if self.typed():
            return self.typed()
        if self._forget:
            return ""
        return self._secrets.get(self.name) or ""

    def pending(self) -> dict[str, str | None]:
        if not self.secure:
            return {}
        if self.typed():
            return {self.name: self.typed()}
        if self._forget:
            return {self.name: None}
        return {}

    def has_key(self) -> bool:
        return bool(self.typed()) or (self._saved and not self._forget)
