"""Long-visit benchmark: does the live transcript hold up over half an hour and more?

    python bench/live_endurance.py AUDIO [AUDIO ...] --json-out FILE [--copies N] [--speed X]
        [--gap S] [--language en|fr|auto]

Joins the AUDIO files (``--gap`` seconds of silence after each), ``--copies`` times over, and
replays the whole through exactly the live pipeline (``desktop.session.replay``, the real Silero VAD
and the bundled Whisper base). A 4-minute consultation repeated is the same speech heard again
later in the visit, so any drift shows as a difference between copies. One JSON object:

- audio_s, copies, files; cpu_s, wall_s.
- rss_mb_start / _peak / _end, and rss_mb_growth_after_first_copy (end minus the RSS when the
  first copy was committed): memory a long visit keeps.
- quarters: for each quarter of the audio, final_cpu_s_per_audio_s (process CPU between the
  Committed events that end in it, per audio second), words committed, and commit_lag_p50_s /
  _p95_s: wall time from a committed segment's end being fed (at the replay's pace) to its
  Committed event (at ``--speed 1``, how long after the words a doctor sees them settle).
- per_copy: for each file in each copy, the words committed over it and, when a text file with
  the spoken words sits beside the audio (AUDIO with ``.txt``), the WER against it (words as
  ``bench/comparable.py`` makes them).

At ``--speed 1`` (the default) this is a real-time visit: a 32-minute run takes 32 minutes. At
``--speed 8`` it takes a few minutes; the pipeline falls behind and skips partials, as it does on
a slow machine, so the CPU figures are then the finals' and the committed text is the same.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jiwer
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.comparable import comparable  # noqa: E402
from desktop.asr.base import SAMPLE_RATE, Committed, Transcript  # noqa: E402
from desktop.asr.streaming import Event  # noqa: E402
from desktop.asr.whisper_local import LocalWhisper  # noqa: E402
from desktop.audio.file_source import read_audio  # noqa: E402
from desktop.config import TranscriptionSettings  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.session.replay import replay  # noqa: E402


@dataclass(frozen=True)
class Piece:
    file: Path
    copy: int
    start_s: float
    end_s: float


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def build(files: list[Path], copies: int, gap_s: float) -> tuple[np.ndarray, list[Piece]]:
    audios = {f: read_audio(f) for f in files}
    silence = np.zeros(int(gap_s * SAMPLE_RATE), dtype=np.float32)
    parts: list[np.ndarray] = []
    pieces: list[Piece] = []
    at = 0
    for copy in range(copies):
        for f in files:
            a = audios[f]
            pieces.append(Piece(f, copy, at / SAMPLE_RATE, (at + len(a)) / SAMPLE_RATE))
            parts += [a, silence]
            at += len(a) + len(silence)
    return np.concatenate(parts), pieces


def pct(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 2) if values else None


def reference(audio_file: Path) -> list[str] | None:
    text_file = audio_file.with_suffix(".txt")
    if not text_file.exists():
        return None
    return comparable(re.sub(r"\[\w+\]", " ", text_file.read_text(encoding="utf-8")))


@dataclass
class Run:
    transcript: Transcript
    commits: list[tuple[float, float, float]]  # (audio end of a Committed event, CPU, lag)
    cpu0: float
    cpu_s: float
    wall_s: float
    rss: list[float]
    rss_after_first_copy: float | None


def run(audio: np.ndarray, first_copy_end: float, *, language: str, speed: float) -> Run:
    """Replay through the live pipeline, sampling RSS every 5 s and timing every commit."""
    model = LocalWhisper.from_settings(
        TranscriptionSettings(model="bundled", device="cpu"), paths=AppPaths.from_env()
    )
    rss: list[float] = [rss_mb()]
    after_first: list[float] = []
    commits: list[tuple[float, float, float]] = []
    cpu0, wall0 = time.process_time(), time.monotonic()
    done = threading.Event()

    def watch() -> None:
        while not done.wait(5.0):
            rss.append(rss_mb())

    def on_event(event: Event) -> None:
        if isinstance(event, Committed) and event.segments:
            end = event.segments[-1].end
            commits.append((end, time.process_time(), time.monotonic() - wall0 - end / speed))
            if end >= first_copy_end and not after_first:
                after_first.append(rss_mb())

    threading.Thread(target=watch, name="rss", daemon=True).start()
    transcript = replay(audio, transcriber=model, language=language, speed=speed, on_event=on_event)
    cpu_s, wall_s = time.process_time() - cpu0, time.monotonic() - wall0
    done.set()
    rss.append(rss_mb())
    first = after_first[0] if after_first else None
    return Run(transcript, commits, cpu0, cpu_s, wall_s, rss, first)


def quarters(result: Run, audio_s: float) -> list[dict[str, Any]]:
    """CPU, words and commit lag of each quarter of the audio."""
    bounds = np.linspace(0.0, audio_s, 5)
    cpu = [0.0] * 4
    lags: list[list[float]] = [[], [], [], []]
    previous_cpu = result.cpu0
    for end, at_cpu, lag in result.commits:  # the CPU up to a commit goes to what it committed
        q = min(int(np.searchsorted(bounds, end, side="right")) - 1, 3)
        cpu[q] += at_cpu - previous_cpu
        lags[q].append(lag)
        previous_cpu = at_cpu
    rows: list[dict[str, Any]] = []
    for q in range(4):
        lo, hi = float(bounds[q]), float(bounds[q + 1])
        segments = [s for s in result.transcript.segments if lo <= s.start < hi]
        rows.append(
            {
                "from_s": round(lo, 1),
                "to_s": round(hi, 1),
                "final_cpu_s_per_audio_s": round(cpu[q] / (hi - lo), 3),
                "words": sum(len(comparable(s.text)) for s in segments),
                "commit_lag_p50_s": pct(lags[q], 50),
                "commit_lag_p95_s": pct(lags[q], 95),
            }
        )
    return rows


def per_copy(transcript: Transcript, pieces: list[Piece]) -> list[dict[str, Any]]:
    """Words committed over each file of each copy, and their WER against its script."""
    rows: list[dict[str, Any]] = []
    for piece in pieces:
        words = [
            w
            for s in transcript.segments
            if piece.start_s - 0.5 <= s.start < piece.end_s + 0.5
            for w in comparable(s.text)
        ]
        ref = reference(piece.file)
        row: dict[str, Any] = {"file": piece.file.name, "copy": piece.copy, "words": len(words)}
        if ref is not None:
            row["wer_vs_reference"] = round(jiwer.wer(" ".join(ref), " ".join(words)), 4)
        rows.append(row)
    return rows


def headline(result: dict[str, Any]) -> str:
    lines = [
        f"{result['audio_s'] / 60:.1f} min at {result['speed']}x: "
        f"CPU {result['cpu_s_per_audio_s']} per audio s, "
        f"RSS {result['rss_mb_start']} -> {result['rss_mb_end']} MB (peak "
        f"{result['rss_mb_peak']}, growth after the first copy "
        f"{result['rss_mb_growth_after_first_copy']})"
    ]
    for row in result["quarters"]:
        lines.append(
            f"  {row['from_s']:7.1f}-{row['to_s']:7.1f} s: CPU {row['final_cpu_s_per_audio_s']}, "
            f"{row['words']} words, commit lag p50/p95 "
            f"{row['commit_lag_p50_s']}/{row['commit_lag_p95_s']} s"
        )
    for row in result["per_copy"]:
        lines.append(f"  copy {row['copy']} {row['file']}: WER {row.get('wer_vs_reference', '-')}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path, nargs="+")
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--gap", type=float, default=2.0, help="silence after each file (s)")
    parser.add_argument("--language", default="en", choices=("auto", "en", "fr"))
    args = parser.parse_args()

    audio, pieces = build(args.audio, args.copies, args.gap)
    audio_s = len(audio) / SAMPLE_RATE
    first_copy_end = pieces[len(args.audio) - 1].end_s
    done = run(audio, first_copy_end, language=args.language, speed=args.speed)
    growth = None
    if done.rss_after_first_copy is not None:
        growth = round(done.rss[-1] - done.rss_after_first_copy)
    result = {
        "files": [f.name for f in args.audio],
        "copies": args.copies,
        "speed": args.speed,
        "audio_s": round(audio_s, 1),
        "cpu_s": round(done.cpu_s, 1),
        "wall_s": round(done.wall_s, 1),
        "cpu_s_per_audio_s": round(done.cpu_s / audio_s, 3),
        "rss_mb_start": round(done.rss[0]),
        "rss_mb_peak": round(max(done.rss)),
        "rss_mb_end": round(done.rss[-1]),
        "rss_mb_growth_after_first_copy": growth,
        "segments": len(done.transcript.segments),
        "quarters": quarters(done, audio_s),
        "per_copy": per_copy(done.transcript, pieces),
    }
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(headline(result))  # the whole result is in the JSON file
    print(f"written to {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
