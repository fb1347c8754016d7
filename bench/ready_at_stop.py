"""Ready at Stop: how long after Stop the final transcript, the note's first words and the whole
note are there, and how good the final transcript is (issue 20).

    .venv/bin/python bench/ready_at_stop.py AUDIO --json-out FILE [--plain] [--language en]
                     [--offline-cache FILE] [--shifts 0.05,0.3] [--server-args "..."]
                     [--no-second-pass] [--own-threads] [--no-repair]

Replays AUDIO at real-time pace through the live pipeline (``desktop.session.replay``) with the
second pass and pre-reading into the built-in note server (and with ``--plain`` without either:
today's path), "presses Stop" when the file ends, then drafts the SOAP note as Draft on Stop does
(``session.repair.draft_and_repair`` on the built-in model, started before the recording in both
modes: the draft streams, then its repair before display; ``--no-repair``: the draft alone).
Writes one JSON object:
- stop_to_transcript_final_s, stop_to_first_words_s, stop_to_note_complete_s (the draft has
  streamed), stop_to_note_checked_s (its repair is over too), from the moment the last audio block
  was fed; the note itself, its streamed chunks (about one token each) and the repairs made;
- final_wer_vs_offline: the final transcript against an offline pass (beam 5, VAD, word times);
  offline_shifted_wer_mean: that offline pass against offline passes of the audio started
  ``--shifts`` seconds later (as bench/live_transcript.py; what equally good passes differ by);
- live partial/final latency p50/p95 (as bench/live_transcript.py) and the app's CPU s per audio
  s, with the second pass running; the note server's CPU during the visit (pre-reading);
- peak RSS of this process (the app's side) and of the note server; load average before/after;
- pre_reads: how many were sent, and the tokens the draft reused (from the server's log).
The offline passes are slow on long audio: ``--offline-cache`` keeps them for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.comparable import comparable  # noqa: E402
from bench.draft import timed  # noqa: E402
from bench.live_transcript import Probe, _mean, _wer, latencies, offline_words, pct  # noqa: E402
from desktop.asr.base import SAMPLE_RATE, Backlog, Committed, DecodeOptions, Segment  # noqa: E402
from desktop.asr.whisper_local import LocalWhisper  # noqa: E402
from desktop.audio.file_source import read_audio  # noqa: E402
from desktop.cancel import CancelToken  # noqa: E402
from desktop.config import TranscriptionSettings  # noqa: E402
from desktop.encounter import Encounter  # noqa: E402
from desktop.notes.base import DraftRequest, Template  # noqa: E402
from desktop.notes.local_server import LocalServerWriter  # noqa: E402
from desktop.notes.pre_read import pre_read_job  # noqa: E402
from desktop.notes.templates import find_template, load_templates  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.session.pre_reading import MIN_NEW_CHARS  # noqa: E402
from desktop.session.repair import draft_and_repair  # noqa: E402
from desktop.session.replay import replay  # noqa: E402
from desktop.session.second_pass import Settled  # noqa: E402


class SecondProbe(Probe):
    """The live probe, whose model can be copied for the second pass (as LocalWhisper's)."""

    def background_copy(self) -> LocalWhisper:
        return self.inner.background_copy()


class PreReader:
    """PreReading's policy without Qt: the settled prefix, sent when MIN_NEW_CHARS new characters
    settled and the live tier is not behind, one request at a time, failures ignored."""

    def __init__(
        self, writer: LocalServerWriter, template: Template, language: str, *, committed: bool
    ) -> None:
        self._writer, self._template, self._language = writer, template, language
        self._committed = committed  # no second pass: the committed text is final
        self._lock = threading.Lock()
        self._encounter = Encounter()
        self._latest = ""
        self._sent = ""
        self.last_sent = ""  # the transcript of the last pre-read
        self.behind = False
        self.sent = 0
        self.failed = 0
        self._wake = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def on_event(self, event: Any) -> None:
        if isinstance(event, Committed):
            with self._lock:
                self._encounter.commit(list(event.segments))
                if self._committed:
                    self._latest = self._encounter.transcript_text
            if self._committed:
                self._wake.set()
        elif isinstance(event, Backlog):
            self.behind = event.seconds > 0

    def on_settled(self, settled: Settled) -> None:
        with self._lock:
            self._encounter.settle(settled.start, settled.end, settled.segments)
            middle = [s for s in self._encounter.segments if (s.start + s.end) / 2 < settled.end]
            self._latest = " ".join(s.text.strip() for s in middle if s.text.strip())
        self._wake.set()

    def stop(self) -> None:
        self._done.set()
        self._wake.set()

    def text(self) -> str:
        """The transcript with every commit and settle applied as it came."""
        with self._lock:
            return self._encounter.transcript_text

    def _run(self) -> None:
        while not self._done.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._done.is_set():
                return
            text = self._latest
            if self.behind or len(text) - len(self._sent) < MIN_NEW_CHARS:
                continue
            request = DraftRequest(text, self._template, self._language)
            try:
                for _ in pre_read_job(self._writer, request, cancel=CancelToken()):
                    pass
                self._sent = text
                self.last_sent = text
                self.sent += 1
            except Exception:
                self.failed += 1


def proc_status(pid: int, key: str) -> int:
    """A /proc/PID/status figure in MB (VmHWM: the peak RSS)."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024
    return 0


def proc_cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def offline_reference(
    model: LocalWhisper, audio: Any, language: str, shifts: list[float], cache: Path | None
) -> dict[str, Any]:
    if cache is not None and cache.exists():
        return dict(json.loads(cache.read_text()))
    words = offline_words(model, audio, language)
    shifted = {
        str(shift): model.transcribe(
            audio[int(shift * SAMPLE_RATE) :], DecodeOptions(language=language)
        ).text
        for shift in shifts
    }
    data = {
        "words": [[w.word, w.start, w.end] for w in words],
        "shifted": shifted,
    }
    if cache is not None:
        cache.write_text(json.dumps(data))
    return data


class Word:
    def __init__(self, word: str, start: float, end: float) -> None:
        self.word, self.start, self.end = word, start, end


def draft_after_stop(
    writer: LocalServerWriter,
    request: DraftRequest,
    segments: tuple[Segment, ...],
    stop_wall: float,
    *,
    repair: bool = True,
) -> dict[str, Any]:
    """The app's path after Stop: the draft streams, then its repair before display
    (``desktop.session.repair``) unless ``repair`` is off."""
    run = timed(
        draft_and_repair(writer, request, segments=segments, cancel=CancelToken(), repair=repair)
    )
    first, drafted, done, result = run.first_words, run.drafted, run.end, run.result
    text, chunks = "".join(run.chunks), len(run.chunks)
    return {
        "stop_to_first_words_s": round((first or done) - stop_wall, 2),
        "stop_to_note_complete_s": round(drafted - stop_wall, 2),
        # the repair before display is over: what the doctor reads is final
        "stop_to_note_checked_s": round(done - stop_wall, 2),
        "note_chunks": chunks,
        "note_chars": len(text),
        "repair_fixed": result.fixed if result else 0,
        "repair_requests": result.asked if result else 0,
        "note": result.text if result else text,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--plain", action="store_true", help="no second pass, no pre-reading")
    parser.add_argument(
        "--no-second-pass",
        action="store_true",
        help="pre-reading of the live text as committed, no second pass (the app with it off)",
    )
    parser.add_argument("--language", default="en", choices=("en", "fr"))
    parser.add_argument("--offline-cache", type=Path)
    parser.add_argument("--shifts", default="0.05,0.3")
    parser.add_argument("--server-args", default="", help="more llama_cpp.server options")
    parser.add_argument("--threads", type=int, default=0, help="note server threads (0: default)")
    parser.add_argument("--no-repair", action="store_true", help="the draft alone, as before")
    parser.add_argument(
        "--own-threads", action="store_true", help="after Stop too, never the idle cores"
    )
    args = parser.parse_args()

    audio = read_audio(args.audio)
    audio_s = len(audio) / SAMPLE_RATE
    # Its own log folder: the note server's log says how much of each prompt it reused, and
    # other runs on this machine write to the default one.
    paths = replace(AppPaths.from_env(), log_dir=Path(tempfile.mkdtemp(prefix="ready-at-stop-")))
    model = LocalWhisper.from_settings(
        TranscriptionSettings(model="bundled", device="cpu"), paths=paths
    )
    template = find_template(load_templates(user_dir=paths.templates_dir), "soap", args.language)
    writer = LocalServerWriter(
        paths=paths, threads=args.threads, extra_args=tuple(shlex.split(args.server_args))
    )
    writer.use_spare_cores(False)  # as the app: a recording is under way
    load_before = os.getloadavg()
    started = time.monotonic()
    for _ in writer.prepare(CancelToken()):
        pass
    server_start_s = time.monotonic() - started
    server_pid = writer.server.pid or 0
    log_offset = writer.server.log_path.stat().st_size

    probe = SecondProbe(model)
    pre = (
        None
        if args.plain
        else PreReader(writer, template, args.language, committed=args.no_second_pass)
    )
    events: list[tuple[float, Any, tuple[float, float]]] = []
    stop_wall = [0.0]

    def on_feed(seconds: float) -> None:
        probe.on_feed(seconds)
        if seconds >= audio_s - 1e-6:
            stop_wall[0] = time.monotonic()

    settled_at: list[tuple[float, float, float]] = []  # (wall, start_s, end_s) of each window

    def on_settled(settled: Any) -> None:
        settled_at.append((time.monotonic(), settled.start, settled.end))
        if pre is not None:
            pre.on_settled(settled)

    def on_event(event: Any) -> None:
        events.append((time.monotonic(), event, probe.tail_cover))
        if pre is not None:
            pre.on_event(event)

    cpu0, server_cpu0 = time.process_time(), proc_cpu_s(server_pid)
    wall0 = time.monotonic()
    transcript = replay(
        audio,
        transcriber=probe,  # type: ignore[arg-type]
        language=args.language,
        on_event=on_event,
        on_feed=on_feed,
        second_pass=not (args.plain or args.no_second_pass),
        on_settled=None if args.plain or args.no_second_pass else on_settled,
    )
    final_wall = time.monotonic()
    live_cpu = time.process_time() - cpu0
    server_cpu_visit = proc_cpu_s(server_pid) - server_cpu0
    if pre is not None:
        pre.stop()
    writer.use_spare_cores(not args.own_threads)  # the recording is over, as in the app
    request = DraftRequest(transcript.text, template, args.language)
    pre_read_text = pre.last_sent if pre is not None else ""
    kept = next(
        (i for i, (a, b) in enumerate(zip(pre_read_text, transcript.text, strict=False)) if a != b),
        min(len(pre_read_text), len(transcript.text)),
    )
    note = draft_after_stop(
        writer, request, transcript.segments, stop_wall[0], repair=not args.no_repair
    )
    server_log = writer.server.log_path.read_text(errors="replace")[log_offset:]
    hits = re.findall(r"Llama.generate: (\d+) prefix-match hit, remaining (\d+) prompt", server_log)
    server_peak = proc_status(server_pid, "VmHWM")
    writer.close()
    load_after = os.getloadavg()
    app_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # before the offline

    reference = offline_reference(
        model,
        audio,
        args.language,
        [float(s) for s in args.shifts.split(",")],
        args.offline_cache,
    )
    words = [Word(*w) for w in reference["words"]]
    off_words = comparable(" ".join(w.word for w in words))
    shifted = [_wer(off_words, comparable(t)) for t in reference["shifted"].values()]
    lat = latencies({"events": events, "wall0": wall0}, words, 1.0)  # type: ignore[arg-type]
    result = {
        "audio": args.audio.name,
        "audio_s": round(audio_s, 1),
        "mode": "plain"
        if args.plain
        else "pre-reading (live text)"
        if args.no_second_pass
        else "second pass + pre-reading",
        "stop_to_transcript_final_s": round(final_wall - stop_wall[0], 2),
        # where that time goes: the live tier's last event, then each window settled after Stop
        "stop_to_live_final_s": round(events[-1][0] - stop_wall[0], 2) if events else None,
        "settled_after_stop": [
            {"at_s": round(t - stop_wall[0], 2), "audio_s": [round(a, 1), round(b, 1)]}
            for t, a, b in settled_at
            if t >= stop_wall[0]
        ],
        "last_settled_before_stop_s": max(
            (round(b, 1) for t, _, b in settled_at if t < stop_wall[0]), default=None
        ),
        **note,
        "final_wer_vs_offline": _wer(off_words, comparable(transcript.text)),
        # the same commits and settles applied as they came (as the app's Encounter does),
        # where ``replay`` applies the settles at the end
        "final_wer_vs_offline_as_applied_live": _wer(off_words, comparable(pre.text()))
        if pre is not None
        else None,
        "offline_shifted_wer_mean": _mean(shifted),
        "offline_shifted_wer": dict(zip(reference["shifted"], shifted, strict=True)),
        "partial_latency_p50_s": pct(lat["partial"], 50),
        "partial_latency_p95_s": pct(lat["partial"], 95),
        "final_latency_p50_s": pct(lat["final"], 50),
        "final_latency_p95_s": pct(lat["final"], 95),
        "app_cpu_s_per_audio_s": round(live_cpu / audio_s, 3),
        "note_server_cpu_s_during_visit": round(server_cpu_visit, 1),
        "peak_rss_app_mb": app_peak,
        "peak_rss_note_server_mb": server_peak,
        "note_server_start_s": round(server_start_s, 1),
        "pre_reads_sent": pre.sent if pre is not None else 0,
        "pre_reads_failed": pre.failed if pre is not None else 0,
        "draft_prompt_tokens_reused": int(hits[-1][0]) if hits else 0,
        # the last pre-read's transcript, and how much of it the final transcript begins with
        "pre_read_transcript_chars": len(pre_read_text),
        "pre_read_chars_still_the_transcripts": kept,
        "pre_read_diverges_at": pre_read_text[max(0, kept - 40) : kept + 40],
        "transcript_there": transcript.text[max(0, kept - 40) : kept + 40],
        "draft_prompt_tokens_read_after_stop": int(hits[-1][1]) if hits else None,
        "note_server_log": str(writer.server.log_path),
        "transcript_chars": len(transcript.text),
        "server_args": args.server_args,
        "note_server_threads": writer.server.threads,
        "idle_cores_after_stop": not args.own_threads,
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in load_after],
    }
    args.json_out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
