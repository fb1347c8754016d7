"""The first-run checklist: runs the doctor's checks on a worker and shows a fix per failure."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail
import numpy as np
from PySide6.QtCore import Qt

from desktop.asr.fake import FakeTranscriber
from desktop.cancel import CancelToken
from desktop.doctor import CHECKS, DoctorSetup, Status
from desktop.notes.base import BackendUnreachable, ModelInfo
from desktop.notes.fake import FakeNoteWriter
from desktop.secrets import Secrets
from desktop.ui.first_run import FirstRunDialog
from tests.support.memory_keyring import MemoryKeyring


class Mic:
    def __init__(self, level: float) -> None:
        self.level = level

    def input_devices(self) -> list[str]:
        return ["Built-in microphone"]

    def record(self, device: str, seconds: float, cancel: CancelToken) -> np.ndarray:
        return np.full(8000, self.level, dtype=np.float32)


class DownWriter(FakeNoteWriter):
    def list_models(self) -> list[ModelInfo]:
        raise BackendUnreachable("The note server at 127.0.0.1:1 cannot be reached.")


def setup(tmp_path: Path, *, good: bool) -> DoctorSetup:
    backend = MemoryKeyring() if good else keyring.backends.fail.Keyring()
    return DoctorSetup(
        data_dir=tmp_path / "data",
        secrets=Secrets(keyring_backend=backend, environ={}),
        microphone=Mic(0.2 if good else 0.0),
        device="",
        load_transcriber=FakeTranscriber,
        transcriber_label="Fake",
        sample=np.full(16000, 0.2, dtype=np.float32),
        make_note_writer=FakeNoteWriter if good else DownWriter,
        settings_notice="" if good else "The settings file was damaged; defaults are used.",
    )


def run(qtbot, dialog: FirstRunDialog) -> None:
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)


def test_all_checks_pass(qtbot, tmp_path: Path):
    dialog = FirstRunDialog(make_setup=lambda: setup(tmp_path, good=True))
    qtbot.addWidget(dialog)
    run(qtbot, dialog)
    assert [r.status for r in dialog.results()] == [Status.PASS] * len(CHECKS)
    assert dialog.summary.text() == dialog.tr("Everything is ready.")
    for check, (mark, _title, detail, fix) in dialog.rows.items():
        if check != "settings":
            assert mark.text() == "✔" and detail.text() and fix.isHidden()
    assert dialog.rows["settings"][0].isHidden()


def test_failures_show_a_fix_each(qtbot, tmp_path: Path):
    dialog = FirstRunDialog(make_setup=lambda: setup(tmp_path, good=False))
    qtbot.addWidget(dialog)
    run(qtbot, dialog)
    by_check = {r.check: r for r in dialog.results()}
    assert by_check["microphone"].code == "silent"
    assert by_check["note_backend"].code == "unreachable"
    assert by_check["keychain"].status is Status.WARN
    assert by_check["database"].code == "unencrypted"  # no keychain: said in the window too
    assert dialog.rows["database"][2].text() == dialog.tr(
        "The consultation history is stored unencrypted: there is no keychain."
    )
    for check in ("settings", "keychain", "database", "microphone", "note_backend"):
        mark, _title, detail, fix = dialog.rows[check]
        assert not fix.isHidden() and fix.text(), check
        assert mark.text() in ("!", "✘")
        assert detail.toolTip() == by_check[check].detail  # the English specifics
    assert "127.0.0.1:1" not in dialog.rows["note_backend"][2].text()
    assert "2" in dialog.summary.text()  # two checks failed: microphone, note backend


def test_open_settings_and_check_again(qtbot, tmp_path: Path):
    state = {"good": False}
    dialog = FirstRunDialog(make_setup=lambda: setup(tmp_path, good=state["good"]))
    qtbot.addWidget(dialog)
    run(qtbot, dialog)
    with qtbot.waitSignal(dialog.settings_requested):
        qtbot.mouseClick(dialog.settings_button, Qt.MouseButton.LeftButton)
    state["good"] = True
    qtbot.mouseClick(dialog.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert all(r.status is Status.PASS for r in dialog.results())
    assert dialog.rows["microphone"][3].isHidden()
