"""The OpenAI-compatible remote backend against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import numpy as np
import pytest

from desktop.asr.base import DecodeOptions, RemoteTranscriptionError
from desktop.asr.registry import create_transcriber
from desktop.asr.remote import RemoteTranscriber
from desktop.audio.file_source import read_audio
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths

pytestmark = pytest.mark.integration

KEY = "test-key"


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w' ]+", " ", text.lower()).split())


@pytest.fixture(scope="module")
def jfk(data_dir_module: Path) -> np.ndarray:
    return read_audio(data_dir_module / "jfk_16k_mono.wav")


@pytest.fixture(scope="module")
def data_dir_module() -> Path:
    return Path(__file__).resolve().parents[1] / "data"


def remote(server, **kwargs: object) -> RemoteTranscriber:  # type: ignore[no-untyped-def]
    options: dict[str, object] = {"base_url": server.base_url, "model": "whisper-1", "api_key": KEY}
    options.update(kwargs)
    return RemoteTranscriber(**options)  # type: ignore[arg-type]


def test_transcribes_with_times_offset_language_and_prompt(asr_server, jfk: np.ndarray) -> None:  # type: ignore[no-untyped-def]
    options = DecodeOptions(
        language="en", prompt="Previous text.", hotwords=("amoxicillin",), offset_s=30.0
    )
    result = remote(asr_server).transcribe(jfk, options)
    assert "ask not what your country can do for you" in words(result.text)
    assert result.language == "en"
    assert result.segments[0].start >= 30.0 and result.segments[-1].end <= 41.5
    sent = asr_server.requests[-1]
    assert sent["language"] == "en" and sent["model"] == "whisper-1"
    assert sent["prompt"] == "Previous text. amoxicillin"
    assert sent["response_format"] == "verbose_json"


def test_built_from_settings_through_the_registry(
    asr_server, jfk: np.ndarray, paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    settings = TranscriptionSettings(backend="remote", remote_url=asr_server.base_url)
    transcriber = create_transcriber(settings, paths=paths, api_key=KEY)
    assert transcriber.detect_language(jfk)[0] == "en"
    assert getattr(transcriber, "live_partials", True) is False


@pytest.mark.parametrize(
    ("mode", "key", "message"),
    [
        ("ok", "wrong-key", "refused the API key (401)"),
        ("not_found", KEY, "no such endpoint or model (404)"),
        ("error", KEY, "failed (error 500)"),
    ],
)
def test_error_answers_become_one_sentence(
    asr_server, jfk: np.ndarray, mode: str, key: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    asr_server.mode = mode
    with pytest.raises(RemoteTranscriptionError) as err:
        remote(asr_server, api_key=key).transcribe(jfk, DecodeOptions())
    text = str(err.value)
    assert message in text and "127.0.0.1" in text
    assert KEY not in text and "\n" not in text


def test_wrong_path_is_a_404(asr_server, jfk: np.ndarray) -> None:  # type: ignore[no-untyped-def]
    bad = RemoteTranscriber(base_url=asr_server.base_url + "/nope", model="m", api_key=KEY)
    with pytest.raises(RemoteTranscriptionError, match="404"):
        bad.transcribe(jfk, DecodeOptions())


def test_refused_connection(jfk: np.ndarray) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    client = RemoteTranscriber(base_url=f"http://127.0.0.1:{port}/v1", model="m", api_key=KEY)
    with pytest.raises(RemoteTranscriptionError, match="could not be reached"):
        client.transcribe(jfk, DecodeOptions())


def test_timeout(asr_server, jfk: np.ndarray) -> None:  # type: ignore[no-untyped-def]
    asr_server.mode = "hang"
    with pytest.raises(RemoteTranscriptionError, match="did not answer in time"):
        remote(asr_server, timeout_s=0.5).transcribe(jfk, DecodeOptions())
