"""The OpenAI-compatible writer against a real HTTP server on 127.0.0.1: every fault the doctor may
meet gives one clear sentence of the right class, streamed and not; cancel stops the stream at once
and keeps what arrived."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cancel import CancelToken
from desktop.notes.base import (
    AuthenticationFailed,
    BackendFailed,
    BackendTimeout,
    BackendUnreachable,
    DraftRequest,
    EmptyTranscript,
    ModelNotFound,
    NoteError,
    RateLimited,
)
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.notes.templates import find_template, load_templates
from tests.support.openai_server import OpenAIServer, Reply, UnresponsivePort

pytestmark = pytest.mark.integration

NOTE = (
    "SUBJECTIVE: knee pain since Monday.\nOBJECTIVE: not discussed.\nPLAN: ice, review in 1 week."
)
KEY = "sk-test-secret-123"


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("note-model", "other"), reply_text=NOTE, api_key=KEY) as srv:
        yield srv


@pytest.fixture
def request_() -> DraftRequest:
    templates = load_templates(user_dir=Path("/nonexistent"))
    return DraftRequest(
        transcript="Doctor: What brings you in? Patient: My knee hurts since Monday.",
        template=find_template(templates, "soap", "en"),
        note_language="en",
    )


def writer(server: OpenAIServer, *, streaming: bool, **kwargs: object) -> OpenAICompatibleWriter:
    options: dict = {
        "base_url": server.base_url,
        "model": "note-model",
        "api_key": KEY,
        "read_timeout_s": 3.0,
    }
    options.update(kwargs)
    return OpenAICompatibleWriter(streaming=streaming, **options)


def one_sentence(err: NoteError) -> str:
    text = str(err)
    assert text.endswith(".") and "\n" not in text
    assert KEY not in text and "knee" not in text.lower()
    return text


both = pytest.mark.parametrize("streaming", [True, False], ids=["streamed", "whole"])


@both
def test_draft_arrives_and_carries_the_prompt(
    server: OpenAIServer, request_: DraftRequest, streaming: bool
) -> None:
    before = len(server.chat_requests())
    chunks = list(writer(server, streaming=streaming).stream(request_))
    assert "".join(chunks) == NOTE
    assert (len(chunks) > 1) is streaming
    sent = server.chat_requests()[before:]
    assert len(sent) == 1
    body = sent[0].json
    assert body["model"] == "note-model" and bool(body.get("stream")) is streaming
    assert "My knee hurts since Monday." in body["messages"][-1]["content"]
    assert "not discussed" in body["messages"][0]["content"]


@both
@pytest.mark.parametrize(
    ("reply", "error", "phrase"),
    [
        (Reply.error(401), AuthenticationFailed, "refused the API key"),
        (Reply.error(403), AuthenticationFailed, "refused the API key"),
        (Reply.error(404), ModelNotFound, 'no model "note-model"'),
        (Reply.error(500), BackendFailed, "internal error (error 500)"),
        (Reply.error(503), BackendFailed, "internal error (error 503)"),
        (Reply.error(400), BackendFailed, "refused the request (error 400)"),
        (Reply(text=""), BackendFailed, "empty draft"),
        (Reply(body=b"{this is not json"), BackendFailed, "could not be read"),
        (Reply(body=b'{"id": "x", "object": "chat.completion"}'), BackendFailed, "could not be"),
    ],
)
def test_http_faults_are_one_clear_sentence(
    server: OpenAIServer,
    request_: DraftRequest,
    streaming: bool,
    reply: Reply,
    error: type[NoteError],
    phrase: str,
) -> None:
    server.script_chat(reply)
    with pytest.raises(error) as info:
        list(writer(server, streaming=streaming).stream(request_))
    assert phrase in one_sentence(info.value)


@both
def test_wrong_key_is_refused_by_the_server(
    server: OpenAIServer, request_: DraftRequest, streaming: bool
) -> None:
    with pytest.raises(AuthenticationFailed):
        list(writer(server, streaming=streaming, api_key="sk-wrong").stream(request_))


@both
def test_unknown_model_is_reported(
    server: OpenAIServer, request_: DraftRequest, streaming: bool
) -> None:
    with pytest.raises(ModelNotFound, match='"gpt-nonexistent"'):
        list(writer(server, streaming=streaming, model="gpt-nonexistent").stream(request_))


@both
def test_rate_limit_honours_retry_after_once(
    server: OpenAIServer, request_: DraftRequest, streaming: bool
) -> None:
    before = len(server.chat_requests())
    server.script_chat(Reply.error(429, retry_after="0.2"))
    assert "".join(writer(server, streaming=streaming).stream(request_)) == NOTE
    assert len(server.chat_requests()) - before == 2
    server.script_chat(Reply.error(429, retry_after="0"), Reply.error(429, retry_after="0"))
    with pytest.raises(RateLimited) as info:
        list(writer(server, streaming=streaming).stream(request_))
    assert "429" in one_sentence(info.value)
    assert len(server.chat_requests()) - before == 4  # one retry, not more


def test_rate_limit_with_a_long_wait_is_not_retried(
    server: OpenAIServer, request_: DraftRequest
) -> None:
    before = len(server.chat_requests())
    server.script_chat(Reply.error(429, retry_after="3600"))
    with pytest.raises(RateLimited):
        list(writer(server, streaming=True).stream(request_))
    assert len(server.chat_requests()) - before == 1


@pytest.mark.parametrize(
    ("reply", "phrase"),
    [
        (Reply(break_after=3), "broke while the draft was being written"),
        (Reply(error_after=2), "reported an error"),
        (Reply(sse_lines=["{not json"]), "could not be read"),
        (Reply(sse_lines=['{"id": "x", "choices": []}', "[DONE]"]), "empty draft"),
    ],
)
def test_stream_faults_keep_what_arrived(
    server: OpenAIServer, request_: DraftRequest, reply: Reply, phrase: str
) -> None:
    server.script_chat(reply)
    received: list[str] = []
    with pytest.raises(BackendFailed) as info:
        for chunk in writer(server, streaming=True).stream(request_):
            received.append(chunk)
    assert phrase in one_sentence(info.value)
    if reply.break_after or reply.error_after:
        assert NOTE.startswith("".join(received)) and received


@both
def test_read_timeout(server: OpenAIServer, request_: DraftRequest, streaming: bool) -> None:
    server.script_chat(Reply(hang=True))
    w = writer(server, streaming=streaming, read_timeout_s=0.5)
    with pytest.raises(BackendTimeout, match="stopped answering"):
        list(w.stream(request_))


def test_stream_that_stalls_midway_times_out(server: OpenAIServer, request_: DraftRequest) -> None:
    server.script_chat(Reply(stall_after=2))
    w = writer(server, streaming=True, read_timeout_s=0.5)
    received: list[str] = []
    with pytest.raises(BackendTimeout):
        for chunk in w.stream(request_):
            received.append(chunk)
    assert len(received) == 2


@both
def test_connect_timeout(request_: DraftRequest, streaming: bool) -> None:
    with UnresponsivePort() as port:
        w = OpenAICompatibleWriter(
            base_url=port.base_url, model="m", streaming=streaming, connect_timeout_s=0.3
        )
        with pytest.raises(BackendTimeout, match="did not accept the connection"):
            list(w.stream(request_))


@both
def test_connection_refused(request_: DraftRequest, streaming: bool) -> None:
    with OpenAIServer() as gone:
        url = gone.base_url  # a port that was just freed: nothing listens there any more
    w = OpenAICompatibleWriter(base_url=url, model="m", streaming=streaming)
    with pytest.raises(BackendUnreachable, match=r"Nothing answers at 127\.0\.0\.1"):
        list(w.stream(request_))


@both
def test_dns_failure(request_: DraftRequest, streaming: bool) -> None:
    # .invalid never resolves (RFC 6761)
    w = OpenAICompatibleWriter(
        base_url="http://scribe-test.invalid/v1", model="m", streaming=streaming
    )
    with pytest.raises(BackendUnreachable, match="could not be found"):
        list(w.stream(request_))


def test_empty_transcript_sends_nothing(server: OpenAIServer, request_: DraftRequest) -> None:
    before = len(server.requests)
    empty = DraftRequest(transcript="  \n", template=request_.template, note_language="en")
    with pytest.raises(EmptyTranscript, match="record the consultation first"):
        list(writer(server, streaming=True).stream(empty))
    assert len(server.requests) == before


@both
def test_cancel_closes_the_connection_at_once_and_keeps_the_text(
    server: OpenAIServer, request_: DraftRequest, streaming: bool
) -> None:
    server.client_left.clear()
    server.script_chat(Reply(stall_after=2) if streaming else Reply(hang=True))
    w = writer(server, streaming=streaming, read_timeout_s=60.0)  # only the cancel ends this
    before = len(server.requests)
    token = CancelToken()
    received: list[str] = []
    two_chunks = threading.Event()
    ended = threading.Event()

    def run() -> None:
        for chunk in w.stream(request_, cancel=token):
            received.append(chunk)
            if len(received) == 2:
                two_chunks.set()
        ended.set()

    thread = threading.Thread(target=run)
    thread.start()
    if streaming:
        assert two_chunks.wait(10)
    else:
        assert server.wait_for_requests(before + 1)
    token.cancel()
    assert ended.wait(2), "the blocked read did not end when cancelled"
    assert server.client_left.wait(2), "the server did not see the connection close"
    thread.join(2)
    assert "".join(received) == (NOTE[:16] if streaming else "")


def test_list_models_and_its_errors(server: OpenAIServer) -> None:
    w = writer(server, streaming=True)
    assert [m.id for m in w.list_models()] == ["note-model", "other"]
    server.script_models(Reply.error(401))
    with pytest.raises(AuthenticationFailed):
        w.list_models()
    server.script_models(Reply(body=b"<html>not an API</html>"))
    with pytest.raises(BackendFailed, match="could not be read"):
        w.list_models()
