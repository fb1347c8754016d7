"""The llama.cpp server child process behind the built-in note backend.

``LocalServer`` starts ``python -m desktop.notes.llama_child`` (llama.cpp's OpenAI-compatible
server) on 127.0.0.1 with the settings that matter on a laptop (8k context, all cores, a fixed
model alias), waits until ``/v1/models`` answers, turns an early exit into one sentence, and stops
the child. The child also exits by itself when the app dies (see ``llama_child``).

Threads: ``start`` runs on a worker thread (it is a generator yielding Progress); ``stop`` may
run on any thread (the GUI thread at exit).
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from desktop.cancel import CancelToken
from desktop.notes.base import LocalServerFailed
from desktop.notes.llama_child import MISSING_ENGINE
from desktop.notes.spare_cores import SPARE_CORES_OFF, SPARE_CORES_ON
from desktop.progress import STARTING_NOTE_SERVER, Progress
from desktop.resources import is_frozen

log = logging.getLogger(__name__)

ALIAS = "scribe-local"
SERVER_LOG = "note-server.log"


def default_threads() -> int:
    """All cores but one (at most 8). llama.cpp's threads wait for each other at every step, so
    when any other work wants a core (the transcriber catching up, the browser) a thread per core
    collapses: on a busy 2-core machine, 2 threads drafted at 0.8 tokens/s and 1 thread at 6.
    Measured again after Stop with a pre-read prompt (bench/draft_options.py, load average 4-5):
    1 thread 14.3 tokens/s; prompt-lookup decoding (``--draft_model prompt-lookup-decoding``)
    1.3 tokens/s; 2 threads had not finished 4 minutes later. So neither is used as such: the
    idle cores are added while nobody else wants them (``desktop.notes.spare_cores``)."""
    return max(1, min((os.cpu_count() or 2) - 1, 8))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# llama_cpp.server keeps every prompt token's logits unless told otherwise (``logits_all`` is on
# by default there): a row of the vocabulary (152k floats, 600 KB for Qwen) per token read, in an
# n_ctx x vocabulary array (5 GB at 8,192), so the server's memory grew with the transcript (3.4 GB
# on a 4-minute visit, 4.3 GB on 11) and every prompt token paid for the output layer. Scribe
# never asks for log-probabilities. Options given later (``extra_args``) win.
SERVER_DEFAULTS = ("--logits_all", "false")

SERVE_COMMAND = "serve-llm"  # the frozen app's hidden subcommand (desktop.cli.serve_llm)


def child_command(python: str = sys.executable) -> list[str]:
    """The command that starts the note server child, before its own arguments."""
    if is_frozen():
        return [sys.executable, SERVE_COMMAND]
    return [python, "-m", "desktop.notes.llama_child"]


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
        extra_args: tuple[str, ...] = (),
        spare_cores: bool = True,
    ) -> None:
        self.model_path = model_path
        self.extra_args = extra_args  # more llama_cpp.server options (benches try them)
        self.log_path = log_path
        self.port = port
        self._fixed_port = port  # 0: a free port is picked at each start
        self.n_ctx = n_ctx
        self.threads = threads or default_threads()
        self.python = python
        self.startup_timeout_s = startup_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None
        self._spare_cores = spare_cores
        self._telling = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        """The server process's id while it was started (None before)."""
        return None if self._proc is None else self._proc.pid

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
        self._tell_spare_cores()
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

    def use_spare_cores(self, allowed: bool) -> None:
        """Let the server use, beside its own threads, the cores no other program is using
        (``desktop.notes.spare_cores``): while no recording is under way. Safe from any thread,
        before the server starts too (it is told when it starts)."""
        self._spare_cores = allowed
        self._tell_spare_cores()

    def _tell_spare_cores(self) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            return
        line = (SPARE_CORES_ON if self._spare_cores else SPARE_CORES_OFF) + "\n"
        with self._telling:
            try:
                proc.stdin.write(line.encode("ascii"))
                proc.stdin.flush()
            except (OSError, ValueError):  # gone or going: told again when it next starts
                log.info("note server: could not be told about spare cores")

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:  # the child exits when its stdin closes
            with self._telling, contextlib.suppress(OSError):
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

    def server_args(self) -> list[str]:
        """The llama_cpp.server options the child is given (``scribe serve-llm`` forwards each)."""
        return [
            "--model", str(self.model_path),
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.threads),
            "--n_threads_batch", str(self.threads),
            "--model_alias", ALIAS,
            *SERVER_DEFAULTS,
            *self.extra_args,
        ]  # fmt: skip

    def _spawn(self) -> subprocess.Popen[bytes]:
        args = [*child_command(self.python), *self.server_args()]
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        try:
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            logfile: IO[bytes] = open(fd, "ab")  # noqa: SIM115 (the child keeps it)
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
