"""Audio feeds for the live pipeline's tests."""

from __future__ import annotations

import queue
import threading

from desktop.pcm import Audio


class TrickleQueue(queue.Queue):  # type: ignore[type-arg]
    """Audio arriving in real time with an infinitely fast decoder: one block per blocking get
    (the decoder is never behind, so every partial is due)."""

    def __init__(self, items: list[Audio | None]) -> None:
        super().__init__()
        self._items = list(items)

    def get(self, block: bool = True, timeout: float | None = None) -> Audio | None:
        if not block or not self._items:
            raise queue.Empty
        return self._items.pop(0)

    def get_nowait(self) -> Audio | None:
        raise queue.Empty


class HeldMicrophone:
    """What a fake microphone needs beside its ``blocks``: Stop and Pause as the app calls
    them. ``stopped`` is set by Stop; ``paused`` says what the doctor asked."""

    description = "test mic"

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.paused = False

    def stop(self) -> None:
        self.stopped.set()

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False
