"""Settings ▸ Audio ▸ Your voice: record (with progress), redo, forget; errors said plainly."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import replace

import pytest

from desktop.cancel import CancelToken
from desktop.config import Settings
from desktop.speakers.enrolment import EnrolmentTooShort
from desktop.store.voice import VoiceNotProtected
from desktop.ui.settings.audio_page import AudioPage
from desktop.ui.settings.dialog_services import SettingsServices
from tests.support.settings_fakes import FakeServices


class Voice:
    def __init__(self, fail: Exception | None = None) -> None:
        self.at: float | None = None
        self.fail = fail
        self.devices: list[str] = []

    def enrol(self, device: str, *, cancel: CancelToken) -> Generator[float, None, None]:
        self.devices.append(device)
        yield from (5.0, 12.0, 25.0)
        if self.fail is not None:
            raise self.fail
        self.at = 1_700_000_000.0

    def enrolled_at(self) -> float | None:
        return self.at

    def forget(self) -> None:
        self.at = None


def _page(qtbot, voice: Voice) -> AudioPage:
    services: SettingsServices = replace(
        FakeServices().services(),
        enrol_voice=voice.enrol,
        voice_enrolled_at=voice.enrolled_at,
        forget_voice=voice.forget,
    )
    page = AudioPage(settings=Settings(), services=services)
    qtbot.addWidget(page)
    return page


def test_record_then_forget(qtbot) -> None:
    voice = Voice()
    page = _page(qtbot, voice)
    enrolment = page.voice
    assert "Speaker 1 and Speaker 2" in enrolment.status.text()
    assert "North Wind" in enrolment.text.text()
    assert not enrolment.forget_button.isEnabled()
    enrolment.record_button.click()
    assert enrolment.record_button.text() == "Stop"
    qtbot.waitUntil(lambda: not enrolment.recording(), timeout=5000)
    assert voice.at is not None and voice.devices == [""]
    assert "was recorded on" in enrolment.status.text()
    assert enrolment.record_button.text() == "Record again"
    assert enrolment.forget_button.isEnabled()
    enrolment.forget_button.click()
    assert voice.at is None and "Speaker 1 and Speaker 2" in enrolment.status.text()


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (EnrolmentTooShort("3 s"), "Too little of your voice"),
        (VoiceNotProtected("no key"), "keychain is not available"),
    ],
)
def test_too_little_voice_and_no_keychain_are_said_plainly(qtbot, error, words) -> None:
    voice = Voice(fail=error)
    page = _page(qtbot, voice)
    page.voice.record_button.click()
    qtbot.waitUntil(lambda: not page.voice.recording(), timeout=5000)
    assert words in page.voice.status.text()
    assert voice.at is None and not page.voice.forget_button.isEnabled()
