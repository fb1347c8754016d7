"""The first-run checklist as ``app.py`` opens it: real microphone (the virtual one), real
keychain and data folder, the speech and note backends chosen in the settings (fakes here)."""

from __future__ import annotations

from dataclasses import replace

import keyring
import pytest

from desktop.config import Settings
from desktop.doctor import CHECKS, Status
from desktop.paths import AppPaths
from desktop.secrets import Secrets
from desktop.ui.first_run import open_first_run
from tests.integration.virtual_mic import (
    VirtualMicUnavailable,
    ensure_virtual_mic,
    route_this_process,
)

pytestmark = pytest.mark.integration


def test_checklist_runs_every_check_with_the_real_parts(qtbot, paths: AppPaths) -> None:
    try:
        route_this_process(ensure_virtual_mic("scribe_doctor_mic"))
    except VirtualMicUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")
    s = Settings()
    s = replace(
        s,
        transcription=replace(s.transcription, backend="fake"),
        notes=replace(s.notes, preset="fake"),
    )
    dialog = open_first_run(
        settings=s,
        paths=paths,
        secrets=Secrets(keyring_backend=keyring.get_keyring()),
        notice="The settings file was damaged; defaults are used.",
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    results = {r.check: r for r in dialog.results()}
    assert set(results) == {"settings", *CHECKS}
    assert results["data_dir"].status is Status.PASS
    assert results["speech_model"].status is Status.PASS
    assert results["note_backend"].status is Status.PASS
    assert results["microphone"].code in ("ok", "quiet", "silent")  # nothing plays: silence
    assert dialog.summary.text()
