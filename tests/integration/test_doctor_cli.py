"""``scribe doctor`` on this machine's real parts: the PulseAudio virtual microphone with speech
playing into it, the bundled Whisper base, a real OpenAI-compatible HTTP server on 127.0.0.1,
the real keychain (none here), a real data folder. One passing and one failing setup."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.config import Settings, save_settings
from desktop.paths import AppPaths
from tests.integration.virtual_mic import VirtualMicUnavailable, ensure_virtual_mic
from tests.support.openai_server import OpenAIServer

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def run_doctor(home: Path, extra_env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = os.environ | extra_env | {"SCRIBE_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "doctor", "--json", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def results_of(done: subprocess.CompletedProcess) -> dict[str, dict]:
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {row["check"]: row for row in rows}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_settings(home: Path, settings: Settings) -> None:
    paths = AppPaths.from_env({"SCRIBE_HOME": str(home)})
    save_settings(paths.settings_file, settings)


def test_doctor_passes_on_a_ready_machine(tmp_path: Path, whisper_base_dir: Path, data_dir: Path):
    try:
        mic = ensure_virtual_mic("scribe_doctor_mic")  # our own sink: nobody else plays into it
    except VirtualMicUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")
    home = tmp_path / "home"
    with OpenAIServer(models=("clinic-model",), reply_text="Dry cough for two days.") as server:
        s = Settings()
        write_settings(
            home,
            replace(
                s,
                transcription=replace(s.transcription, model=str(whisper_base_dir)),
                notes=replace(
                    s.notes, preset="custom", base_url=server.base_url, model="clinic-model"
                ),
            ),
        )
        awake = mic.keep_awake()
        player = mic.play(data_dir / "jfk_16k_mono.wav")
        try:
            done = run_doctor(home, mic.env(), "--sample", str(data_dir / "jfk_16k_mono.wav"))
        finally:
            player.terminate()
            awake.terminate()
            player.wait()
            awake.wait()
        assert len(server.chat_requests()) == 1
    results = results_of(done)
    assert done.returncode == 0, done.stdout + done.stderr
    assert results["data_dir"]["status"] == "pass"
    assert results["microphone"]["status"] == "pass", results["microphone"]
    assert results["speech_model"]["status"] in ("pass", "warn")
    assert results["speech_model"]["figure"] > 0  # a real-time factor was measured
    assert results["note_backend"]["status"] == "pass"
    # No keychain on this machine and no key needed: a warning, not a failure.
    assert results["keychain"]["status"] in ("pass", "warn")


def test_doctor_fails_with_a_fix_for_each_problem(tmp_path: Path):
    home = tmp_path / "home"
    s = Settings()
    write_settings(
        home,
        replace(
            s,
            audio=replace(s.audio, device="No Such Microphone 9000"),
            transcription=replace(s.transcription, model=str(tmp_path / "no-model-here")),
            notes=replace(
                s.notes,
                preset="custom",
                base_url=f"http://127.0.0.1:{closed_port()}/v1",
                model="m",
                request_timeout_s=5.0,
            ),
        ),
    )
    done = run_doctor(home, {})
    results = results_of(done)
    assert done.returncode == 1, done.stdout + done.stderr
    assert results["speech_model"]["status"] == "fail"
    assert results["note_backend"]["code"] == "unreachable"
    for check in ("speech_model", "note_backend"):
        assert results[check]["fix"].endswith(".")
