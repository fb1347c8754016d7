"""A stand-in for the ``sounddevice`` module, for tests: devices you describe, streams you drive.

Pass it as ``sd=`` to ``MicrophoneSource`` / ``list_input_devices``. Nothing runs by itself:
the test calls ``stream.push(block)`` (which runs the source's callback, as PortAudio's thread
would), ``stream.end()`` (the stream died: what an unplugged device looks like) and so on.
Threads: whichever thread the test drives it from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


class FakePortAudioError(Exception):
    pass


@dataclass
class FakeFlags:
    input_overflow: bool = False


def device(
    name: str, *, inputs: int = 2, outputs: int = 0, rate: float = 48_000.0, hostapi: int = 0
) -> dict[str, Any]:
    return {
        "name": name,
        "max_input_channels": inputs,
        "max_output_channels": outputs,
        "default_samplerate": rate,
        "hostapi": hostapi,
    }


class FakeDefault:
    def __init__(self, index: int) -> None:
        self.device = [index, -1]


class FakeStream:
    def __init__(self, sd: FakeSoundDevice, **kwargs: Any) -> None:
        self.sd = sd
        self.kwargs = kwargs
        self.device: int = kwargs["device"]
        self.samplerate: float = kwargs["samplerate"]
        self.channels: int = kwargs["channels"]
        self.blocksize: int = kwargs["blocksize"]
        self._callback: Callable[..., None] = kwargs["callback"]
        self._finished: Callable[[], None] | None = kwargs.get("finished_callback")
        self.active = False
        self.closed = False
        self.aborted = False

    def start(self) -> None:
        if (self.device, int(self.samplerate)) in self.sd.refuse or self.device in self.sd.refuse:
            raise FakePortAudioError(
                "Error starting stream: Invalid sample rate [PaErrorCode -9997]"
            )
        self.active = True

    def push(self, block: np.ndarray, *, overflow: bool = False) -> None:
        """Deliver one block of shape (frames, channels), as PortAudio's thread would."""
        self._callback(block, len(block), None, FakeFlags(input_overflow=overflow))

    def end(self) -> None:
        """The stream ends by itself (device unplugged, driver error)."""
        self.active = False
        if self._finished is not None:
            self._finished()

    def stop(self) -> None:
        if self.sd.fail_stop:
            raise FakePortAudioError("Error stopping stream: Unanticipated host error")
        if self.active:
            self.end()

    def abort(self) -> None:
        self.aborted = True
        if self.active:
            self.end()

    def close(self) -> None:
        self.closed = True


class FakeSoundDevice:
    """``devices``: dicts made by ``device()``; ``default_input``: index or -1; ``refuse``: device
    indexes, or (index, rate) pairs, whose streams fail to start; ``fail_listing``: listing raises.
    """

    PortAudioError = FakePortAudioError

    def __init__(
        self,
        devices: list[dict[str, Any]] | None = None,
        *,
        default_input: int = 0,
        refuse: set[Any] | None = None,
        fail_listing: bool = False,
        fail_stop: bool = False,
    ) -> None:
        self.devices = [dict(d, index=i) for i, d in enumerate(devices or [])]
        self.default = FakeDefault(default_input)
        self.refuse: set[Any] = refuse or set()
        self.fail_listing = fail_listing
        self.fail_stop = fail_stop
        self.streams: list[FakeStream] = []
        self.rescans = 0

    def query_devices(self) -> list[dict[str, Any]]:
        if self.fail_listing:
            raise FakePortAudioError("Error querying device -1")
        return list(self.devices)

    def query_hostapis(self) -> list[dict[str, Any]]:
        return [{"name": "ALSA"}]

    def InputStream(self, **kwargs: Any) -> FakeStream:  # sounddevice's name
        stream = FakeStream(self, **kwargs)
        self.streams.append(stream)
        return stream

    def _terminate(self) -> None:
        self.rescans += 1

    def _initialize(self) -> None:
        pass

    @property
    def stream(self) -> FakeStream:
        """The stream that is running (the last one opened)."""
        return self.streams[-1]
