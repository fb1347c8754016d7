"""Notices (the core repaired or worked around something) reach the window in the interface
language, with their specifics: the backup file's name, the microphones' names."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from desktop import notices
from desktop.app import App
from desktop.audio.file_source import FileSource, read_audio
from desktop.notices import Notice
from desktop.secrets import Secrets
from desktop.session.states import SessionState
from desktop.ui.messages import notice_message
from tests.support.memory_keyring import MemoryKeyring

NB = "\xa0"  # French puts a non-breaking space before ; : ? ! and inside « »
BACKUP = "scribe.db.damaged-20260101-120000"
FRENCH = {
    notices.SETTINGS_UNREADABLE: (
        (),
        f"Le fichier de réglages n'a pas pu être lu{NB}; les réglages par défaut sont utilisés.",
    ),
    notices.SETTINGS_DAMAGED: (
        ("settings.json.corrupt-20260101-120000",),
        f"Le fichier de réglages était endommagé{NB}; il a été conservé sous le nom "
        "settings.json.corrupt-20260101-120000 et les réglages par défaut sont utilisés.",
    ),
    notices.STORE_DAMAGED: (
        (BACKUP,),
        f"L'historique des consultations était endommagé{NB}; il a été conservé sous le nom "
        f"{BACKUP} et un nouvel historique a été commencé.",
    ),
    notices.STORE_UNDECRYPTABLE: (
        (BACKUP,),
        "L'historique des consultations était chiffré avec une clé que le trousseau ne contient "
        f"plus{NB}; il a été conservé sous le nom {BACKUP} et un nouvel historique a été commencé.",
    ),
    notices.STORE_NEWER: (
        (BACKUP,),
        "L'historique des consultations a été écrit par une version plus récente de Scribe"
        f"{NB}; il a été conservé sous le nom {BACKUP} et un nouvel historique a été commencé.",
    ),
    notices.STORE_OLDER_ENCRYPTED: (
        (),
        "Les consultations précédentes sont chiffrées et ne pourront être lues que lorsque le "
        "trousseau sera disponible.",
    ),
    notices.STORE_EMPTY: (
        ("scribe.db.empty-20260101-120000",),
        "Le fichier d'historique des consultations était vide (0 octet)"
        f"{NB}: les consultations précédentes n'y sont pas{NB}; il a été conservé sous le nom "
        "scribe.db.empty-20260101-120000 et un nouvel historique a été commencé.",
    ),
    notices.STORE_SALVAGED: (
        (BACKUP, "148"),
        f"L'historique des consultations était endommagé{NB}; 148 consultation(s) ont pu être "
        "lues et ont été enregistrées dans un nouvel historique, et le fichier endommagé a été "
        f"conservé sous le nom {BACKUP}.",
    ),
    notices.MICROPHONE_NOT_FOUND: (
        ("Jabra Speak 510", "Micro intégré"),
        f"Le micro «{NB}Jabra Speak 510{NB}» est introuvable{NB}: le micro par défaut "
        f"«{NB}Micro intégré{NB}» enregistre à sa place.",
    ),
    notices.MICROPHONE_NOT_OPENED: (
        ("Casque USB", "Micro intégré"),
        f"Le micro «{NB}Casque USB{NB}» n'a pas pu être ouvert{NB}: le micro par défaut "
        f"«{NB}Micro intégré{NB}» enregistre à sa place.",
    ),
    # issue 21: settings the file held with a wrong type or out of range
    notices.SETTINGS_IGNORED: (
        ("notes.context_budget_tokens, interface.compact",),
        "Ces réglages du fichier de réglages n’étaient pas valides, leurs valeurs par défaut sont "
        f"donc utilisées{NB}: notes.context_budget_tokens, interface.compact.",
    ),
    notices.LOCAL_ONLY_FORCED: (
        (),
        f"Le réglage «{NB}Local uniquement{NB}» du fichier de réglages ne vaut ni vrai ni faux, le "
        f"mode local uniquement est donc activé{NB}: rien ne quitte cet ordinateur tant que vous "
        "n’avez pas choisi dans les Réglages.",
    ),
}


def every_kind() -> list[str]:
    return sorted(
        value
        for name, value in vars(notices).items()
        if name.isupper() and isinstance(value, str) and not name.startswith("_")
    )


def test_every_notice_kind_has_a_french_sentence() -> None:
    assert sorted(FRENCH) == every_kind()


@pytest.mark.parametrize("kind", sorted(FRENCH))
def test_each_notice_is_french_with_its_names(french, kind: str) -> None:
    names, expected = FRENCH[kind]
    english = Notice(kind, "The English sentence.", names)
    assert notice_message(english) == expected


def test_in_english_each_notice_keeps_its_names(qapp) -> None:
    notice = Notice(notices.MICROPHONE_NOT_FOUND, "English.", ("Jabra", "Built-in"))
    assert notice_message(notice) == (
        "The microphone “Jabra” was not found, so the default microphone “Built-in” is "
        "recording instead."
    )


def test_an_unknown_kind_falls_back_to_the_english_sentence(french) -> None:
    notice = Notice("from_a_newer_core", "The printer caught fire; notes are kept.", ("x",))
    assert notice_message(notice) == "The printer caught fire; notes are kept."


def test_names_that_do_not_fit_the_kind_fall_back_to_the_english_sentence(french) -> None:
    notice = Notice(notices.STORE_DAMAGED, "The encounter history was damaged.", ())
    assert notice_message(notice) == "The encounter history was damaged."


def french_app(qapp, qtbot, paths) -> App:
    settings = {"schema_version": 1, "interface": {"first_run_done": True, "language": "fr"}}
    paths.settings_file.write_text(json.dumps(settings), encoding="utf-8")
    app = App(
        paths=paths, secrets=Secrets(keyring_backend=MemoryKeyring(), environ={}), qt_app=qapp
    )
    qtbot.addWidget(app.window)
    app.window.show()
    return app


def test_a_damaged_history_is_told_in_french_with_the_backup_name(qapp, qtbot, paths, french):
    paths.database_file.write_bytes(b"this is not a database" * 100)
    app = french_app(qapp, qtbot, paths)
    (backup,) = [p.name for p in paths.data_dir.iterdir() if p.name.startswith("scribe.db.")]
    assert app.window.message_bar.text() == (
        f"L'historique des consultations était endommagé{NB}; il a été conservé sous le nom "
        f"{backup} et un nouvel historique a été commencé."
    )


def test_a_history_that_cannot_be_opened_is_told_in_french(qapp, qtbot, paths, french):
    paths.database_file.mkdir()  # the disk refuses: the store raises StoreError
    app = french_app(qapp, qtbot, paths)
    assert app.store is None
    expected = "L'historique des consultations n'a pas pu être lu ou enregistré."
    assert app.window.message_bar.text() == expected
    assert "cannot be opened" in app.window.message_bar.label.toolTip()  # the specifics
    app.window.message_bar.dismiss()
    app.show_history()  # asking for the history says it again
    assert app.window.message_bar.text() == expected


def test_the_default_microphone_notice_is_shown_in_french(french, qtbot, make_window, data_dir):
    source = FileSource(audio=read_audio(data_dir / "jfk_16k_mono.wav"), speed=0)
    source.notice = Notice(  # type: ignore[attr-defined]  # what MicrophoneSource sets
        notices.MICROPHONE_NOT_FOUND, "English.", ("Jabra Speak 510", "Micro intégré")
    )
    window = make_window(open_source=lambda: source)
    with qtbot.waitSignal(window.controller.transcript_complete, timeout=60_000):
        qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.state == SessionState.IDLE)
    assert window.message_bar.text() == FRENCH[notices.MICROPHONE_NOT_FOUND][1]
