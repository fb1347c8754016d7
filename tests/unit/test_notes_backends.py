"""Presets, the registry, Retry-After parsing and the local server's checks before it starts."""

from __future__ import annotations

import email.utils
import time
from dataclasses import replace
from pathlib import Path

import httpx2
import openai
import pytest

from desktop.cancel import CancelToken
from desktop.config import NotesSettings
from desktop.notes.base import LocalServerFailed
from desktop.notes.error_map import retry_after_s
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.local_server import NOTE_MODEL, LocalServerWriter
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.notes.presets import PRESETS, get_preset, is_local_url
from desktop.notes.registry import WRITERS, create_writer
from desktop.paths import AppPaths


def test_presets_cover_the_backends_doctors_use() -> None:
    assert set(PRESETS) == {
        "builtin", "openai", "azure", "mistral", "ollama", "lmstudio", "vllm", "llamacpp", "custom",
    }  # fmt: skip
    assert PRESETS["openai"].needs_api_key and PRESETS["openai"].remote
    assert not PRESETS["ollama"].remote and is_local_url(PRESETS["ollama"].base_url)
    assert PRESETS["azure"].azure
    assert get_preset("something-old").id == "custom"


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://localhost:11434/v1", True),
        ("http://[::1]:8000/v1", True),
        ("https://api.openai.com/v1", False),
        ("http://192.168.1.20:8000/v1", False),
        ("", False),
    ],
)
def test_is_local_url(url: str, local: bool) -> None:
    assert is_local_url(url) is local


def test_registry_builds_each_kind_of_writer(paths: AppPaths) -> None:
    assert set(WRITERS) == set(PRESETS) | {"fake"}
    builtin = create_writer(NotesSettings(), api_key=None, paths=paths)
    assert isinstance(builtin, LocalServerWriter) and builtin.model == "scribe-local"
    assert isinstance(
        create_writer(NotesSettings(preset="fake"), api_key=None, paths=paths), FakeNoteWriter
    )
    mistral = create_writer(NotesSettings(preset="mistral"), api_key="k", paths=paths)
    assert isinstance(mistral, OpenAICompatibleWriter)
    assert (mistral.base_url, mistral.model) == (
        "https://api.mistral.ai/v1",
        "mistral-small-latest",
    )
    custom = create_writer(
        NotesSettings(preset="ollama", base_url="http://10.0.0.5:11434/v1/", model="qwen2.5:7b"),
        api_key=None,
        paths=paths,
    )
    assert isinstance(custom, OpenAICompatibleWriter)
    assert (custom.base_url, custom.model) == ("http://10.0.0.5:11434/v1", "qwen2.5:7b")


def test_builtin_uses_the_bundled_model_unless_a_file_is_given(paths: AppPaths) -> None:
    bundled = LocalServerWriter.from_settings(NotesSettings(), api_key=None, paths=paths)
    assert bundled.server.model_path == paths.models_dir / NOTE_MODEL.filename
    mine = replace(NotesSettings(), local_model_path="~/models/mistral.gguf")
    chosen = LocalServerWriter.from_settings(mine, api_key=None, paths=paths)
    assert chosen.server.model_path == Path("~/models/mistral.gguf").expanduser()


def test_a_missing_model_file_is_reported_before_starting(paths: AppPaths, tmp_path: Path) -> None:
    writer = LocalServerWriter(paths=paths, model_path=tmp_path / "gone.gguf")
    with pytest.raises(LocalServerFailed, match=r"gone\.gguf was not found"):
        list(writer.prepare(CancelToken()))
    with pytest.raises(LocalServerFailed, match=r"gone\.gguf was not found"):
        writer.list_models()  # "Test connection" says so without starting anything
    assert not writer.server.is_running()


def _rate_limit(**headers: str) -> openai.RateLimitError:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(429, headers=headers, request=request)
    return openai.RateLimitError("slow down", response=response, body=None)


def test_retry_after_in_seconds_milliseconds_or_a_date() -> None:
    assert retry_after_s(_rate_limit(**{"retry-after": "7"})) == 7.0
    assert retry_after_s(_rate_limit(**{"retry-after-ms": "1500"})) == 1.5
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert 15 <= retry_after_s(_rate_limit(**{"retry-after": when})) <= 21
    assert retry_after_s(_rate_limit()) == 2.0
    assert retry_after_s(_rate_limit(**{"retry-after": "soon"})) == 2.0


def test_missing_address_or_model_is_said_before_any_request() -> None:
    from desktop.notes.base import BackendUnreachable, DraftRequest, ModelNotFound, Template

    template = Template(id="t", language="en", title="T", kind="note", instructions="Write.")
    request = DraftRequest(transcript="Patient: cough.", template=template, note_language="en")
    azure = create_writer(NotesSettings(preset="azure"), api_key="k", paths=AppPaths.from_env())
    with pytest.raises(BackendUnreachable, match="address is missing"):
        list(azure.stream(request))
    with pytest.raises(BackendUnreachable, match="address is missing"):
        azure.list_models()
    no_model = OpenAICompatibleWriter(base_url="http://127.0.0.1:9/v1", model="")
    with pytest.raises(ModelNotFound, match="No note model is chosen"):
        list(no_model.stream(request))
