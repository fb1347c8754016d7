"""``scribe record --seconds N --out FILE [--device NAME]``: record the microphone to a WAV.

A diagnostic a support person can ask a doctor to run: the same capture path as the app
(PortAudio → 16 kHz mono → crash-safe WAV), with the elapsed time printed on stderr about once
a second and a summary on stdout. Ctrl-C stops early and keeps what was recorded.

Threads: the main thread runs the capture loop; PortAudio's own thread runs the callback.
"""

from __future__ import annotations

import argparse
import queue
import sys
from pathlib import Path
from typing import Any

from desktop.audio.capture import MicrophoneSource
from desktop.audio.errors import AudioDirNotWritable
from desktop.audio.pump import CaptureStatus, CaptureSummary, capture
from desktop.audio.recorder import BYTES_PER_SECOND, WavRecorder
from desktop.cancel import CancelToken
from desktop.paths import AppPaths

HELP = "Record the microphone to a 16 kHz mono WAV file (a diagnostic)."
MARGIN_BYTES = 1024 * 1024


class _Discard(queue.Queue[Any]):
    """No live transcription here: blocks are not kept in memory."""

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        return None


def _positive(text: str) -> float:
    value = float(text)
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError("must be a number of seconds > 0")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seconds", type=_positive, required=True, metavar="N")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="WAV to write")
    parser.add_argument("--device", default="", metavar="NAME", help="see: scribe devices")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    out: Path = args.out.expanduser().resolve()
    if out.is_dir():
        raise AudioDirNotWritable(f"{out} is a folder: give a file name such as {out}/test.wav.")
    out.unlink(missing_ok=True)
    recorder = WavRecorder(
        path=out, min_free_to_start=int(args.seconds * BYTES_PER_SECOND) + MARGIN_BYTES
    )
    source = MicrophoneSource(device=args.device or None)
    gen = capture(
        source=source, recorder=recorder, feed=_Discard(), cancel=CancelToken(),
        limit_s=args.seconds,
    )  # fmt: skip
    summary, status, silent = None, None, True
    shown = -1
    try:
        while True:
            try:
                status = next(gen)
            except StopIteration as stop:
                summary = stop.value
                break
            silent = silent and status.level == 0.0
            if not args.quiet and int(status.seconds) > shown:
                shown = int(status.seconds)
                _progress(status)
    except KeyboardInterrupt:
        gen.close()  # the pump's cleanup finalises the file
    if source.notice:
        print(source.notice.text, file=sys.stderr)
    _report(summary, source, recorder, silent=silent)
    return 0


def _progress(status: CaptureStatus) -> None:
    bar = "#" * round(status.level * 20)
    print(f"{status.seconds:6.1f} s  [{bar:<20}]", file=sys.stderr, flush=True)


def _report(
    summary: CaptureSummary | None, source: MicrophoneSource, recorder: WavRecorder, *, silent: bool
) -> None:
    seconds = summary.seconds if summary else recorder.seconds
    print(
        f'Recorded {seconds:.1f} s from "{source.description}" ({source.stream_rate} Hz, '
        f"{source.stream_channels} channel(s)) to {recorder.path}; "
        f"{source.overflows} input overflow(s)."
    )
    if silent and seconds > 0:
        print("Warning: the microphone gave no signal (muted, or the wrong device?).")
