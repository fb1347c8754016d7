"""A real virtual microphone for tests: a PulseAudio null sink whose monitor is the input.

``ensure_virtual_mic()`` reuses a running PulseAudio daemon (``.ci/run`` starts one) or starts
it (``pulseaudio -D --exit-idle-time=-1``, as root too), loads a null sink, and makes it the
default sink/source when no null-sink monitor is the default yet. ``private_virtual_mic()``
adds a sink for this process alone (named after its pid), so that test sessions sharing the
daemon never mix their speech; ``release`` unloads it. Programs recording through PortAudio's
``pulse`` or ``default`` device hear our sink once ``PULSE_SOURCE`` names its monitor
(``VirtualMic.env``); ``VirtualMic.play`` plays a file into it with ``paplay``.

Threads: none (subprocesses only).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SINK = "scribe_test_mic"


class VirtualMicUnavailable(Exception):
    """Why there is no virtual microphone here (the reason a test is skipped with)."""


@dataclass(frozen=True)
class VirtualMic:
    sink: str
    module: str = ""  # the null-sink module we loaded for it, unloaded by ``release``

    @property
    def source(self) -> str:
        return f"{self.sink}.monitor"

    def env(self) -> dict[str, str]:
        """Environment variables that route a PulseAudio client's input to this mic."""
        return {"PULSE_SOURCE": self.source, "PULSE_SINK": self.sink}

    def play(self, path: Path) -> subprocess.Popen[bytes]:
        """Start playing ``path`` into the mic; the caller waits on the returned process."""
        return subprocess.Popen(
            ["paplay", f"--device={self.sink}", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def keep_awake(self, latency_ms: int = 20) -> subprocess.Popen[bytes]:
        """Play endless silence at low latency into the sink; terminate it when done.

        An idle null sink renders in chunks of up to 2 s, so a recording that starts then gets
        its first block up to 2 s late (and that stretch never arrives). A stream asking for
        20 ms keeps the sink, and its monitor, delivering small blocks at once, as a real
        microphone does.
        """
        with open("/dev/zero", "rb") as zeros:
            return subprocess.Popen(
                ["pacat", "--playback", "--raw", "--format=s16le", "--rate=44100",
                 "--channels=2", f"--latency-msec={latency_ms}", f"--device={self.sink}"],
                stdin=zeros,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip


def _pactl(*args: str, check: bool = True) -> str:
    done = subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=20, check=False)
    if check and done.returncode != 0:
        raise VirtualMicUnavailable(f"pactl {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _daemon_running() -> bool:
    return (
        subprocess.run(["pactl", "info"], capture_output=True, timeout=20, check=False).returncode
        == 0
    )


def _start_daemon() -> None:
    # -D returns once the daemon is ready (or has failed); as root it warns and carries on.
    done = subprocess.run(
        ["pulseaudio", "-D", "--exit-idle-time=-1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if not _daemon_running():
        raise VirtualMicUnavailable(
            f"the PulseAudio daemon could not be started: {done.stderr.strip()[-300:]}"
        )


def _default_source() -> str:
    for line in _pactl("info").splitlines():
        if line.startswith("Default Source:"):
            return line.split(":", 1)[1].strip()
    return ""


def ensure_virtual_mic(sink: str = SINK) -> VirtualMic:
    """Idempotent: safe to call from several tests, sessions, and after ``.ci/run``."""
    missing = [
        tool for tool in ("pulseaudio", "pactl", "paplay", "pacat") if shutil.which(tool) is None
    ]
    if missing:
        raise VirtualMicUnavailable(f"PulseAudio is not installed ({', '.join(missing)} missing)")
    if not _daemon_running():
        _start_daemon()
    sinks = [line.split("\t")[1] for line in _pactl("list", "short", "sinks").splitlines()]
    if sink not in sinks:
        _pactl("load-module", "module-null-sink", f"sink_name={sink}")
    if not _default_source().endswith(".monitor"):
        _pactl("set-default-sink", sink)
        _pactl("set-default-source", f"{sink}.monitor")
    return VirtualMic(sink=sink)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unload_stale(prefix: str) -> None:
    """Unload private sinks left by test runs that were killed before their teardown."""
    for line in _pactl("list", "short", "modules").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or fields[1] != "module-null-sink":
            continue
        found = re.search(rf"sink_name={re.escape(prefix)}_(\d+)\b", fields[2])
        if found and not _alive(int(found.group(1))):
            _pactl("unload-module", fields[0], check=False)


def private_virtual_mic(prefix: str = SINK) -> VirtualMic:
    """A null sink for this process alone, so that test runs sharing the daemon (several
    sessions on one machine) never hear each other's speech. ``release`` unloads it."""
    ensure_virtual_mic()  # the daemon, and a default microphone for everything else
    _unload_stale(prefix)
    name = f"{prefix}_{os.getpid()}"
    module = _pactl("load-module", "module-null-sink", f"sink_name={name}").strip()
    return VirtualMic(sink=name, module=module)


def release(mic: VirtualMic) -> None:
    if mic.module:
        _pactl("unload-module", mic.module, check=False)


def route_this_process(mic: VirtualMic) -> None:
    """Make PortAudio streams opened later in this process record ``mic``."""
    os.environ.update(mic.env())
