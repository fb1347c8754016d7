"""Issue 21 in the window: a settings file that is not UTF-8, or that holds values of the wrong
type, never stops Scribe from starting; the doctor reads in the message bar, in the interface
language, what was set aside or ignored, and "local only" of the wrong type is on."""

from __future__ import annotations

import json
import random

import pytest
from PySide6.QtCore import QLocale

from desktop.app import App
from desktop.config import Settings, load_settings
from desktop.errors import LocalOnlyRefused
from desktop.secrets import Secrets
from desktop.ui.i18n import install_translators
from tests.support.memory_keyring import MemoryKeyring

NB = "\xa0"


def build_app(qapp, qtbot, paths):
    app = App(
        paths=paths, secrets=Secrets(keyring_backend=MemoryKeyring(), environ={}), qt_app=qapp
    )
    qtbot.addWidget(app.window)
    return app


def test_a_settings_file_that_is_not_utf8_never_stops_the_window(qapp, qtbot, paths):
    paths.settings_file.write_bytes(random.Random(21).randbytes(300))
    app = build_app(qapp, qtbot, paths)
    assert app.settings == Settings()
    (backup,) = paths.config_dir.glob("settings.json.corrupt-*")
    assert app.window.message_bar.label.text() == (
        f"The settings file was damaged; it was kept as {backup.name} and the default settings "
        "are used."
    )
    assert backup.name in app.settings_notice  # the first-run checklist says it too
    assert load_settings(paths.settings_file).notices == ()


@pytest.mark.parametrize("local_only", ["true", 1])
def test_local_only_of_the_wrong_type_is_on_and_the_doctor_told_in_french(
    qapp, qtbot, paths, local_only
):
    paths.settings_file.write_text(
        json.dumps(
            {
                "interface": {"language": "fr"},
                "notes": {"preset": "openai", "model": "gpt-4o", "context_budget_tokens": -1},
                "privacy": {"local_only": local_only},
            }
        ),
        encoding="utf-8",
    )
    saved = QLocale()
    try:
        app = build_app(qapp, qtbot, paths)  # French, as its settings say
        text = app.window.message_bar.label.text()
    finally:
        install_translators(qapp, "en")  # English again for the next tests
        QLocale.setDefault(saved)
    assert app.settings.privacy.local_only is True
    assert app.settings.notes.context_budget_tokens == Settings().notes.context_budget_tokens
    assert text == (
        f"Le réglage «{NB}Local uniquement{NB}» du fichier de réglages ne vaut ni vrai ni faux, "
        f"le mode local uniquement est donc activé{NB}: rien ne quitte cet ordinateur tant que "
        "vous n’avez pas choisi dans les Réglages. Ces réglages du fichier de réglages n’étaient "
        f"pas valides, leurs valeurs par défaut sont donc utilisées{NB}: "
        "notes.context_budget_tokens."
    )
    with pytest.raises(LocalOnlyRefused):
        app.services().make_writer()  # the transcript never goes to OpenAI
