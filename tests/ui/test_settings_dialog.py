"""The Settings dialog as a doctor uses it: validation inline, OK atomic, Cancel changes nothing,
API keys only in the keychain. Fake services and an in-memory keyring are injected."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit

from desktop.config import Settings, load_settings, save_settings, to_dict
from desktop.notes.base import BackendUnreachable, Template
from desktop.secrets import NOTES_API_KEY, TRANSCRIPTION_API_KEY, Secrets
from desktop.ui.settings import SettingsDialog
from desktop.ui.settings.common import problem_text
from desktop.ui.settings.validation import Problem
from tests.support.memory_keyring import MemoryKeyring
from tests.support.settings_fakes import FakeServices


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def fakes() -> FakeServices:
    return FakeServices()


@pytest.fixture
def make_dialog(qtbot, keyring_backend, fakes):
    def build(settings: Settings | None = None, *, backend=None, environ=None) -> SettingsDialog:
        secrets = Secrets(keyring_backend=backend or keyring_backend, environ=environ or {})
        dialog = SettingsDialog(
            settings=settings or Settings(), secrets=secrets, services=fakes.services()
        )
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return build


def custom_notes(**changes: object) -> Settings:
    s = Settings()
    notes = replace(s.notes, preset="custom", base_url="http://127.0.0.1:8080/v1", model="m")
    return replace(s, notes=replace(notes, **changes))  # type: ignore[arg-type]


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    edit.del_()
    qtbot.keyClicks(edit, text)


def shown(widget) -> bool:
    """Shown on its page (pages not in front are hidden by the stack)."""
    return not widget.isHidden()


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)


# --- OK and Cancel --------------------------------------------------------------------------


def test_ok_returns_every_page_change_at_once(qtbot, make_dialog, fakes):
    dialog = make_dialog()
    dialog.audio.device.setCurrentIndex(dialog.audio.device.findData("USB headset"))
    dialog.transcription.language.setCurrentIndex(dialog.transcription.language.findData("fr"))
    dialog.transcription.vocabulary.setPlainText("amoxicilline\nparacétamol, amoxicilline\n")
    dialog.notes.budget.setValue(9000)
    assert dialog.notes.draft_on_stop.isChecked()  # on by default
    assert not dialog.notes.pre_read.isChecked()  # off by default (remote servers only)
    dialog.notes.draft_on_stop.setChecked(False)
    assert not dialog.transcription.second_pass.isChecked()  # off by default
    dialog.transcription.second_pass.setChecked(True)
    dialog.privacy.keep_days.setValue(3)
    dialog.privacy.local_only.setChecked(True)
    dialog.interface.language.setCurrentIndex(dialog.interface.language.findData("fr"))
    dialog.interface.compact.setChecked(True)
    assert dialog.result_settings() == Settings()  # nothing applied before OK
    press_ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    s = dialog.result_settings()
    assert s.audio.device == "USB headset"
    assert s.transcription.language == "fr"
    assert s.transcription.vocabulary == ("amoxicilline", "paracétamol")
    assert s.notes.context_budget_tokens == 9000 and not s.notes.draft_on_stop
    assert s.transcription.second_pass
    assert (s.privacy.keep_days, s.privacy.local_only) == (3, True)
    assert (s.interface.language, s.interface.compact) == ("fr", True)
    assert s.transcription.model == "bundled" and s.notes.preset == "builtin"  # untouched


def test_unchanged_ok_gives_back_equal_settings(qtbot, make_dialog):
    original = custom_notes()
    dialog = make_dialog(original)
    press_ok(qtbot, dialog)
    assert dialog.result_settings() == original


def test_cancel_changes_nothing(qtbot, make_dialog, fakes, keyring_backend):
    dialog = make_dialog(custom_notes())
    dialog.privacy.keep_days.setValue(30)
    type_into(qtbot, dialog.notes.api_key.edit, "sk-secret-1")
    dialog.templates.new_template()
    dialog.templates.instructions.setPlainText("Write a short letter.")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == dialog.DialogCode.Rejected
    assert dialog.result_settings() == custom_notes()
    assert keyring_backend.stored() == {}
    assert fakes.saved == [] and fakes.deleted == []


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", Problem.REQUIRED),
        ("htp://server/v1", Problem.URL_SCHEME),
        ("http:///v1", Problem.URL_HOST),
        ("http://my server/v1", Problem.URL_SPACES),
        ("http://server:99999/v1", Problem.URL_PORT),
    ],
)
def test_bad_note_server_address_is_marked_and_blocks_ok(qtbot, make_dialog, url, problem):
    dialog = make_dialog(custom_notes())
    assert dialog.ok_button().isEnabled()
    type_into(qtbot, dialog.notes.base_url, url)
    error = dialog.notes.url_error
    assert shown(error) and error.text() == problem_text(problem)
    assert not dialog.ok_button().isEnabled()
    assert not dialog.nav.item(dialog.page_index(dialog.notes)).icon().isNull()
    type_into(qtbot, dialog.notes.base_url, "http://localhost:11434/v1")
    assert not shown(error) and dialog.ok_button().isEnabled()
    assert dialog.nav.item(dialog.page_index(dialog.notes)).icon().isNull()


def test_empty_model_is_marked_and_blocks_ok(qtbot, make_dialog):
    dialog = make_dialog(custom_notes())
    dialog.notes.model.setEditText("")
    assert dialog.notes.model_error.text() == problem_text(Problem.REQUIRED)
    assert not dialog.ok_button().isEnabled()
    dialog.accept()  # even forced, an invalid dialog does not close
    assert dialog.isVisible() and dialog.result_settings() == custom_notes()
    dialog.notes.model.setEditText("llama3.1:8b")
    assert dialog.ok_button().isEnabled()


def test_local_only_refuses_remote_note_and_speech_servers(qtbot, make_dialog):
    s = custom_notes(base_url="https://api.mistral.ai/v1")
    s = replace(
        s, transcription=replace(s.transcription, backend="remote", remote_url="http://10.0.0.5/v1")
    )
    dialog = make_dialog(s)
    assert dialog.ok_button().isEnabled()
    dialog.privacy.local_only.setChecked(True)
    not_local = problem_text(Problem.NOT_LOCAL)
    assert dialog.notes.url_error.text() == not_local
    assert dialog.transcription.url_error.text() == not_local
    assert not dialog.ok_button().isEnabled()
    type_into(qtbot, dialog.notes.base_url, "http://127.0.0.1:8080/v1")
    type_into(qtbot, dialog.transcription.remote_url, "http://localhost:9000/v1")
    assert dialog.ok_button().isEnabled()
    press_ok(qtbot, dialog)
    assert dialog.result_settings().privacy.local_only


def test_local_only_accepts_the_built_in_model(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.privacy.local_only.setChecked(True)
    assert dialog.ok_button().isEnabled()


def test_preset_fills_its_address_and_model(qtbot, make_dialog):
    dialog = make_dialog()
    notes = dialog.notes
    assert not notes.base_url.isEnabled()
    notes.preset.setCurrentIndex(notes.preset.findData("openai"))
    assert notes.base_url.text() == "https://api.openai.com/v1"
    assert notes.model.currentText() == "gpt-4o-mini"
    assert shown(notes.key_error)  # OpenAI needs a key: a warning, OK still allowed
    assert dialog.ok_button().isEnabled()
    notes.preset.setCurrentIndex(notes.preset.findData("ollama"))
    assert notes.base_url.text() == "http://127.0.0.1:11434/v1"
    assert notes.model_error.text() == problem_text(Problem.REQUIRED)  # Ollama: pick a model
    assert not dialog.ok_button().isEnabled()


def test_unknown_backends_are_kept_as_they_are(qtbot, make_dialog):
    s = Settings()
    s = replace(
        s,
        notes=replace(s.notes, preset="fake", base_url="http://127.0.0.1:1/v1", model="fake-model"),
        transcription=replace(s.transcription, backend="fake"),
    )
    dialog = make_dialog(s)
    press_ok(qtbot, dialog)
    assert dialog.result_settings() == s


def test_missing_model_folder_is_marked(qtbot, make_dialog, tmp_path: Path):
    dialog = make_dialog()
    page = dialog.transcription
    page.model_choice.setCurrentIndex(page.model_choice.findData("other"))
    assert page.model_error.text() == problem_text(Problem.REQUIRED)
    type_into(qtbot, page.model_path, str(tmp_path / "nowhere"))
    assert page.model_error.text() == problem_text(Problem.NO_FOLDER)
    type_into(qtbot, page.model_path, str(tmp_path))
    assert dialog.ok_button().isEnabled()
    press_ok(qtbot, dialog)
    assert dialog.result_settings().transcription.model == str(tmp_path)


def test_duplicate_shortcuts_block_ok(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.interface.shortcuts["shortcut_copy"].setKeySequence(QKeySequence("Ctrl+R"))
    errors = dialog.interface.shortcut_errors
    assert errors["shortcut_copy"].text() == problem_text(Problem.SHORTCUT_DUPLICATE)
    assert shown(errors["shortcut_record"])
    assert not dialog.ok_button().isEnabled()
    dialog.interface.shortcuts["shortcut_copy"].setKeySequence(QKeySequence("Ctrl+Alt+C"))
    press_ok(qtbot, dialog)
    assert dialog.result_settings().interface.shortcut_copy == "Ctrl+Alt+C"


# --- Test connection ------------------------------------------------------------------------


def test_test_connection_fills_the_model_list(qtbot, make_dialog, fakes, keyring_backend):
    keyring_backend.set_password("Scribe", NOTES_API_KEY, "sk-saved")
    dialog = make_dialog(custom_notes(model=""))
    notes = dialog.notes
    with qtbot.waitSignal(dialog.notes.changed, timeout=5000):
        qtbot.mouseClick(notes.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not notes.testing())
    assert [notes.model.itemText(i) for i in range(notes.model.count())] == fakes.models
    assert notes.model.currentText() == "llama3.1:8b"
    assert "2" in notes.connection.text()
    assert fakes.probes[0].api_key == "sk-saved"  # the saved key is used, not shown
    assert fakes.probes[0].base_url == "http://127.0.0.1:8080/v1"
    assert dialog.ok_button().isEnabled()


def test_test_connection_reports_an_unreachable_server(qtbot, make_dialog, fakes):
    fakes.models_error = BackendUnreachable("The note server at 127.0.0.1:9 cannot be reached.")
    dialog = make_dialog(custom_notes())
    notes = dialog.notes
    qtbot.mouseClick(notes.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not notes.testing())
    assert "cannot be reached" in notes.connection.text()
    assert "127.0.0.1:9" not in notes.connection.text()  # the translated class sentence
    assert notes.model.currentText() == "m"


def test_local_only_sends_no_probe_to_a_remote_server(qtbot, make_dialog, fakes):
    s = custom_notes(base_url="https://api.openai.com/v1")
    dialog = make_dialog(replace(s, privacy=replace(s.privacy, local_only=True)))
    qtbot.mouseClick(dialog.notes.test_button, Qt.MouseButton.LeftButton)
    assert not dialog.notes.testing() and fakes.probes == []
    assert dialog.notes.url_error.text() == problem_text(Problem.NOT_LOCAL)


# --- API keys -------------------------------------------------------------------------------


def test_typed_key_goes_to_the_keychain_only_on_ok(qtbot, make_dialog, keyring_backend, paths):
    dialog = make_dialog(custom_notes())
    field = dialog.notes.api_key
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password
    type_into(qtbot, field.edit, "sk-typed-123")
    assert keyring_backend.stored() == {}
    press_ok(qtbot, dialog)
    assert keyring_backend.stored() == {("Scribe", NOTES_API_KEY): "sk-typed-123"}
    save_settings(paths.settings_file, dialog.result_settings())
    assert "sk-typed" not in paths.settings_file.read_text()
    assert "sk-typed" not in json.dumps(to_dict(dialog.result_settings()))


def test_reveal_toggle_shows_and_hides_the_key(qtbot, make_dialog):
    dialog = make_dialog(custom_notes())
    field = dialog.notes.api_key
    qtbot.mouseClick(field.reveal, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(field.reveal, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password


def test_saved_key_is_never_put_on_screen_and_can_be_forgotten(qtbot, make_dialog, keyring_backend):
    keyring_backend.set_password("Scribe", TRANSCRIPTION_API_KEY, "sk-old")
    s = Settings()
    s = replace(
        s,
        transcription=replace(
            s.transcription, backend="remote", remote_url="http://localhost:9000/v1"
        ),
    )
    dialog = make_dialog(s)
    field = dialog.transcription.api_key
    assert field.edit.text() == "" and field.edit.placeholderText()
    qtbot.mouseClick(field.clear, Qt.MouseButton.LeftButton)
    assert keyring_backend.stored()  # only on OK
    press_ok(qtbot, dialog)
    assert keyring_backend.stored() == {}


def test_without_a_secure_keychain_the_key_is_refused_and_explained(qtbot, make_dialog):
    dialog = make_dialog(custom_notes(), backend=keyring.backends.fail.Keyring())
    field = dialog.notes.api_key
    assert not field.edit.isEnabled()
    assert "SCRIBE_NOTES_API_KEY" in field.status.text()
    assert "keychain" in field.status.text()
    assert "SCRIBE_TRANSCRIPTION_API_KEY" in dialog.transcription.api_key.status.text()
    field.edit.setText("sk-would-be-plain")  # even if text got in, nothing is stored
    assert field.pending() == {}
    press_ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_key_from_the_environment_is_acknowledged(qtbot, make_dialog):
    environ = {"SCRIBE_NOTES_API_KEY": "sk-env"}
    backend = keyring.backends.fail.Keyring()
    dialog = make_dialog(custom_notes(), backend=backend, environ=environ)
    assert "SCRIBE_NOTES_API_KEY" in dialog.notes.api_key.status.text()
    assert "sk-env" not in dialog.notes.api_key.status.text()
    assert dialog.notes.api_key.current_key() == "sk-env"


def test_keychain_failure_on_ok_keeps_the_dialog_open(qtbot, make_dialog, keyring_backend):
    keyring_backend.fail_with = OSError("locked")
    dialog = make_dialog(custom_notes())
    dialog.privacy.keep_days.setValue(2)
    type_into(qtbot, dialog.notes.api_key.edit, "sk-new")
    press_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.text()
    assert "sk-new" not in dialog.message.text() + dialog.message.label.toolTip()
    assert dialog.result_settings() == custom_notes()


# --- templates ------------------------------------------------------------------------------


def test_new_template_is_saved_on_ok(qtbot, make_dialog, fakes):
    dialog = make_dialog()
    page = dialog.templates
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button().isEnabled()  # no instructions yet
    assert shown(page.instructions_error)
    page.title_edit.setText("Lettre à l'urologue")
    page.language.setCurrentIndex(page.language.findData("fr"))
    page.kind.setCurrentIndex(page.kind.findData("letter"))
    page.instructions.setPlainText("Rédige un courrier au confrère urologue.")
    assert dialog.ok_button().isEnabled()
    default_doc = dialog.notes.template
    assert default_doc.findData("lettre-a-l-urologue") >= 0  # offered as default document
    press_ok(qtbot, dialog)
    assert fakes.saved == [
        Template(
            "lettre-a-l-urologue",
            "fr",
            "Lettre à l'urologue",
            "letter",
            "Rédige un courrier au confrère urologue.",
            builtin=False,
        )
    ]


def test_builtins_are_read_only_and_duplicates_editable(qtbot, make_dialog, fakes):
    dialog = make_dialog()
    page = dialog.templates
    page.list.setCurrentRow(0)
    assert page.instructions.isReadOnly() and not page.delete_button.isEnabled()
    qtbot.mouseClick(page.duplicate_button, Qt.MouseButton.LeftButton)
    assert not page.instructions.isReadOnly() and page.delete_button.isEnabled()
    page.instructions.setPlainText("Write a SOAP note, short.")
    press_ok(qtbot, dialog)
    assert [(t.id, t.title, t.builtin) for t in fakes.saved] == [
        ("soap-note-copy", "SOAP note (copy)", False)
    ]


def test_deleting_and_editing_own_templates(qtbot, make_dialog, fakes):
    mine = Template("mine", "en", "My letter", "letter", "Write it.", builtin=False)
    other = Template("other", "en", "Other", "note", "Note.", builtin=False)
    fakes.user_templates = [mine, other]
    dialog = make_dialog()
    page = dialog.templates
    page.list.setCurrentRow(3)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    page.list.setCurrentRow(3)
    type_into(qtbot, page.title_edit, "Other note")
    press_ok(qtbot, dialog)
    assert fakes.deleted == [mine]
    assert fakes.saved == [replace(other, title="Other note")]


def test_missing_built_in_templates_do_not_stop_the_dialog(qtbot, keyring_backend):
    from desktop.notes.templates import TemplateError

    def broken() -> list[Template]:
        raise TemplateError("The built-in note templates are missing; reinstall Scribe.")

    fakes = FakeServices()
    services = replace(fakes.services(), load_templates=broken)
    dialog = SettingsDialog(
        settings=Settings(), secrets=Secrets(keyring_backend=keyring_backend), services=services
    )
    qtbot.addWidget(dialog)
    assert shown(dialog.templates.load_error) and dialog.templates.list.count() == 0
    assert dialog.ok_button().isEnabled()


# --- audio ----------------------------------------------------------------------------------


def test_level_test_moves_the_meter_and_says_it_works(qtbot, make_dialog, fakes):
    fakes.keep_listening = True
    dialog = make_dialog()
    page = dialog.audio
    page.device.setCurrentIndex(page.device.findData("USB headset"))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.peak >= 0.4)
    assert page.meter.level() > 0
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert not page.testing()
    assert fakes.level_devices == ["USB headset"]
    assert page.result.text() == page.tr("The microphone works.")


def test_level_test_hearing_nothing_says_so(qtbot, make_dialog, fakes):
    fakes.levels = [0.0, 0.01]
    dialog = make_dialog()
    page = dialog.audio
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.testing())
    assert "Nothing was heard" in page.result.text()


def test_saved_device_that_is_gone_is_kept_and_labelled(qtbot, make_dialog):
    s = Settings()
    dialog = make_dialog(replace(s, audio=replace(s.audio, device="Old USB mic")))
    combo = dialog.audio.device
    assert combo.currentData() == "Old USB mic"
    assert "Old USB mic" in combo.currentText() and combo.currentText() != "Old USB mic"
    press_ok(qtbot, dialog)
    assert dialog.result_settings().audio.device == "Old USB mic"


def test_result_round_trips_through_the_settings_file(qtbot, make_dialog, paths):
    dialog = make_dialog()
    dialog.interface.minimised.setChecked(True)
    press_ok(qtbot, dialog)
    save_settings(paths.settings_file, dialog.result_settings())
    assert load_settings(paths.settings_file).settings == dialog.result_settings()


def test_standing_instructions_are_read_only_on_builtins_and_saved_on_a_copy(
    qtbot, make_dialog, fakes
):
    dialog = make_dialog()
    page = dialog.templates
    page.list.setCurrentRow(0)
    assert page.standing.isReadOnly()
    qtbot.mouseClick(page.duplicate_button, Qt.MouseButton.LeftButton)
    assert not page.standing.isReadOnly()
    page.standing.setPlainText("always list allergies first\n\n  bullet points   in PLAN \n")
    press_ok(qtbot, dialog)
    (saved,) = fakes.saved
    assert saved.standing == ("always list allergies first", "bullet points in PLAN")


def test_repair_drafts_is_on_by_default_and_turned_off_by_ok(qtbot, make_dialog):
    dialog = make_dialog()
    assert dialog.notes.repair.isChecked()  # issue 25: drafts are repaired unless turned off
    dialog.notes.repair.setChecked(False)
    press_ok(qtbot, dialog)
    assert dialog.result_settings().notes.repair_drafts is False


def test_the_second_pass_is_offered_only_for_a_model_on_this_computer(qtbot, make_dialog):
    dialog = make_dialog()
    page = dialog.transcription
    assert page.second_pass.isEnabled()
    page.backend.setCurrentIndex(page.backend.findData("remote"))
    assert not page.second_pass.isEnabled()
