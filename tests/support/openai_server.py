"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests, with scriptable answers.

Threads: ``start()`` runs a ``ThreadingHTTPServer`` on a daemon thread; each request is handled on
its own thread. Tests talk to it through ``base_url`` like to any server, script the next answers
with ``script_chat`` / ``script_models`` (first in, first out; when none is scripted the default
answer is sent), and read what arrived in ``requests``. Waiting answers (``hang``, ``stall_after``)
wait on an event that ``stop()`` sets, never on a sleep.

    with OpenAIServer(models=("m",), reply_text="SUBJECTIVE: ...") as server:
        server.script_chat(Reply.error(401, "bad key"))
        ... OpenAI(base_url=server.base_url, api_key="k") ...

Served: ``GET /v1/models``, ``POST /v1/chat/completions`` (``"stream": true`` → server-sent
events in chunked transfer encoding, like uvicorn/llama.cpp; otherwise one JSON body). With
``api_key`` set, a request without that bearer key gets 401; with ``strict_models``, an unknown
model gets 404.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer. By default: 200 with ``text`` (or the server's default text)."""

    status: int = 200
    text: str | None = None  # the completion's content (None: the server's reply_text)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None  # raw body sent as is (non-streamed), e.g. malformed JSON
    sse_lines: list[str] | None = None  # raw SSE ``data:`` payloads sent as is (streamed)
    chunk_size: int = 8  # characters per streamed delta
    break_after: int | None = None  # streamed: drop the connection after N deltas
    stall_after: int | None = None  # streamed: after N deltas, wait until the client leaves
    error_after: int | None = None  # streamed: after N deltas, send an SSE error object
    hang: bool = False  # send nothing at all until the client leaves (read timeout)

    @classmethod
    def error(cls, status: int, message: str = "", **headers: str) -> Reply:
        payload = {
            "error": {"message": message or f"error {status}", "type": "test", "code": status}
        }
        return cls(status=status, body=json.dumps(payload).encode(), headers=dict(headers))


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    json: Any
    query: str = ""  # the raw query string of the request line ("" without one)


class OpenAIServer:
    def __init__(
        self,
        *,
        models: tuple[str, ...] = ("test-model",),
        reply_text: str = "SUBJECTIVE: not discussed\nOBJECTIVE: not discussed",
        api_key: str | None = None,
        strict_models: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.models = models
        self.reply_text = reply_text
        self.api_key = api_key
        self.strict_models = strict_models
        self.requests: list[RecordedRequest] = []
        self.client_left = threading.Event()  # a waiting answer saw the client disconnect
        self._chat: deque[Reply] = deque()
        self._models: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    # --- life cycle ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> OpenAIServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- scripting ----------------------------------------------------------------------------

    def script_chat(self, *replies: Reply) -> None:
        with self._lock:
            self._chat.extend(replies)

    def script_models(self, *replies: Reply) -> None:
        with self._lock:
            self._models.extend(replies)

    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next(self, queue: deque[Reply]) -> Reply:
        with self._lock:
            return queue.popleft() if queue else Reply()

    def wait_for_requests(self, count: int, timeout: float = 10.0) -> bool:
        """Block until ``count`` requests in all have arrived; False on timeout."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.requests) >= count, timeout)

    def _record(self, request: RecordedRequest) -> None:
        with self._arrived:
            self.requests.append(request)
            self._arrived.notify_all()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer (cancel, timeout tests) is expected: stay quiet."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    @property
    def owner(self) -> OpenAIServer:
        return self.server.owner  # type: ignore[attr-defined, no-any-return]

    def do_GET(self) -> None:
        self._handle(None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = None
        self._handle(payload)

    def _handle(self, payload: Any) -> None:
        owner = self.owner
        path, _, query = self.path.partition("?")
        headers = dict(self.headers.items())
        owner._record(RecordedRequest(self.command, path, headers, payload, query))
        if (
            owner.api_key is not None
            and self.headers.get("Authorization") != f"Bearer {owner.api_key}"
        ):
            return self._send_reply(Reply.error(401, "Incorrect API key provided."))
        if self.command == "GET" and path.endswith("/models"):
            return self._models(owner._next(owner._models))
        if self.command == "POST" and path.endswith("/chat/completions"):
            reply = owner._next(owner._chat)
            model = (payload or {}).get("model", "")
            if reply.status == 200 and owner.strict_models and model not in owner.models:
                reply = Reply.error(404, f"The model `{model}` does not exist.")
            if reply.hang:
                return self._wait_for_client_to_leave()
            if reply.status == 200 and reply.body is None and (payload or {}).get("stream"):
                return self._stream(reply, model)
            return self._complete(reply, model)
        return self._send_reply(Reply.error(404, f"No route {path}."))

    # --- answers ------------------------------------------------------------------------------

    def _send_reply(self, reply: Reply, body: bytes = b"") -> None:
        data = reply.body if reply.body is not None else body
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in reply.headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def _models(self, reply: Reply) -> None:
        data = [
            {"id": m, "object": "model", "created": 0, "owned_by": "test"}
            for m in self.owner.models
        ]
        self._send_reply(reply, json.dumps({"object": "list", "data": data}).encode())

    def _complete(self, reply: Reply, model: str) -> None:
        text = self.owner.reply_text if reply.text is None else reply.text
        body = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        self._send_reply(reply, json.dumps(body).encode())

    def _stream(self, reply: Reply, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if reply.sse_lines is not None:
            for line in reply.sse_lines:
                self._chunk(f"data: {line}\n\n".encode())
            return self._chunk(b"")
        text = self.owner.reply_text if reply.text is None else reply.text
        pieces = [text[i : i + reply.chunk_size] for i in range(0, len(text), reply.chunk_size)]
        for n, piece in enumerate(pieces):
            if n == reply.break_after:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return None
            if n == reply.stall_after:
                return self._wait_for_client_to_leave()
            if n == reply.error_after:
                self._event({"error": {"message": "The model crashed.", "type": "server_error"}})
                return self._chunk(b"")
            self._event(_delta(model, {"content": piece}, None))
        self._event(_delta(model, {}, "stop"))
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _event(self, obj: dict[str, Any]) -> None:
        self._chunk(f"data: {json.dumps(obj)}\n\n".encode())

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _wait_for_client_to_leave(self) -> None:
        """Send nothing more; return when the client closes its side (or the server stops)."""
        self.close_connection = True
        sock = self.connection
        while not self.owner._stopping.is_set():
            readable, _, _ = select.select([sock], [], [], 0.05)
            if readable:
                try:
                    if not sock.recv(4096):
                        self.owner.client_left.set()
                        return
                except OSError:
                    self.owner.client_left.set()
                    return


def _delta(model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class UnresponsivePort:
    """A listening socket on 127.0.0.1 whose accept queue is full and never served, so a new
    connection attempt to ``port`` gets no answer and times out (connect timeout)."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(0)
        self.port = int(self._listener.getsockname()[1])
        self._fillers: list[socket.socket] = []
        for _ in range(4):  # never accepted: the queue fills up, later SYNs are dropped
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", self.port))
            self._fillers.append(filler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def close(self) -> None:
        for sock in (*self._fillers, self._listener):
            sock.close()

    def __enter__(self) -> UnresponsivePort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
