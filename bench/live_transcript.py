"""Live transcript benchmark: replay a file through the live pipeline at real-time pace.

    python bench/live_transcript.py AUDIO [--seconds S] --json-out FILE [--speed X]
        [--finals quick|full] [--model NAME] [--language auto|en|fr] [--reference TEXTFILE]

Replays AUDIO (or its first S seconds) through exactly the live pipeline (FileSource → feed →
LiveTranscription with the real Silero VAD and the bundled Whisper base), transcribes the same
audio offline with the same model, and writes one JSON object:

- partial_latency_p50_s / _p95_s: a word spoken (its end, from the offline word timestamps) →
  the first event (partial or committed) that shows it.
- final_latency_p50_s / _p95_s: end of an utterance's speech → its Committed event.
- drain_s: Stop (the file ended) → the live transcription returned.
- cpu_s_per_audio_s: process CPU seconds per audio second during the live replay.
- wer_vs_offline: committed live text against the offline transcript; words_live, words_offline.
  WERs compare words as ``bench/comparable.py`` makes them (spellings of the same speech made
  one: "alright"/"all right", "five"/"5", fillers dropped); wer_vs_offline_raw does not.
- wer_offline_rerun: the offline transcript against itself run again.
- wer_offline_shifted (by shift in seconds), _mean, _0_1s: the offline transcript against the
  offline transcripts of the same audio started 0.02-0.5 s later — how far apart equally good
  offline transcripts already are (what wer_vs_offline can be expected to reach on this audio).
  With --reference, wer_offline_shifted_vs_reference_mean is their mean WER against the script.
Machine load (os.getloadavg) is recorded too: the figures mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jiwer
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.comparable import comparable, raw_words  # noqa: E402
from desktop.asr.base import (  # noqa: E402
    SAMPLE_RATE,
    Audio,
    Backlog,
    Committed,
    DecodeOptions,
    Partial,
    Transcript,
)
from desktop.asr.language_lock import pick_language  # noqa: E402
from desktop.asr.whisper_local import LocalWhisper  # noqa: E402
from desktop.audio.file_source import read_audio  # noqa: E402
from desktop.config import TranscriptionSettings  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.session.replay import replay  # noqa: E402

SHIFTS_S = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)  # offline runs on the audio started this much later


@dataclass
class Shown:
    wall: float
    start_s: float  # audio interval the event covers
    end_s: float
    words: set[str]


@dataclass
class Probe:
    """Wraps the transcriber to learn which audio each decode covered, and when."""

    inner: LocalWhisper
    fed_s: float = 0.0
    tail_cover: tuple[float, float] = (0.0, 0.0)
    lock: threading.Lock = field(default_factory=threading.Lock)
    final_cpu: list[float] = field(default_factory=list)  # process CPU s per final decode
    partial_cpu: list[float] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.inner.name

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        cpu = time.process_time()
        try:
            return self.inner.transcribe(audio, options)
        finally:
            self.final_cpu.append(time.process_time() - cpu)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        return self.inner.detect_language(audio)

    def language_probabilities(self, audio: Audio) -> dict[str, float]:
        # Without it, "auto" would weigh through detect_language: not the app's path.
        return self.inner.language_probabilities(audio)

    def guess_tail(
        self,
        audio: Audio,
        *,
        language: str | None,
        prompt: str = "",
        context: Audio | None = None,
        context_text: str = "",
    ) -> str:
        with self.lock:
            end = self.fed_s
        self.tail_cover = (end - len(audio) / SAMPLE_RATE, end)
        cpu = time.process_time()
        try:
            return self.inner.guess_tail(
                audio,
                language=language,
                prompt=prompt,
                context=context,
                context_text=context_text,
            )
        finally:
            self.partial_cpu.append(time.process_time() - cpu)

    def on_feed(self, seconds: float) -> None:
        with self.lock:
            self.fed_s = seconds


def pct(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 3) if values else None


def offline_words(model: LocalWhisper, audio: Audio, language: str | None) -> list[Any]:
    """Offline transcript with word times (the product's offline settings: beam 5, VAD)."""
    segments, _info = model.faster_whisper.transcribe(  # the bench needs the words' own timestamps
        audio, language=language, beam_size=5, vad_filter=True, word_timestamps=True
    )
    return [w for s in segments for w in (s.words or [])]


def run_live(
    model: LocalWhisper, audio: Audio, language: str, speed: float, quick: bool
) -> dict[str, Any]:
    probe = Probe(model)
    events: list[tuple[float, Any, tuple[float, float]]] = []
    stop_wall = [0.0]
    audio_end_s = len(audio) / SAMPLE_RATE

    def on_feed(seconds: float) -> None:
        probe.on_feed(seconds)
        if seconds >= audio_end_s - 1e-6:
            stop_wall[0] = time.monotonic()

    def on_event(event: Any) -> None:
        events.append((time.monotonic(), event, probe.tail_cover))

    cpu0 = time.process_time()
    wall0 = time.monotonic()
    transcript = replay(
        audio,
        transcriber=probe,  # type: ignore[arg-type]
        language=language,
        speed=speed,
        on_event=on_event,
        on_feed=on_feed,
        quick_finals=quick,
    )
    end = time.monotonic()
    return {
        "transcript": transcript,
        "events": events,
        "wall0": wall0,
        "cpu_s": time.process_time() - cpu0,
        "drain_s": end - (stop_wall[0] or end),
        "final_cpu": probe.final_cpu,
        "partial_cpu": probe.partial_cpu,
    }


def latencies(live: dict[str, Any], words: list[Any], speed: float) -> dict[str, list[float]]:
    wall0 = live["wall0"]
    shown: list[Shown] = []
    finals: list[float] = []
    for wall, event, cover in live["events"]:
        if isinstance(event, Partial) and event.text:
            shown.append(Shown(wall, cover[0], cover[1], set(raw_words(event.text))))
        elif isinstance(event, Committed):
            start, stop = event.segments[0].start, event.segments[-1].end
            text = " ".join(s.text for s in event.segments)
            shown.append(Shown(wall, start, stop, set(raw_words(text))))
            inside = [w.end for w in words if start - 0.3 <= w.end <= stop + 0.3]
            speech_end = max(inside) if inside else stop - 0.2
            finals.append(wall - (wall0 + speech_end / speed))
    partial: list[float] = []
    for w in words:
        token = raw_words(w.word)
        spoken = wall0 + w.end / speed
        for s in shown:
            if token and token[0] in s.words and s.start_s - 0.3 <= w.end <= s.end_s + 0.3:
                partial.append(max(0.0, s.wall - spoken))
                break
    return {"partial": partial, "final": finals}


def _wer(reference: list[str], hypothesis: list[str]) -> float | None:
    if not reference:
        return None
    return round(float(jiwer.wer(" ".join(reference), " ".join(hypothesis))), 4)


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 4) if known else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument(
        "--finals",
        choices=("quick", "full"),
        default="quick",
        help="final decodes: the live default (short window) or Whisper's full 30 s window",
    )
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--language", default="auto", choices=("auto", "en", "fr"))
    parser.add_argument("--reference", type=Path, help="text file with the spoken words")
    args = parser.parse_args()

    audio = read_audio(args.audio)
    if args.seconds:
        audio = audio[: int(args.seconds * SAMPLE_RATE)]
    audio_s = len(audio) / SAMPLE_RATE
    settings = TranscriptionSettings(model=args.model, device="cpu")
    model = LocalWhisper.from_settings(settings, paths=AppPaths.from_env())
    load_before = os.getloadavg()

    quick = args.finals == "quick"
    live = run_live(model, audio, args.language, args.speed, quick)
    lang = pick_language(model, audio) if args.language == "auto" else args.language
    cpu0 = time.process_time()
    offline = model.transcribe(audio, DecodeOptions(language=lang))
    offline_cpu = time.process_time() - cpu0
    words = offline_words(model, audio, offline.language)
    rerun = comparable(model.transcribe(audio, DecodeOptions(language=lang)).text)
    shifted = {
        shift: comparable(
            model.transcribe(audio[int(shift * SAMPLE_RATE) :], DecodeOptions(language=lang)).text
        )
        for shift in SHIFTS_S
    }
    lat = latencies(live, words, args.speed)
    live_words = comparable(live["transcript"].text)
    off_words = comparable(offline.text)
    shifted_wer = {shift: _wer(off_words, said) for shift, said in shifted.items()}
    backlogs = [e.seconds for _w, e, _c in live["events"] if isinstance(e, Backlog)]
    result: dict[str, Any] = {
        "audio": args.audio.name,
        "audio_s": round(audio_s, 2),
        "speed": args.speed,
        "finals": args.finals,
        "partial_latency_p50_s": pct(lat["partial"], 50),
        "partial_latency_p95_s": pct(lat["partial"], 95),
        "final_latency_p50_s": pct(lat["final"], 50),
        "final_latency_p95_s": pct(lat["final"], 95),
        "drain_s": round(live["drain_s"], 3),
        "cpu_s_per_audio_s": round(live["cpu_s"] / audio_s, 3),
        "wer_vs_offline": _wer(off_words, live_words),
        "wer_vs_offline_raw": _wer(raw_words(offline.text), raw_words(live["transcript"].text)),
        "wer_offline_rerun": _wer(off_words, rerun),
        "wer_offline_shifted_0_1s": shifted_wer[0.1],
        "wer_offline_shifted": {str(k): v for k, v in shifted_wer.items()},
        "wer_offline_shifted_mean": _mean(list(shifted_wer.values())),
        "words_live": len(live_words),
        "words_offline": len(off_words),
        "words_timed": len(words),
        "words_shown_matched": len(lat["partial"]),
        "utterances": len(lat["final"]),
        "max_backlog_s": max(backlogs, default=0.0),
        "language": live["transcript"].language,
        # CPU seconds of one decode (all its threads): what latency would be on an idle machine
        # is about the 0.5 s pause that ends an utterance plus this divided by the cores used.
        "final_decode_cpu_s_p50": pct(live["final_cpu"], 50),
        "final_decode_cpu_s_p95": pct(live["final_cpu"], 95),
        "partial_decode_cpu_s_p50": pct(live["partial_cpu"], 50),
        "partial_decode_cpu_s_p95": pct(live["partial_cpu"], 95),
        "partials": len(live["partial_cpu"]),
        "offline_cpu_s_per_audio_s": round(offline_cpu / audio_s, 3),
        # The same ratio on a faster or slower moment of a shared machine: live CPU in units of
        # the offline transcription's (this machine's speed moved by up to 40 % within an hour).
        "live_cpu_per_offline_cpu": round(live["cpu_s"] / max(offline_cpu, 1e-6), 2),
        "loadavg_1m_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "cpu_count": os.cpu_count(),
    }
    if args.reference:
        ref_text = re.sub(r"\[\w+\]", " ", args.reference.read_text(encoding="utf-8"))
        ref = comparable(ref_text)
        result["wer_live_vs_reference"] = _wer(ref, live_words)
        result["wer_offline_vs_reference"] = _wer(ref, off_words)
        result["wer_offline_shifted_vs_reference_mean"] = _mean(
            [_wer(ref, v) for v in shifted.values()]
        )
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
