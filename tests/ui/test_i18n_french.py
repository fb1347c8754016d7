"""The interface in French: walk every widget of the main window, the Settings dialog and the
first-run checklist and fail on any English-only string (titles, labels, buttons, tooltips,
placeholders, menu actions, combo and list items). Also: the translator follows the setting.

A string is "English-only" when it is the English source of a translated entry (shown
untranslated), or when it holds a word that exists in English and not in French. Proper nouns,
URLs, key sequences, environment variable names and the doctor's own data (device names,
template titles, model ids) are allowed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop.config import Settings
from desktop.secrets import Secrets
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.i18n import install_translators, resolve_language, translations_dir
from desktop.ui.settings import SettingsDialog
from tests.support.memory_keyring import MemoryKeyring
from tests.support.settings_fakes import FakeServices

ENGLISH_ONLY = set(
    """the and of to is are was were with this that these for from your you not be an it its or
    at by into press click choose copy copied record recording stop draft drafting settings file
    view open delete new save cancel show hide server key language template templates find next
    previous close quit ready resume transcript here nothing something please speak check keep
    clear always top default system other built only will can could has have yet all none error
    failed found folder connection connected available words enter dismiss insert
    regenerate catching getting when after before than faster while waiting fix needs need
    should would must cannot does there past""".split()  # noqa: SIM905
)
PROPER_NOUNS = (
    "Scribe", "OpenAI", "Azure", "Mistral AI", "Mistral", "Ollama", "LM Studio", "vLLM",
    "llama.cpp", "faster-whisper", "Whisper", "GNOME Keyring", "KWallet", "CUDA", "CPU", "GPU",
    "English", "Français", "SOAP",
)  # fmt: skip
_URL = re.compile(r"\b(?:https?://\S+|[\w.-]+\.(?:com|org|lan)\S*)")
_CODE = re.compile(r"\b(?:[A-Z][A-Z0-9_]{2,}|int8(?:_float16)?|float16|float32|Ctrl\+\S*)\b")
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def english_sources() -> dict[str, str]:
    """English source text -> its French translation, from the shipped .ts."""
    root = ET.parse(translations_dir() / "scribe_fr.ts").getroot()
    out = {}
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = "".join(message.find("translation").itertext())  # type: ignore[union-attr]
        if translation.strip() and translation != source:
            out[source] = translation
    return out


def english_words(text: str) -> list[str]:
    text = _URL.sub(" ", text)
    text = _CODE.sub(" ", text)
    for noun in PROPER_NOUNS:
        text = text.replace(noun, " ")
    return [w for w in _WORD.findall(text.replace("&", "")) if w.lower() in ENGLISH_ONLY]


def _own_texts(widget: QWidget) -> Iterator[str]:
    """The strings a widget of a known kind shows besides its tooltip and title."""
    if isinstance(widget, QLabel):
        yield re.sub(r"<[^>]+>", " ", widget.text())
    if isinstance(widget, QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield widget.placeholderText()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QListWidget):
        yield from (widget.item(i).text() for i in range(widget.count()))
    yield from _container_texts(widget)


def _container_texts(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    if isinstance(widget, QSpinBox):
        yield widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield widget.specialValueText()
    if isinstance(widget, QMenu):
        yield widget.title()


def texts_of(widget: QWidget, data: set[int]) -> Iterator[tuple[str, str]]:
    """(where, text) for every string a widget shows, skipping the doctor's data."""
    parent = widget.parentWidget()
    name = f"{type(parent).__name__ if parent else ''}>{type(widget).__name__}"
    yield f"{name}.title", widget.windowTitle() if widget.isWindow() else ""
    yield f"{name}.tooltip", widget.toolTip()
    yield f"{name}.accessible", widget.accessibleName()
    if id(widget) not in data:
        yield from ((f"{name}.text", text) for text in _own_texts(widget))
    for action in QWidget.actions(widget):  # a subclass may shadow actions()
        yield f"{name}.action", action.text()
        yield f"{name}.action-tip", action.toolTip() if action.toolTip() != action.text() else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from texts_of(menu, data)


def untranslated(root: QWidget, data: set[int]) -> list[str]:
    sources = english_sources()
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        for where, text in texts_of(widget, data):
            text = text.replace("\u00a0", " ").strip()
            if not text:
                continue
            if text in sources or english_words(text):
                found.append(f"{where}: {text!r}")
    return sorted(set(found))


def dialog_data(dialog: SettingsDialog) -> set[int]:
    return {
        id(dialog.templates.list),
        id(dialog.notes.template),
        id(dialog.notes.model),
        id(dialog.audio.device),
        id(dialog.interface.language),  # language names in their own language, by convention
    }


def test_settings_dialog_is_all_french(qtbot, french) -> None:
    dialog = SettingsDialog(
        settings=Settings(),
        secrets=Secrets(keyring_backend=MemoryKeyring(), environ={}),
        services=FakeServices().services(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Réglages de Scribe"
    assert dialog.audio.device.itemText(0) == "Micro par défaut du système"
    assert untranslated(dialog, dialog_data(dialog)) == []


def test_settings_dialog_in_every_state_is_french(qtbot, french) -> None:
    """Warnings, inline errors and the insecure-keychain text, shown in French too."""
    import keyring.backends.fail

    dialog = SettingsDialog(
        settings=Settings(),
        secrets=Secrets(keyring_backend=keyring.backends.fail.Keyring(), environ={}),
        services=FakeServices().services(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    notes = dialog.notes
    notes.preset.setCurrentIndex(notes.preset.findData("azure"))
    notes.base_url.setText("htp://x")
    dialog.privacy.local_only.setChecked(True)
    dialog.templates.new_template()
    assert not dialog.ok_button().isEnabled()
    assert untranslated(dialog, dialog_data(dialog)) == []


def test_first_run_checklist_is_french(qtbot, french, tmp_path: Path) -> None:
    from tests.ui.test_settings_first_run import run, setup

    dialog = FirstRunDialog(make_setup=lambda: setup(tmp_path, good=False))
    qtbot.addWidget(dialog)
    run(qtbot, dialog)
    # The tooltips hold the English specifics on purpose (for support): not checked here.
    for _mark, _title, detail, _fix in dialog.rows.values():
        detail.setToolTip("")
    assert untranslated(dialog, set()) == []


def test_main_window_is_all_french(qtbot, french, make_window) -> None:
    window: QMainWindow = make_window()
    data = {
        id(window.template_combo),  # the doctor's templates (English titles in the fixture)
        id(window.record_bar.microphone_combo),  # device names ("default", "pulse"...)
    }
    assert untranslated(window, data) == []


def test_language_setting_chooses_the_translator(qapp: QApplication) -> None:
    saved = QLocale()
    try:
        assert install_translators(qapp, "fr") == "fr"
        assert QCoreApplication.translate("SettingsDialog", "Scribe settings") == (
            "Réglages de Scribe"
        )
        assert QLocale().language() == QLocale.Language.French
        assert install_translators(qapp, "en") == "en"
        assert QCoreApplication.translate("SettingsDialog", "Scribe settings") == (
            "Scribe settings"
        )
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(saved)
    assert resolve_language("system", "fr_FR") == "fr"
    assert resolve_language("system", "de_DE") == "en"
    assert resolve_language("fr", "en_GB") == "fr"


def test_qt_own_strings_are_french(qapp: QApplication, french) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuler"
    box.deleteLater()


def test_missing_translation_file_falls_back_to_english(qapp: QApplication, tmp_path) -> None:
    saved = QLocale()
    try:
        assert install_translators(qapp, "fr", directory=tmp_path) == "en"
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(saved)
