"""Background work reports through signals, and a worker outliving the window stays quiet."""

from __future__ import annotations

import threading

from desktop.cancel import CancelToken
from desktop.session.workers import Worker


def counting(n: int, cancel: CancelToken):
    yield from range(n)
    return "done"


def test_yielded_returned_finished(qtbot):
    worker = Worker(counting, 3, name="count")
    seen: list[int] = []
    results: list[str] = []
    worker.yielded.connect(seen.append)
    worker.returned.connect(results.append)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    assert seen == [0, 1, 2]
    assert results == ["done"]


def failing(cancel: CancelToken):
    yield 1
    raise ValueError("boom")


def test_errors_are_reported_not_raised(qtbot):
    worker = Worker(failing, name="fail")
    with qtbot.waitSignal(worker.errored, timeout=5000) as blocker:
        worker.start()
    assert isinstance(blocker.args[0], ValueError)


def test_a_worker_whose_window_closed_ends_quietly(qtbot):
    gate = threading.Event()

    def slow(cancel: CancelToken):
        gate.wait(5)
        yield "late"

    worker = Worker(slow, name="slow")
    errors: list[BaseException] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: errors.append(args.exc_value)
    try:
        worker.start()
        thread = worker.python_thread
        assert thread is not None
        worker.deleteLater()  # the app closes: the QObject goes, the thread does not
        qtbot.waitUntil(lambda: _deleted(worker), timeout=3000)
        gate.set()
        thread.join(5)
    finally:
        threading.excepthook = previous
    assert not thread.is_alive() and errors == []


def _deleted(obj) -> bool:
    import shiboken6

    return not shiboken6.isValid(obj)
