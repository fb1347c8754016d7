"""The microphone as an ``AudioSource``: PortAudio (sounddevice) at the device's native format,
converted to 16 kHz mono float32 off the audio thread.

Threads:
- PortAudio's audio thread runs ``_callback``: it copies the block and enqueues it, and counts
  an input overflow with a plain integer increment. Nothing else: no locks, logging, Qt or I/O.
  ``_finished`` (also PortAudio's thread) only enqueues an end marker.
- One worker thread runs ``blocks`` (opening the device, downmixing, resampling, detecting a
  lost device, closing the stream and draining the queue after ``stop``).
- ``stop``, ``pause`` and ``resume`` may be called from any thread (usually the GUI thread);
  they only set flags and wake the worker.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from desktop.audio import devices as devmod
from desktop.audio.devices import InputDevice, default_device, find_device, list_input_devices
from desktop.audio.errors import AudioSystemError, MicrophoneLost, NoMicrophone
from desktop.audio.resample import Resampler, to_mono
from desktop.cancel import CancelToken
from desktop.notices import MICROPHONE_NOT_FOUND, MICROPHONE_NOT_OPENED, Notice
from desktop.pcm import Audio

log = logging.getLogger(__name__)

_ENDED = object()  # PortAudio finished the stream (by itself, or after stop)
_WAKE = object()  # stop() was called: wake the worker now
FALLBACK_RATES = (48_000, 44_100, 16_000)
MAX_CHANNELS = 2
WARM_UP_CALLBACKS = 20
SLOW_CALLBACK_S = 0.005


def _fallback_notice(kind: str, wanted: str, default: str) -> Notice:
    how = "was not found" if kind == MICROPHONE_NOT_FOUND else "could not be opened"
    text = (
        f'The microphone "{wanted}" {how}, so the default microphone "{default}" is recording '
        "instead."
    )
    return Notice(kind, text, (wanted, default))


class MicrophoneSource:
    """Records from ``device`` (a name; None or "" = the system default).

    The device is opened when ``blocks`` starts (or by ``open``), on the worker thread. If the
    chosen device is missing or cannot be opened, the default one is used and ``notice`` says
    so in one sentence. ``overflows`` counts input overflows reported by PortAudio.
    ``pause`` only raises the ``paused`` flag: the capture pump discards audio while it is set.
    """

    def __init__(
        self,
        *,
        device: str | None = None,
        sd: Any | None = None,
        block_s: float = 0.05,
        stall_timeout_s: float = 3.0,
        poll_s: float = 0.25,
        measure_callbacks: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.description = device or "default microphone"
        self.notice: Notice | None = None
        self.device: InputDevice | None = None
        self.stream_rate = 0
        self.stream_channels = 0
        self.paused = False
        self.overflows = 0
        # With measure_callbacks=True (benchmarks): the longest callback, callbacks and frames
        # delivered by PortAudio and the perf_counter() times of the first and last callback.
        self.longest_callback_s = 0.0
        self.slow_callbacks = 0  # callbacks longer than SLOW_CALLBACK_S (waits for the GIL)
        self.callbacks = 0
        self.callback_frames = 0
        self.first_callback_at = 0.0
        self.last_callback_at = 0.0
        # (time, frames so far) at callback number WARM_UP_CALLBACKS: for a steady-state count
        # that leaves out the burst of blocks buffered while the stream was starting.
        self.warm_at = 0.0
        self.warm_frames = 0
        # PortAudio's capture time of the first sample of the warm-up and of the last block
        # (computed before the callback waits for the GIL, so steadier than perf_counter).
        self.warm_adc = 0.0
        self.last_adc = 0.0
        self.frames_in = 0  # device frames taken off the queue
        self._wanted = device or ""
        self._sd = sd
        self._block_s = block_s
        self._stall_timeout_s = stall_timeout_s
        self._poll_s = poll_s
        self._measure = measure_callbacks
        self._clock = clock
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._stopping = False
        self._stream: Any = None
        self._resampler: Resampler | None = None

    # --- any thread ----------------------------------------------------------------------

    def stop(self) -> None:
        self._stopping = True
        self._queue.put(_WAKE)

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    # --- PortAudio's audio thread ----------------------------------------------------------

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if status.input_overflow:
            self.overflows += 1
        self._queue.put_nowait(indata.copy())

    def _timed_callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        start = time.perf_counter()
        if status.input_overflow:
            self.overflows += 1
        self._queue.put_nowait(indata.copy())
        self.callbacks += 1
        self.callback_frames += frames
        if not self.first_callback_at:
            self.first_callback_at = start
        self.last_callback_at = start
        self.last_adc = getattr(time_info, "inputBufferAdcTime", 0.0)
        if self.callbacks == WARM_UP_CALLBACKS:
            self.warm_at, self.warm_frames = start, self.callback_frames
            self.warm_adc = self.last_adc
        took = time.perf_counter() - start
        if took > self.longest_callback_s:
            self.longest_callback_s = took
        if took > SLOW_CALLBACK_S:
            self.slow_callbacks += 1

    def _finished(self) -> None:
        self._queue.put_nowait(_ENDED)

    # --- the worker thread -----------------------------------------------------------------

    def open(self) -> None:
        """Find the device and start the stream (idempotent). Raises MicrophoneError subclasses."""
        if self._stream is not None:
            return
        sd = devmod.load_sounddevice() if self._sd is None else self._sd
        self._sd = sd
        found = list_input_devices(sd=sd)
        fallback = default_device(found)
        if fallback is None:
            raise NoMicrophone("No microphone was found: connect one, or check it is switched on.")
        chosen = fallback
        if self._wanted:
            match = find_device(found, self._wanted)
            if match is None:
                self.notice = _fallback_notice(MICROPHONE_NOT_FOUND, self._wanted, fallback.name)
            else:
                chosen = match
        try:
            self._start(sd, chosen)
        except AudioSystemError:
            if chosen == fallback:
                raise
            log.warning("audio: chosen device failed to open; falling back to the default")
            self.notice = _fallback_notice(MICROPHONE_NOT_OPENED, chosen.name, fallback.name)
            self._start(sd, fallback)

    def _start(self, sd: Any, device: InputDevice) -> None:
        channels = max(1, min(device.channels, MAX_CHANNELS))
        rates = list(dict.fromkeys((device.samplerate, *FALLBACK_RATES)))
        callback = self._timed_callback if self._measure else self._callback
        for rate in rates:
            stream = None
            try:
                stream = sd.InputStream(
                    device=device.index,
                    samplerate=rate,
                    channels=channels,
                    dtype="float32",
                    blocksize=max(1, int(rate * self._block_s)),
                    callback=callback,
                    finished_callback=self._finished,
                )
                stream.start()
            except sd.PortAudioError as exc:
                log.info("audio: device %d refused %d Hz (%s)", device.index, rate, exc)
                if stream is not None:
                    self._quiet_close(stream, abort=True)
                continue
            devmod.stream_opened(sd)
            self._stream = stream
            self.device = device
            self.description = device.name
            self.stream_rate, self.stream_channels = rate, channels
            self._resampler = Resampler(rate=rate)
            log.info("audio: recording device %d at %d Hz, %d ch", device.index, rate, channels)
            return
        raise AudioSystemError(
            f'The microphone "{device.name}" could not be opened (it may be in use by another '
            "program)."
        )

    def blocks(self, cancel: CancelToken) -> Iterator[Audio]:
        """16 kHz mono blocks until ``stop`` (or cancel); then everything still queued.

        Raises ``MicrophoneLost`` after the drained audio if the device stopped delivering.
        """
        if self._stopping and self._stream is None:
            return  # stopped before it started
        cancel.on_cancel(self.stop)
        self.open()
        lost = False
        last = self._clock()
        try:
            while not self._stopping:
                try:
                    item = self._queue.get(timeout=self._poll_s)
                except queue.Empty:
                    if self._clock() - last > self._stall_timeout_s:
                        lost = True
                        break
                    continue
                if item is _ENDED:
                    lost = not self._stopping
                    break
                if item is _WAKE:
                    continue
                last = self._clock()
                out = self._convert(item)
                if out.size:
                    yield out
        finally:
            self._close(abort=lost)
        yield from self._drain()
        if lost:
            log.warning("audio: the input device stopped delivering audio")
            raise MicrophoneLost(
                "The microphone stopped working (unplugged?); everything recorded until then "
                "is kept."
            )

    def _convert(self, block: Any) -> Audio:
        assert self._resampler is not None
        self.frames_in += len(block)
        return self._resampler.process(to_mono(block))

    def _drain(self) -> Iterator[Audio]:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, np.ndarray):
                out = self._convert(item)
                if out.size:
                    yield out
        if self._resampler is not None:
            tail = self._resampler.flush()
            self._resampler = None
            if tail.size:
                yield tail

    def _close(self, *, abort: bool) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            self._quiet_close(stream, abort=abort)
            devmod.stream_closed(self._sd)

    def _quiet_close(self, stream: Any, *, abort: bool) -> None:
        """Stop (delivering the last blocks) or abort, then close; errors of a gone device are
        logged, not raised: the audio already captured matters more."""
        try:
            if abort:
                stream.abort()
            else:
                stream.stop()
        except Exception as exc:  # PortAudioError, or a device that vanished
            log.info("audio: stopping the stream failed (%s)", type(exc).__name__)
        try:
            stream.close()
        except Exception as exc:
            log.info("audio: closing the stream failed (%s)", type(exc).__name__)
