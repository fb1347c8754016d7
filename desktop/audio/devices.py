"""Input devices through PortAudio (sounddevice): list them, mark the default, find one by name.

``sd`` parameters take the ``sounddevice`` module or any object with the same small surface
(``query_devices``, ``query_hostapis``, ``default``, ``InputStream``, ``PortAudioError``): tests
pass a fake. Threads: call from any one thread at a time; ``refresh=True`` re-scans the hardware
and must not be used while a stream is open (it is skipped then).
"""

from __future__ import annotations

import importlib
import logging
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

from desktop.audio.errors import AudioSystemError, PortAudioMissing

log = logging.getLogger(__name__)

# Streams opened through desktop.audio.capture and not yet closed, per sounddevice module.
_open_streams: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, kw_only=True)
class InputDevice:
    index: int
    name: str
    channels: int  # maximum input channels
    samplerate: int  # the device's default (native) rate
    hostapi: str
    is_default: bool


def load_sounddevice(
    import_module: Callable[[str], ModuleType] = importlib.import_module,
) -> Any:
    """Import sounddevice, mapping "PortAudio library not found" to ``PortAudioMissing``."""
    try:
        return import_module("sounddevice")
    except OSError as exc:  # sounddevice raises OSError when libportaudio is missing
        log.warning("audio: sounddevice import failed (%s)", type(exc).__name__)
        raise PortAudioMissing(
            "Audio capture is unavailable because the PortAudio library is not installed."
        ) from exc


def stream_opened(sd: Any) -> None:
    _open_streams[sd] = _open_streams.get(sd, 0) + 1


def stream_closed(sd: Any) -> None:
    _open_streams[sd] = max(0, _open_streams.get(sd, 0) - 1)


def _rescan(sd: Any) -> None:
    if _open_streams.get(sd, 0):
        log.info("audio: device rescan skipped while recording")
        return
    terminate, initialize = getattr(sd, "_terminate", None), getattr(sd, "_initialize", None)
    if terminate is not None and initialize is not None:
        terminate()
        initialize()


def _default_input_index(sd: Any) -> int:
    try:
        value = sd.default.device[0]
    except (AttributeError, IndexError, TypeError):
        return -1
    return int(value) if isinstance(value, int) else -1


def list_input_devices(*, sd: Any | None = None, refresh: bool = False) -> list[InputDevice]:
    """Every device with at least one input channel; the system default is marked."""
    sd = load_sounddevice() if sd is None else sd
    try:
        if refresh:
            _rescan(sd)
        raw = list(sd.query_devices())
        hostapis = [h["name"] for h in sd.query_hostapis()]
    except sd.PortAudioError as exc:
        log.warning("audio: listing devices failed (%s)", type(exc).__name__)
        raise AudioSystemError("The list of microphones could not be read.") from exc
    default = _default_input_index(sd)
    devices = []
    for index, info in enumerate(raw):
        if int(info.get("max_input_channels", 0)) < 1:
            continue
        api = int(info.get("hostapi", 0))
        devices.append(
            InputDevice(
                index=int(info.get("index", index)),
                name=str(info["name"]),
                channels=int(info["max_input_channels"]),
                samplerate=round(float(info.get("default_samplerate", 0)) or 16_000),
                hostapi=hostapis[api] if 0 <= api < len(hostapis) else "",
                is_default=int(info.get("index", index)) == default,
            )
        )
    if devices and not any(d.is_default for d in devices):
        devices[0] = replace(devices[0], is_default=True)
    return devices


_HW_SUFFIX = re.compile(r"\s*\((hw:|plughw:)[^)]*\)\s*$")


def input_device_names() -> list[str]:
    """The input devices by name, read afresh (devices come and go): for the menus."""
    return [device.name for device in list_input_devices(refresh=True)]


def _stem(name: str) -> str:
    """A device name without ALSA's "(hw:1,0)" suffix, which changes when replugged."""
    return _HW_SUFFIX.sub("", name).strip().casefold()


def find_device(devices: list[InputDevice], name: str) -> InputDevice | None:
    """The device called ``name``: exact name, then the same name on another port, then a
    unique case-insensitive substring match; None when nothing (or several) match."""
    for device in devices:
        if device.name == name:
            return device
    wanted = _stem(name)
    same = [d for d in devices if _stem(d.name) == wanted]
    if len(same) == 1:
        return same[0]
    partial = [d for d in devices if wanted and wanted in d.name.casefold()]
    return partial[0] if len(partial) == 1 else None


def default_device(devices: list[InputDevice]) -> InputDevice | None:
    return next((d for d in devices if d.is_default), devices[0] if devices else None)
