"""Settings > Privacy and Settings > Interface: plain fields, no background work.

Threads: GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QKeySequenceEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.config_values import BOUNDS
from desktop.ui.settings.common import FieldError, SettingsPage, add_field, new_form
from desktop.ui.settings.validation import check_shortcuts


def _spin(parent: QWidget, setting: str, value: int, suffix: str) -> QSpinBox:
    """A spin box over the setting's own range (``desktop.config_values.BOUNDS``)."""
    low, high = (int(bound) for bound in BOUNDS[setting])
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(max(low, min(high, value)))
    spin.setSuffix(suffix)
    return spin


class PrivacyPage(SettingsPage):
    def __init__(self, *, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        p = settings.privacy
        self.keep_days = _spin(self, "privacy.keep_days", p.keep_days, self.tr(" days"))
        self.audio_hours = _spin(
            self, "privacy.audio_keep_hours", p.audio_keep_hours, self.tr(" hours")
        )
        self.delete_after_copy = QCheckBox(
            self.tr("Delete the recording as soon as the note is copied"), self
        )
        self.delete_after_copy.setChecked(p.delete_audio_after_copy)
        self.clipboard = _spin(
            self, "privacy.clear_clipboard_after_s", p.clear_clipboard_after_s, self.tr(" seconds")
        )
        self.clipboard.setSpecialValueText(self.tr("Never"))
        self.local_only = QCheckBox(self.tr("Local only: nothing leaves this computer"), self)
        self.local_only.setChecked(p.local_only)

        form = new_form(self)
        add_field(
            form,
            self.tr("Keep consultations:"),
            self.keep_days,
            note=self.tr("Transcripts, notes and recordings are deleted after this time."),
        )
        add_field(form, self.tr("Keep recordings:"), self.audio_hours)
        form.addRow("", self.delete_after_copy)
        add_field(
            form,
            self.tr("Clear the clipboard:"),
            self.clipboard,
            note=self.tr("After copying a note, the clipboard is emptied after this delay."),
        )
        add_field(
            form,
            self.tr("Servers:"),
            self.local_only,
            note=self.tr(
                "Refuses any transcription or note server that is not on this computer, "
                "so no health data can leave it."
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        for spin in (self.keep_days, self.audio_hours, self.clipboard):
            spin.valueChanged.connect(self._emit_changed)
        for box in (self.delete_after_copy, self.local_only):
            box.toggled.connect(self._emit_changed)

    def title(self) -> str:
        return self.tr("Privacy")

    def apply(self, settings: Settings) -> Settings:
        p = replace(
            settings.privacy,
            keep_days=self.keep_days.value(),
            audio_keep_hours=self.audio_hours.value(),
            delete_audio_after_copy=self.delete_after_copy.isChecked(),
            clear_clipboard_after_s=self.clipboard.value(),
            local_only=self.local_only.isChecked(),
        )
        return replace(settings, privacy=p)


SHORTCUTS = (
    "shortcut_record",
    "shortcut_pause",
    "shortcut_stop",
    "shortcut_draft",
    "shortcut_copy",
)


class InterfacePage(SettingsPage):
    def __init__(self, *, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        i = settings.interface
        self.language = QComboBox(self)
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(i.language)))
        self.shortcuts: dict[str, QKeySequenceEdit] = {}
        self.shortcut_errors: dict[str, FieldError] = {}
        self.compact = QCheckBox(self.tr("Compact window"), self)
        self.compact.setChecked(i.compact)
        self.on_top = QCheckBox(self.tr("Keep the window above the others"), self)
        self.on_top.setChecked(i.always_on_top)
        self.minimised = QCheckBox(self.tr("Start minimised"), self)
        self.minimised.setChecked(i.start_minimised)

        form = new_form(self)
        add_field(
            form,
            self.tr("Language:"),
            self.language,
            note=self.tr("A new language shows the next time Scribe starts."),
        )
        labels = {
            "shortcut_record": self.tr("Start / stop recording:"),
            "shortcut_pause": self.tr("Pause / resume:"),
            "shortcut_stop": self.tr("Stop recording:"),
            "shortcut_draft": self.tr("Draft the note:"),
            "shortcut_copy": self.tr("Copy the note:"),
        }
        for name in SHORTCUTS:
            edit = QKeySequenceEdit(QKeySequence(getattr(i, name)), self)
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            edit.keySequenceChanged.connect(self._emit_changed)
            self.shortcuts[name] = edit
            self.shortcut_errors[name] = add_field(form, labels[name], edit)
        for box in (self.compact, self.on_top, self.minimised):
            form.addRow("", box)
            box.toggled.connect(self._emit_changed)
        self.language.currentIndexChanged.connect(self._emit_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Interface")

    def shortcut_text(self, name: str) -> str:
        return self.shortcuts[name].keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def apply(self, settings: Settings) -> Settings:
        i = replace(
            settings.interface,
            language=str(self.language.currentData()),
            compact=self.compact.isChecked(),
            always_on_top=self.on_top.isChecked(),
            start_minimised=self.minimised.isChecked(),
            shortcut_record=self.shortcut_text("shortcut_record"),
            shortcut_pause=self.shortcut_text("shortcut_pause"),
            shortcut_stop=self.shortcut_text("shortcut_stop"),
            shortcut_draft=self.shortcut_text("shortcut_draft"),
            shortcut_copy=self.shortcut_text("shortcut_copy"),
        )
        return replace(settings, interface=i)

    def validate(self, draft: Settings) -> bool:
        problems = check_shortcuts({name: getattr(draft.interface, name) for name in SHORTCUTS})
        ok = True
        for name, error in self.shortcut_errors.items():
            ok &= error.show_problem(problems.get(name))
        return ok
