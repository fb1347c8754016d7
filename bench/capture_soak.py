"""Capture soak: record N minutes from the virtual microphone while live transcription and note
drafts run at the same time, and report whether capture kept up.

    .venv/bin/python bench/capture_soak.py [--minutes 5] [--notes builtin|fake]
                                           [--asr local|fake] [--out FILE]

A consultation (bench/speech_consultation.py: an ACI-Bench dialogue in two espeak-ng voices; the
JFK clip looped if that cannot be rendered) plays into the PulseAudio null sink in a loop; the
app's capture path (MicrophoneSource → pump → WavRecorder + feed) records the sink's monitor;
``LiveTranscription`` (Whisper base, bundled) consumes the feed; from the first minute on, a
note is drafted from the transcript so far, again and again, on the built-in local model.

JSON on stdout (and --out): input overflows (target 0), the longest PortAudio callback, frames
PortAudio delivered vs what its capture timestamps say it should have (target: equal within one
block), 16 kHz frames recorded vs converted and on disk, peak memory of this process and of the
note server, the transcriber's largest backlog and catch-up time, drafts completed.

Reading the frame count: a device runs on its own clock, so over minutes "delivered" and
"expected" part by its clock offset (``device_clock_offset_ppm``; real sound cards: tens of ppm;
PulseAudio's null sink: a few hundred ppm either way, depending on the latency of the stream
keeping it awake, ``--keepalive-ms``). Lost audio shows as input overflows instead.

Threads: the main thread runs the capture pump; one thread each runs the player loop, the live
transcription and the drafting loop (this is a benchmark script, not app code).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import resource
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(ROOT / "bench"))

from virtual_mic import VirtualMic, private_virtual_mic, release  # noqa: E402

from desktop.asr.base import Backlog, Committed  # noqa: E402
from desktop.audio.capture import MicrophoneSource  # noqa: E402
from desktop.audio.pump import CaptureSummary, capture  # noqa: E402
from desktop.audio.recorder import WavRecorder  # noqa: E402
from desktop.cancel import CancelToken  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402

JFK = ROOT / "tests" / "data" / "jfk_16k_mono.wav"


def speech_file(minutes: float) -> Path:
    try:
        from speech_consultation import default_cache, render

        return render(0, min(minutes, 4.0), default_cache())
    except Exception as exc:  # espeak-ng or the shared dialogues missing: any speech will do
        print(f"consultation not rendered ({type(exc).__name__}); looping JFK", file=sys.stderr)
        return JFK


class Player(threading.Thread):
    """Plays ``path`` into the mic again and again until ``stop``."""

    def __init__(self, mic: VirtualMic, path: Path) -> None:
        super().__init__(name="player", daemon=True)
        self.mic, self.path = mic, path
        self.stopped = threading.Event()
        self.proc: subprocess.Popen[bytes] | None = None
        self.plays = 0

    def run(self) -> None:
        while not self.stopped.is_set():
            self.proc = self.mic.play(self.path)
            self.proc.wait()
            self.plays += 1

    def stop(self) -> None:
        self.stopped.set()
        if self.proc is not None:
            self.proc.terminate()


class Live(threading.Thread):
    """Live transcription of the feed; keeps the committed text for the drafts."""

    def __init__(self, transcriber: Any, feed: queue.Queue[Any]) -> None:
        super().__init__(name="live", daemon=True)
        from desktop.asr.streaming import LiveTranscription

        self.live = LiveTranscription(transcriber=transcriber, language="en")
        self.feed = feed
        self.texts: list[str] = []
        self.max_backlog_s = 0.0
        self.error = ""

    def run(self) -> None:
        try:
            for event in self.live.run(self.feed, CancelToken()):
                if isinstance(event, Committed):
                    self.texts += [s.text.strip() for s in event.segments]
                elif isinstance(event, Backlog):
                    self.max_backlog_s = max(self.max_backlog_s, event.seconds)
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"


class Drafter(threading.Thread):
    """From ``start_after_s`` on, drafts a SOAP note from the transcript so far, repeatedly."""

    def __init__(self, writer: Any, template: Any, live: Live, start_after_s: float) -> None:
        super().__init__(name="drafter", daemon=True)
        self.writer, self.template = writer, template
        self.live, self.start_after_s = live, start_after_s
        self.cancel = CancelToken()
        self.totals: list[float] = []
        self.chunks = 0
        self.error = ""

    def run(self) -> None:
        from desktop.notes.base import DraftRequest
        from desktop.notes.drafting import draft_job

        if self.cancel.wait(self.start_after_s):
            return
        try:
            while not self.cancel.is_cancelled():
                text = " ".join(self.live.texts) or "The patient reports a cough."
                started = time.monotonic()
                request = DraftRequest(transcript=text, template=self.template, note_language="en")
                for item in draft_job(self.writer, request, cancel=self.cancel):
                    self.chunks += isinstance(item, str)
                if not self.cancel.is_cancelled():
                    self.totals.append(time.monotonic() - started)
                self.cancel.wait(2.0)  # the doctor reads it, then asks again
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"


def _children_peak_mb() -> float:
    """Peak resident memory of this process's children (the note server), from /proc."""
    peak = 0.0
    me = str(os.getpid())
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == me and "VmHWM" in fields:
            peak = max(peak, int(fields["VmHWM"].split()[0]) / 1024)
    return round(peak, 1)


def _make_backends(args: argparse.Namespace, paths: AppPaths) -> tuple[Any, Any]:
    from dataclasses import replace

    from desktop.asr.registry import create_transcriber
    from desktop.config import NotesSettings, TranscriptionSettings
    from desktop.notes.registry import create_writer

    transcriber = create_transcriber(
        replace(TranscriptionSettings(), backend=args.asr, language="en"), paths=paths
    )
    writer = create_writer(replace(NotesSettings(), preset=args.notes), api_key=None, paths=paths)
    for _ in writer.prepare(CancelToken()):
        pass
    return transcriber, writer


def soak(args: argparse.Namespace) -> dict[str, Any]:
    paths = AppPaths.from_env()
    paths.ensure()
    mic = private_virtual_mic("scribe_soak_mic")  # its own sink: tests may run meanwhile
    os.environ.update(mic.env())
    awake = mic.keep_awake(latency_ms=args.keepalive_ms)
    transcriber, writer = _make_backends(args, paths)
    player = Player(mic, speech_file(args.minutes))
    feed: queue.Queue[Any] = queue.Queue()
    live = Live(transcriber, feed)
    from desktop.notes.templates import find_template, load_templates

    template = find_template(load_templates(user_dir=paths.templates_dir), "soap", "en")
    drafter = Drafter(writer, template, live, start_after_s=min(60.0, args.minutes * 60 / 3))
    workdir = Path(tempfile.mkdtemp(prefix="scribe-soak-"))
    source = MicrophoneSource(measure_callbacks=True)
    recorder = WavRecorder(path=workdir / "soak.wav")
    player.start()
    live.start()
    drafter.start()
    gen = capture(source=source, recorder=recorder, feed=feed, cancel=CancelToken())
    summary: CaptureSummary | None = None
    started = time.monotonic()
    max_feed = 0
    try:
        while summary is None:
            try:
                status = next(gen)
            except StopIteration as stop:
                summary = stop.value
                break
            max_feed = max(max_feed, feed.qsize())
            if status.seconds >= args.minutes * 60:
                source.stop()
    finally:
        stopped = time.monotonic()
        drafter.cancel.cancel()
        player.stop()
        awake.terminate()
        awake.wait(timeout=10)
        release(mic)
    live.join()
    catch_up_s = time.monotonic() - stopped
    drafter.join(timeout=60)
    server_peak_mb = _children_peak_mb()
    close = getattr(writer, "close", None)
    if close is not None:
        close()
    with wave.open(str(recorder.path)) as w:
        on_disk = w.getnframes()
    rate = source.stream_rate
    block = source.callback_frames / max(1, source.callbacks)
    # Steady state (after the first callbacks, which deliver what was buffered while the
    # stream started): frames delivered vs the time they took, by the callbacks' own clock.
    # Between the warm-up block and the last one, by PortAudio's capture timestamps (the
    # callbacks' own perf_counter() times also hold waits for the GIL and bursts).
    steady_captured = source.callback_frames - source.warm_frames
    steady_expected = rate * (source.last_adc - source.warm_adc)
    converted = -(-source.frames_in * 16_000 // rate)
    return {
        "minutes": args.minutes,
        "keepalive_ms": args.keepalive_ms,
        "wall_s": round(stopped - started, 1),
        "device": source.description,
        "device_rate": rate,
        "device_channels": source.stream_channels,
        "input_overflows": source.overflows,
        "longest_callback_ms": round(source.longest_callback_s * 1000, 3),
        "callbacks": source.callbacks,
        "callbacks_over_5ms": source.slow_callbacks,
        "mean_block_frames": round(block, 1),
        "device_frames_captured": source.callback_frames,
        "steady_frames_captured": steady_captured,
        "steady_frames_expected": round(steady_expected),
        "steady_frames_difference": round(steady_captured - steady_expected, 1),
        "within_one_block": abs(steady_captured - steady_expected) <= block,
        "device_clock_offset_ppm": round(
            (steady_captured / steady_expected - 1) * 1e6 if steady_expected else 0.0, 1
        ),
        "startup_burst_frames": round(
            source.warm_frames - rate * (source.warm_at - source.first_callback_at)
        ),
        "frames_16k_recorded": summary.frames if summary else None,
        "frames_16k_converted": converted,
        "frames_16k_on_disk": on_disk,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "note_server_peak_rss_mb": server_peak_mb,
        "feed_peak_blocks": max_feed,
        "transcriber": args.asr,
        "transcript_segments": len(live.texts),
        "transcript_words": sum(len(t.split()) for t in live.texts),
        "max_backlog_s": round(live.max_backlog_s, 1),
        "catch_up_after_stop_s": round(catch_up_s, 1),
        "notes_backend": getattr(writer, "name", args.notes),
        "drafts_completed": len(drafter.totals),
        "draft_chunks_streamed": drafter.chunks,
        "mean_draft_s": round(sum(drafter.totals) / len(drafter.totals), 1)
        if drafter.totals
        else None,
        "speech_plays": player.plays,
        "errors": [e for e in (live.error, drafter.error) if e],
        "cpu_count": os.cpu_count(),
        "loadavg_1min_at_end": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--notes", default="builtin", help="note backend preset (builtin, fake)")
    parser.add_argument("--asr", default="local", help="transcription backend (local, fake)")
    parser.add_argument(
        "--keepalive-ms", type=int, default=20, help="latency of the silence keeping the sink awake"
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = soak(args)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
