"""The microphone parts of the doctor and of Settings > Audio on the PulseAudio virtual
microphone: speech played into it is heard, silence is reported as silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app.settings_services import level_meter
from desktop.cancel import CancelToken
from desktop.doctor import Status, check_microphone, peak_dbfs
from desktop.doctor.real_parts import MicrophoneProbe
from tests.integration.virtual_mic import (
    VirtualMic,
    VirtualMicUnavailable,
    ensure_virtual_mic,
    route_this_process,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def mic() -> VirtualMic:
    try:
        mic = ensure_virtual_mic("scribe_doctor_mic")  # our own sink: nobody else plays into it
    except VirtualMicUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")
    route_this_process(mic)
    return mic


def test_doctor_hears_speech_and_reports_silence(mic: VirtualMic, data_dir: Path) -> None:
    probe = MicrophoneProbe()
    assert probe.input_devices()
    awake = mic.keep_awake()
    try:
        silent = check_microphone(probe, "", CancelToken())
        player = mic.play(data_dir / "jfk_16k_mono.wav")
        try:
            audio = probe.record("", 2.0, CancelToken())
            heard = check_microphone(probe, "", CancelToken())
        finally:
            player.terminate()
            player.wait()
    finally:
        awake.terminate()
        awake.wait()
    assert audio.size >= 2 * 16000 * 0.9
    assert peak_dbfs(audio) > -40
    assert heard.status is Status.PASS, heard
    assert (silent.status, silent.code) == (Status.FAIL, "silent")


def test_level_meter_moves_with_speech(mic: VirtualMic, data_dir: Path) -> None:
    cancel = CancelToken()
    levels: list[float] = []
    awake = mic.keep_awake()
    player = mic.play(data_dir / "jfk_16k_mono.wav")
    try:
        for level in level_meter("", cancel=cancel):
            levels.append(level)
            if max(levels) > 0.3 or len(levels) > 200:  # 200 blocks ≈ 10 s
                cancel.cancel()
    finally:
        player.terminate()
        awake.terminate()
        player.wait()
        awake.wait()
    assert all(0.0 <= v <= 1.0 for v in levels)
    assert max(levels) > 0.3
