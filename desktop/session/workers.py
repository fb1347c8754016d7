"""The only module that starts threads.

Threads: ``Worker.start`` runs the worker's generator on a new Python thread. Everything the
generator yields, returns or raises is reported through four Qt signals (yielded / returned /
errored / finished), emitted from that thread; Qt queues them to receivers living on the GUI
thread, so receivers must be bound methods of QObjects (never lambdas). ``cancel`` may be called
from the GUI thread at any time: no signal but ``finished`` is emitted after it.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.cancel import CancelToken

log = logging.getLogger(__name__)

WorkFn = Callable[..., Iterator[Any]]  # a generator function (its return value is reported)


class _ReceiverGone(Exception):
    """The worker's QObject was deleted (the app is closing): stop quietly."""


class Worker(QObject):
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)  # the exception
    finished = Signal()

    def __init__(self, fn: WorkFn, *args: Any, name: str, **kwargs: Any) -> None:
        super().__init__()
        self.name = name
        self.token = CancelToken()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=f"scribe-{self.name}", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.is_cancelled()

    @property
    def python_thread(self) -> threading.Thread | None:
        """The thread running the generator (None before ``start``)."""
        return self._thread

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread ends (for shutdown and tests); True if it ended."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            gen = self._fn(*self._args, cancel=self.token, **self._kwargs)
            result = self._drive(gen)
            if not self.token.is_cancelled():
                self._emit(self.returned, result)
        except _ReceiverGone:
            log.info("worker %s: the app closed before it finished", self.name)
        except Exception as exc:  # reported, never raised into Qt
            if not self.token.is_cancelled():
                log.warning("worker %s failed: %s", self.name, type(exc).__name__, exc_info=True)
                self._quiet_emit(self.errored, exc)
        finally:
            self._quiet_emit(self.finished)

    def _emit(self, signal: Any, *args: Any) -> None:
        """Emit, unless the app is closing and this worker's QObject is already deleted."""
        try:
            signal.emit(*args)
        except RuntimeError as exc:  # "Signal source has been deleted"
            self.token.cancel()
            raise _ReceiverGone from exc

    def _quiet_emit(self, signal: Any, *args: Any) -> None:
        with contextlib.suppress(_ReceiverGone):
            self._emit(signal, *args)

    def _drive(self, gen: Iterator[Any]) -> Any:
        try:
            while True:
                item = next(gen)
                if self.token.is_cancelled():
                    close = getattr(gen, "close", None)
                    if close is not None:
                        close()
                    return None
                self._emit(self.yielded, item)
        except StopIteration as stop:
            return stop.value


class WorkerSet(QObject):
    """Makes workers and keeps each one referenced until its thread has ended.

    ``spawn`` runs on the GUI thread; each worker's ``finished`` is queued back onto the GUI thread
    into ``_on_worker_finished``, which lets go of the workers whose thread has ended.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers: set[Worker] = set()

    def spawn(self, fn: WorkFn, *args: Any, name: str, **kwargs: Any) -> Worker:
        """A new worker, not started yet."""
        worker = Worker(fn, *args, name=name, **kwargs)
        self._workers.add(worker)
        worker.finished.connect(self._on_worker_finished)
        return worker

    def __iter__(self) -> Iterator[Worker]:
        return iter(set(self._workers))

    def _on_worker_finished(self) -> None:
        self._workers = {w for w in self._workers if w.is_running()}


_DONE = object()


def progress_generator(fn: Callable[[Callable[[Any], None]], Any]) -> Generator[Any, None, Any]:
    """Turn a call that reports progress through a callback into a generator of those reports.

    Threads: ``fn(report)`` runs on a helper thread; the generator (on the worker's thread) yields
    each report as it comes, then returns ``fn``'s result or raises its exception.
    """
    reports: queue.SimpleQueue[Any] = queue.SimpleQueue()
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(("ok", fn(reports.put)))
        except BaseException as exc:
            outcome.append(("error", exc))
        finally:
            reports.put(_DONE)

    threading.Thread(target=target, name="scribe-progress", daemon=True).start()
    while (item := reports.get()) is not _DONE:
        yield item
    kind, value = outcome[0]
    if kind == "error":
        raise value
    return value
