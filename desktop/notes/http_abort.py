"""An HTTP client whose open connections can be torn down at once from another thread.

Threads: the worker thread makes the request and reads the stream through the client;
``Abortable.abort()`` is called from any thread (the GUI thread, through ``CancelToken.on_cancel``).
It shuts the sockets down (``shutdown(SHUT_RDWR)``), which wakes a read blocked in the worker
thread at once and tells the server to stop generating; a plain ``close()`` from another thread
would not wake that read on Linux.

The ``openai`` client runs on ``httpx2`` (``httpx`` in older releases); both expose the same
transport and ``httpcore`` backend interfaces, used here.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any

try:  # the openai client's HTTP stack
    import httpcore2 as httpcore
    import httpx2 as httpx
except ImportError:  # pragma: no cover - older openai releases
    import httpcore  # type: ignore[no-redef]
    import httpx  # type: ignore[no-redef]


class _TrackingBackend(httpcore.SyncBackend):
    def __init__(self) -> None:
        self._streams: list[Any] = []
        self._lock = threading.Lock()
        self._aborted = False

    def connect_tcp(self, *args: Any, **kwargs: Any) -> Any:
        stream = super().connect_tcp(*args, **kwargs)
        with self._lock:
            self._streams.append(stream)
            aborted = self._aborted
        if aborted:
            _shutdown(stream)
        return stream

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            streams = list(self._streams)
        for stream in streams:
            _shutdown(stream)


def _shutdown(stream: Any) -> None:
    sock = stream.get_extra_info("socket")
    if sock is None:
        return
    # socket.socket's own shutdown, also for an SSL socket (no TLS goodbye needed)
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Abortable:
    """One ``httpx`` client (for one request) plus the means to abort it from any thread."""

    def __init__(self, *, connect_timeout_s: float, read_timeout_s: float) -> None:
        self._backend = _TrackingBackend()
        transport = httpx.HTTPTransport(retries=0)
        # The pool builds each connection with this backend; there is no public argument for it.
        transport._pool._network_backend = self._backend
        self.client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(read_timeout_s, connect=connect_timeout_s),
        )

    def abort(self) -> None:
        self._backend.abort()

    def close(self) -> None:
        self.client.close()
