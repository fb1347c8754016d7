"""The doctor's checks with fakes injected: one passing setup, and each way a check fails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import numpy as np
import pytest

from desktop.asr.base import DecodeOptions, ModelUnavailable, Transcript
from desktop.asr.fake import FakeTranscriber
from desktop.audio.base import MicrophoneError
from desktop.cancel import CancelToken
from desktop.doctor import (
    CHECKS,
    CheckResult,
    DoctorSetup,
    Status,
    all_passed,
    check_data_dir,
    check_keychain,
    check_microphone,
    check_note_backend,
    check_speech_model,
    run_checks,
)
from desktop.notes.base import (
    AuthenticationFailed,
    BackendUnreachable,
    DraftRequest,
    ModelInfo,
    NoteWriter,
)
from desktop.notes.fake import FakeNoteWriter
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.progress import Progress
from desktop.secrets import NOTES_API_KEY, Secrets
from tests.support.memory_keyring import MemoryKeyring


def tone(seconds: float, amplitude: float) -> Audio:
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


class FakeMicrophone:
    def __init__(self, *, devices: list[str], audio: Audio | None = None, error: str = "") -> None:
        self.devices = devices
        self.audio = audio if audio is not None else tone(0.5, 0.3)
        self.error = error
        self.recorded: list[tuple[str, float]] = []

    def input_devices(self) -> list[str]:
        return list(self.devices)

    def record(self, device: str, seconds: float, cancel: CancelToken) -> Audio:
        if self.error:
            raise MicrophoneError(self.error)
        self.recorded.append((device, seconds))
        return self.audio


class SlowTranscriber(FakeTranscriber):
    """Reports a decode that takes twice the audio's length, through an injected clock."""

    def __init__(self, clock: list[float]) -> None:
        super().__init__()
        self.clock = clock

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        self.clock[0] += 2 * audio.size / SAMPLE_RATE
        return super().transcribe(audio, options)


class BrokenWriter(FakeNoteWriter):
    def __init__(self, error: Exception, *, where: str = "list") -> None:
        super().__init__()
        self.error = error
        self.where = where

    def list_models(self) -> list[ModelInfo]:
        if self.where == "list":
            raise self.error
        return super().list_models()

    def stream(self, request: DraftRequest) -> Iterator[str]:
        if self.where == "stream":
            raise self.error
        return super().stream(request)


class SilentWriter(FakeNoteWriter):
    def stream(self, request: DraftRequest) -> Iterator[str]:
        yield ""


class PreparingWriter(FakeNoteWriter):
    def __init__(self) -> None:
        super().__init__()
        self.prepared = False

    def prepare(self, cancel: CancelToken) -> Iterator[Progress]:
        yield Progress("starting_note_server")
        self.prepared = True


def good_setup(data_dir: Path, **changes: object) -> DoctorSetup:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "secrets": Secrets(keyring_backend=MemoryKeyring(), environ={}),
        "microphone": FakeMicrophone(devices=["Built-in microphone"]),
        "device": "",
        "load_transcriber": FakeTranscriber,
        "transcriber_label": "Fake model",
        "sample": tone(1.0, 0.3),
        "make_note_writer": FakeNoteWriter,
    }
    values.update(changes)
    return DoctorSetup(**values)  # type: ignore[arg-type]


def test_passing_setup_yields_every_check_passed(tmp_path: Path) -> None:
    results = list(run_checks(good_setup(tmp_path / "data"), CancelToken()))
    assert [r.check for r in results] == list(CHECKS)
    assert all(r.status is Status.PASS for r in results), results
    assert all_passed(results)
    assert all(r.fix == "" for r in results)
    assert (tmp_path / "data").is_dir() and not list((tmp_path / "data").iterdir())


def test_failing_setup_reports_each_failure_with_a_fix(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")

    def no_model() -> FakeTranscriber:
        raise ModelUnavailable("The speech model folder /nowhere does not exist.")

    setup = good_setup(
        blocker / "data",
        secrets=Secrets(keyring_backend=keyring.backends.fail.Keyring(), environ={}),
        needed_secrets=(NOTES_API_KEY,),
        microphone=FakeMicrophone(devices=[]),
        load_transcriber=no_model,
        make_note_writer=lambda: BrokenWriter(BackendUnreachable("The note server is down.")),
    )
    results = list(run_checks(setup, CancelToken()))
    # No history yet, and none can be written: the history check only warns it would be
    # stored unencrypted (the data folder's check is the one that fails).
    history = results.pop(CHECKS.index("database"))
    assert (history.status, history.code) == (Status.WARN, "unencrypted")
    assert [r.status for r in results] == [Status.FAIL] * (len(CHECKS) - 1)
    assert [r.code for r in results] == [
        "not_writable",
        "insecure",
        "no_device",
        "failed",
        "unreachable",
    ]
    for result in results:
        assert result.detail.endswith(".") and result.fix.endswith("."), result
    assert not all_passed(results)


def test_settings_notice_comes_first_as_a_warning(tmp_path: Path) -> None:
    notice = "The settings file was damaged; it was kept as a backup and defaults are used."
    results = list(run_checks(good_setup(tmp_path, settings_notice=notice), CancelToken()))
    assert results[0] == CheckResult("settings", Status.WARN, "repaired", notice, results[0].fix)
    assert results[0].fix and all_passed(results)


def test_a_crashing_check_is_reported_and_the_others_still_run(tmp_path: Path) -> None:
    def crash() -> FakeTranscriber:
        raise RuntimeError("bug")

    results = list(run_checks(good_setup(tmp_path, load_transcriber=crash), CancelToken()))
    by_check = {r.check: r for r in results}
    assert by_check["speech_model"].code == "crashed"
    assert by_check["note_backend"].status is Status.PASS


def test_cancel_stops_before_the_next_check(tmp_path: Path) -> None:
    cancel = CancelToken()
    results = []
    for result in run_checks(good_setup(tmp_path), cancel):
        results.append(result)
        cancel.cancel()
    assert [r.check for r in results] == ["data_dir"]


def test_keychain_insecure_is_only_a_warning_when_no_key_is_needed() -> None:
    fail = keyring.backends.fail.Keyring()
    result = check_keychain(Secrets(keyring_backend=fail, environ={}), ())
    assert (result.status, result.code) == (Status.WARN, "insecure")
    assert "SCRIBE_NOTES_API_KEY" in result.fix
    env = {"SCRIBE_NOTES_API_KEY": "sk-from-env"}
    result = check_keychain(Secrets(keyring_backend=fail, environ=env), (NOTES_API_KEY,))
    assert result.status is Status.WARN
    result = check_keychain(Secrets(keyring_backend=fail, environ={}), (NOTES_API_KEY,))
    assert result.status is Status.FAIL
    assert "sk-" not in result.detail + result.fix


def test_keychain_that_refuses_writes_fails() -> None:
    backend = MemoryKeyring()
    backend.fail_with = OSError("locked")
    result = check_keychain(Secrets(keyring_backend=backend, environ={}), ())
    assert (result.status, result.code) == (Status.FAIL, "failed")
    assert backend.stored() == {}


def test_keychain_probe_leaves_nothing_behind() -> None:
    backend = MemoryKeyring()
    assert check_keychain(Secrets(keyring_backend=backend, environ={}), ()).status is Status.PASS
    assert backend.stored() == {}


@pytest.mark.parametrize(
    ("audio", "status", "code"),
    [
        (tone(1.0, 0.3), Status.PASS, "ok"),
        (tone(1.0, 0.001), Status.WARN, "quiet"),
        (np.zeros(SAMPLE_RATE, dtype=np.float32), Status.FAIL, "silent"),
        (np.zeros(0, dtype=np.float32), Status.FAIL, "silent"),
    ],
)
def test_microphone_levels(audio: Audio, status: Status, code: str) -> None:
    mic = FakeMicrophone(devices=["USB headset"], audio=audio)
    result = check_microphone(mic, "USB headset", CancelToken())
    assert (result.status, result.code) == (status, code)
    assert mic.recorded == [("USB headset", 2.0)]
    assert result.figure is not None and result.figure <= 0


def test_microphone_error_is_reported() -> None:
    mic = FakeMicrophone(devices=["USB headset"], error="The microphone was unplugged.")
    result = check_microphone(mic, "", CancelToken())
    assert (result.status, result.code) == (Status.FAIL, "failed")
    assert result.detail == "The microphone was unplugged."


def test_speech_model_reports_real_time_factor() -> None:
    clock = [100.0]
    result = check_speech_model(
        lambda: SlowTranscriber(clock), "Big model", tone(3.0, 0.3), clock=lambda: clock[0]
    )
    assert (result.status, result.code) == (Status.WARN, "slow")
    assert result.figure == pytest.approx(2.0)
    assert "0.5× faster" in result.detail and result.fix


def test_speech_model_fast_enough_passes() -> None:
    result = check_speech_model(FakeTranscriber, "Fake", tone(2.0, 0.3))
    assert result.status is Status.PASS
    assert result.figure is not None and result.figure < 0.5
    assert check_speech_model(FakeTranscriber, "Fake", None).status is Status.PASS


def test_data_dir_writable(tmp_path: Path) -> None:
    result = check_data_dir(tmp_path / "new" / "data")
    assert result.status is Status.PASS and (tmp_path / "new" / "data").is_dir()


@pytest.mark.parametrize(
    ("writer", "code"),
    [
        (BrokenWriter(BackendUnreachable("The note server cannot be reached.")), "unreachable"),
        (BrokenWriter(AuthenticationFailed("The API key was refused.")), "auth"),
        (BrokenWriter(AuthenticationFailed("x"), where="stream"), "auth"),
        (FakeNoteWriter(model="missing-model"), "ok"),
        (SilentWriter(), "no_answer"),
    ],
)
def test_note_backend_failures(writer: NoteWriter, code: str) -> None:
    result = check_note_backend(lambda: writer, CancelToken())
    assert result.code == code
    assert (result.status is Status.PASS) == (code == "ok")


def test_note_backend_model_not_offered() -> None:
    class OtherModels(FakeNoteWriter):
        def list_models(self) -> list[ModelInfo]:
            return [ModelInfo("llama3"), ModelInfo("mistral")]

    result = check_note_backend(lambda: OtherModels(model="gpt-4o"), CancelToken())
    assert (result.status, result.code) == (Status.FAIL, "model_not_found")
    assert "gpt-4o" in result.detail


def test_note_backend_is_prepared_first() -> None:
    writer = PreparingWriter()
    result = check_note_backend(lambda: writer, CancelToken())
    assert writer.prepared and result.status is Status.PASS
    assert len(writer.requests) == 1 and writer.requests[0].transcript


def test_doctor_and_its_command_never_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, desktop.doctor, desktop.cli.doctor; "
        "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, timeout=60).returncode == 0
