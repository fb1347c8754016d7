"""Pre-reading with the real llama.cpp server (SmolLM2-135M): the prompt sent during the visit is
kept by the server, so the draft at Stop reads only its new tail (the server's own log says how
many tokens it reused); and pre-reading starts the server when it is not running yet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import NoteError
from desktop.notes.local_process import free_port
from desktop.notes.local_server import LocalServerWriter
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.notes.pre_read import pre_read_job
from desktop.paths import AppPaths
from tests.integration.test_notes_local_server import smollm2, soap_request

pytestmark = pytest.mark.integration

SAID = "Doctor: What brings you in today? Patient: A dry cough for three days, no fever. " * 6


@pytest.fixture
def writer(tmp_path) -> Iterator[LocalServerWriter]:
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path)})
    paths.ensure()
    w = LocalServerWriter(
        paths=paths, model_path=smollm2(), n_ctx=2048, max_tokens=4, startup_timeout_s=60
    )
    yield w
    w.close()


def reused_tokens(log_text: str) -> list[int]:
    return [
        int(line.split("Llama.generate: ")[1].split()[0])
        for line in log_text.splitlines()
        if "prefix-match hit" in line
    ]


def test_the_draft_reuses_what_was_pre_read(writer: LocalServerWriter):
    assert not writer.server.is_running()
    list(pre_read_job(writer, soap_request(SAID), cancel=CancelToken()))
    assert writer.server.is_running()  # pre-reading started it
    log_path = writer.server.log_path
    before = log_path.read_text(errors="replace")
    text = "".join(writer.stream(soap_request(SAID + "Doctor: Any allergies? Patient: None.")))
    assert text.strip()
    after = log_path.read_text(errors="replace")[len(before) :]
    reused = reused_tokens(after)
    assert reused and reused[0] > 150  # the rules, the instructions and the transcript so far


def test_a_server_that_is_gone_fails_the_pre_read_and_nothing_is_sent_by_default():
    port = free_port()  # nothing listens there
    gone = OpenAICompatibleWriter(
        base_url=f"http://127.0.0.1:{port}/v1", model="m", pre_reads=True, connect_timeout_s=2
    )
    with pytest.raises(NoteError):  # PreReading logs it and tries again later, silently
        list(gone.pre_read(soap_request(SAID), CancelToken()))
    remote = OpenAICompatibleWriter(base_url=f"http://127.0.0.1:{port}/v1", model="m")
    assert list(remote.pre_read(soap_request(SAID), CancelToken())) == []  # off: not even tried
