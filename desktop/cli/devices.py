"""``scribe devices``: list the input devices PortAudio sees, marking the system default.

Threads: the main thread only.
"""

from __future__ import annotations

import argparse
import sys

from desktop.audio.devices import InputDevice, list_input_devices
from desktop.audio.errors import NoMicrophone
from desktop.paths import AppPaths

HELP = "List the microphones (input devices); * marks the system default."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def format_devices(devices: list[InputDevice]) -> str:
    lines = []
    for d in devices:
        mark = "*" if d.is_default else " "
        api = f"{d.hostapi}, " if d.hostapi else ""
        lines.append(f"{mark} {d.index:>3}  {d.name}  ({api}{d.channels} ch, {d.samplerate} Hz)")
    return "\n".join(lines)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    devices = list_input_devices()
    if not devices:
        raise NoMicrophone("No microphone was found: connect one, or check it is switched on.")
    print(format_devices(devices))
    print("Use a name with: scribe record --device NAME", file=sys.stderr)
    return 0
