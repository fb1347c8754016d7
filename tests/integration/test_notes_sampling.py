"""llama.cpp's penalties against loops reach llama.cpp servers only (issue 25): the built-in
model's and the "llama.cpp server" preset's requests carry repeat_penalty 1.1 and
frequency_penalty 0.1 in their body; OpenAI, Azure and the other presets never see them.
Against a real HTTP server on 127.0.0.1 that records what it receives."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.config import NotesSettings
from desktop.notes.base import DraftRequest, NoteError
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.notes.templates import find_template, load_templates
from desktop.paths import AppPaths
from tests.support.openai_server import OpenAIServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("m",), reply_text="PLAN: rest.") as srv:
        yield srv


def request() -> DraftRequest:
    template = find_template(load_templates(user_dir=Path("/nonexistent")), "soap", "en")
    return DraftRequest(transcript="Patient: cough.", template=template, note_language="en")


@pytest.mark.parametrize(
    ("preset", "penalties"),
    [("llamacpp", True), ("openai", False), ("ollama", False), ("custom", False)],
)
def test_penalties_only_for_llama_cpp(
    server: OpenAIServer, tmp_path: Path, preset: str, penalties: bool
) -> None:
    settings = replace(NotesSettings(), preset=preset, base_url=server.base_url, model="m")
    writer = OpenAICompatibleWriter.from_settings(
        settings, api_key="k", paths=AppPaths.from_env({"SCRIBE_HOME": str(tmp_path)})
    )
    assert "".join(writer.stream(request())) == "PLAN: rest."
    body = server.chat_requests()[-1].json
    if penalties:
        assert body["repeat_penalty"] == 1.1 and body["frequency_penalty"] == 0.1
    else:
        assert "repeat_penalty" not in body and "frequency_penalty" not in body


def test_azure_gets_no_llama_cpp_fields(server: OpenAIServer, tmp_path: Path) -> None:
    settings = replace(
        NotesSettings(), preset="azure", base_url=server.base_url.removesuffix("/v1"), model="m"
    )
    writer = OpenAICompatibleWriter.from_settings(
        settings, api_key="k", paths=AppPaths.from_env({"SCRIBE_HOME": str(tmp_path)})
    )
    with contextlib.suppress(NoteError):  # the answer may not parse as Azure's: the body counts
        "".join(writer.stream(request()))
    bodies = [r.json for r in server.requests if isinstance(r.json, dict) and "messages" in r.json]
    assert bodies and "repeat_penalty" not in bodies[-1]
