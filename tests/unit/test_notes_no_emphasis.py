"""Which tokens of the built-in server write Markdown emphasis (issue 20: fewer tokens after Stop;
issue 25: a clean document): asked of a real HTTP server on 127.0.0.1 that answers as llama.cpp's
``/extras/tokenize`` and ``/extras/detokenize`` do, over a small vocabulary."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.notes.no_emphasis import BIAS, emphasis_bias

# A vocabulary where some candidates are tokens of their own and others are not: ":**" and
# "**:" split into ":" and "**", "**\n\n" into "**\n" and "\n".
VOCAB = {1: "<s>", 2: "**", 3: " **", 4: ":", 5: "**\n", 6: "\n", 7: " ***", 8: "a"}
SPLITS = {":**": [4, 2], "**:": [2, 4], "**\n\n": [5, 6], ".**": [], "**,": [], "***": [], "__": []}


def tokenize(text: str, bos: bool) -> list[int]:
    ids = [1] if bos else []
    if text in SPLITS:
        return ids + SPLITS[text]
    return ids + [i for i, t in VOCAB.items() if t == text and i != 1]


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def llama_like(bos: bool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path == "/extras/tokenize":
                answer: dict[str, object] = {"tokens": tokenize(body["input"], bos)}
            elif self.path == "/extras/detokenize":
                answer = {"text": "".join(VOCAB[i] for i in body["tokens"])}
            else:
                self.send_error(404)
                return
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.mark.parametrize("bos", [False, True], ids=["no-bos", "bos"])
def test_only_tokens_that_write_emphasis_alone_are_forbidden(bos: bool) -> None:
    for url in serve(llama_like(bos)):
        bias = emphasis_bias(url)
        assert bias == {"2": BIAS, "3": BIAS, "5": BIAS, "7": BIAS}
        assert "4" not in bias and "6" not in bias  # the colon and the newline stay


def test_a_server_without_the_extras_forbids_nothing() -> None:
    class NoExtras(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    for url in serve(NoExtras):
        assert emphasis_bias(url) == {}


def test_a_server_that_is_gone_forbids_nothing() -> None:
    for url in serve(llama_like(False)):
        gone = url
    assert emphasis_bias(gone, timeout_s=1.0) == {}


def test_a_proxy_in_the_environment_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://192.0.2.1:9")  # nothing answers there
    monkeypatch.setenv("NO_PROXY", "")
    for url in serve(llama_like(False)):
        assert emphasis_bias(url, timeout_s=2.0) != {}
