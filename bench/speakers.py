"""Who said what: word-level speaker accuracy, DER and CPU of the speaker labelling.

    python bench/speakers.py --json-out FILE [--gaps 0.3 0.8] [--live-impact]

Consultations are built from real recordings of different people in ``../shared/data/audio``
(espeak voices all sound like one speaker to the encoder, so they are useless here):

- A: the English reader of ``multilingual_en_de_16k_mono.wav`` (0–29 s), B: its German reader
  (31–60 s), K: J. F. Kennedy (``jfk_16k_mono.wav``), L and R: the two readers of
  ``stereo_diarization_{left,right}_16k.wav``.
- Each speaker's turns (phrases cut at the pauses Silero finds, joined with their pauses until a
  turn lasts ``--turn-s``, 1.5 s by default) alternate, doctor first, with ``--gaps`` seconds
  of silence between turns. The doctor's enrolment is a separate stretch of the same voice
  (A: 0–14.7 s, B: 31–44.5 s; 13.5–15 s, shorter than the 25 s the app asks for).

Each consultation goes through exactly the live pipeline (``session.replay``: Silero VAD, the
bundled Whisper base, finals as committed), then each committed utterance through the app's
labeller (``SpeakerLabeller.label`` then ``speaker_turns.labelled_segments``: what the labelling
worker does), with and without the doctor's enrolled voice. Measures:

- word_accuracy: each word of the reference transcript (each turn's piece transcribed alone,
  offline, labelled with its true speaker) aligned (difflib) to the labelled live words; the share
  of aligned words whose label names the right role. With enrolment doctor→doctor,
  patient→patient, "speaker 3+"→the third voice; without, the best assignment of Speaker 1/2 to
  the roles (the doctor's one click "Speaker N is the doctor"). words_aligned: the share aligned.
- der: diarization error rate over 10 ms frames of the reference speech (missed + confusion +
  false alarm) / reference speech, the labeller's turns as hypothesis, same role mapping.
- cpu_s_per_audio_s: thread CPU of the labelling (one BLAS thread, as in the app) per second.
- stereo_diarization: the overlapped mix of the two readers, the channels' energy as reference
  (frames where both speak count right with either label): DER without enrolment.
- --live-impact: one consultation replayed at real time twice, without and with the labelling
  worker (``label_turns`` on its own thread, nice +10, as the app runs it): final latency (end of
  an utterance's audio → its Committed event) p50/p95 and process CPU.
Load average is recorded beside the figures.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import os
import queue
import re
import sys
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.asr.base import Committed, DecodeOptions, Segment  # noqa: E402
from desktop.asr.vad import Segmenter, SileroDetector, VadPolicy  # noqa: E402
from desktop.asr.whisper_local import LocalWhisper  # noqa: E402
from desktop.cancel import CancelToken  # noqa: E402
from desktop.config import TranscriptionSettings  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.session.replay import replay  # noqa: E402
from desktop.session.speaker_turns import Job, label_turns, labelled_segments  # noqa: E402
from desktop.speakers.encoder import installed_encoder  # noqa: E402
from desktop.speakers.labeller import SpeakerLabeller, Turn  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "audio"
if not DATA.is_dir():
    DATA = Path("/work/shared/data/audio")
RATE = 16_000
FRAME = 160  # 10 ms


def read(name: str) -> np.ndarray:
    with wave.open(str(DATA / name)) as w:
        pcm = w.readframes(w.getnframes())
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768


def pieces(audio: np.ndarray, start: float, end: float, turn_s: float) -> list[np.ndarray]:
    """Turns cut from audio[start:end]: the phrases Silero finds (pauses of 0.2 s and more),
    consecutive ones joined, with the pauses between them, until a turn lasts ``turn_s``."""
    part = audio[int(start * RATE) : int(end * RATE)]
    segmenter = Segmenter(detector=SileroDetector(), policy=VadPolicy(min_silence_s=0.2))
    found = segmenter.push(part)
    last = segmenter.flush()
    found += [last] if last else []
    turns: list[np.ndarray] = []
    first = None
    for u in found:
        first = u.start if first is None else first
        if u.end - first >= turn_s * RATE:
            turns.append(part[first : u.end])
            first = None
    if first is not None and found:
        turns.append(part[first : found[-1].end])
    return turns


@dataclass
class Voice:
    name: str
    phrases: list[np.ndarray]
    enrolment: np.ndarray | None = None


def voices(turn_s: float) -> dict[str, Voice]:
    multi, jfk = read("multilingual_en_de_16k_mono.wav"), read("jfk_16k_mono.wav")
    left = read("stereo_diarization_left_16k.wav")
    right = read("stereo_diarization_right_16k.wav")
    return {
        "A": Voice("A", pieces(multi, 14.8, 29.3, turn_s), multi[: int(14.7 * RATE)]),
        "B": Voice(
            "B", pieces(multi, 44.6, 60.0, turn_s), multi[int(30.9 * RATE) : int(44.5 * RATE)]
        ),
        "K": Voice("K", pieces(jfk, 0.0, 11.0, turn_s)),
        "L": Voice("L", pieces(left, 0.0, 5.0, turn_s)),
        "R": Voice("R", pieces(right, 0.0, 5.0, turn_s)),
    }


CASES = {  # name: (doctor, patient, third voice or "")
    "A-doctor/K-patient": ("A", "K", ""),
    "B-doctor/K-patient": ("B", "K", ""),
    "A-doctor/B-patient": ("A", "B", ""),
    "B-doctor/A-patient": ("B", "A", ""),
    "A-doctor/L-patient/R-third": ("A", "L", "R"),
}


@dataclass
class Piece:
    role: str  # D, P, T
    start: int  # sample
    audio: np.ndarray


def build(case: tuple[str, str, str], vs: dict[str, Voice], gap: float) -> list[Piece]:
    doctor, patient, third = case
    order = [("D", vs[doctor].phrases), ("P", vs[patient].phrases)]
    if third:
        order.append(("T", vs[third].phrases))
    out: list[Piece] = []
    pos = 0
    for i in range(max(len(p) for _r, p in order)):
        for role, phrases in order:
            if i < len(phrases):
                out.append(Piece(role, pos, phrases[i]))
                pos += len(phrases[i]) + int(gap * RATE)
    return out


def mixdown(parts: list[Piece], gap: float) -> np.ndarray:
    total = parts[-1].start + len(parts[-1].audio) + int(gap * RATE)
    audio = np.zeros(total, dtype=np.float32)
    for p in parts:
        audio[p.start : p.start + len(p.audio)] = p.audio
    return audio


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def reference_words(model: LocalWhisper, parts: list[Piece]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for p in parts:
        text = model.transcribe(p.audio, DecodeOptions(language="en")).text
        out += [(w, p.role) for w in words_of(text)]
    return out


ENROLLED_ROLES = {"doctor": "D", "patient": "P", "speaker 3": "T", "speaker 4": "T"}


def mappings(labels: set[str], enrolled: bool) -> list[dict[str, str]]:
    if enrolled:
        return [ENROLLED_ROLES]
    keys = sorted(labels)
    roles = ["D", "P", "T"]
    return [dict(zip(keys, perm, strict=True)) for perm in itertools.permutations(roles, len(keys))]


def word_accuracy(
    ref: list[tuple[str, str]], hyp: list[tuple[str, str]], enrolled: bool
) -> tuple[float, float]:
    matcher = difflib.SequenceMatcher(a=[w for w, _ in ref], b=[w for w, _ in hyp], autojunk=False)
    pairs = [
        (ref[b.a + k][1], hyp[b.b + k][1])
        for b in matcher.get_matching_blocks()
        for k in range(b.size)
    ]
    if not pairs:
        return 0.0, 0.0
    best = max(
        sum(m.get(h, "?") == r for r, h in pairs) for m in mappings({h for _, h in pairs}, enrolled)
    )
    return best / len(pairs), len(pairs) / max(len(ref), 1)


def frames_of(n: int) -> int:
    return n // FRAME


def der(ref_frames: np.ndarray, turns: list[Turn], enrolled: bool, total_frames: int) -> float:
    """ref_frames: per 10 ms frame, "" (silence), a role, or "DP" (both speak)."""
    hyp = np.full(total_frames, "", dtype=object)
    for t in turns:
        hyp[int(t.start * 100) : int(t.end * 100)] = t.speaker
    speech = np.array([bool(r) for r in ref_frames])
    best = None
    for m in mappings({t.speaker for t in turns}, enrolled):
        mapped = np.array([m.get(h, "?") if h else "" for h in hyp], dtype=object)
        missed = np.sum(speech & (mapped == ""))
        false_alarm = np.sum(~speech & (mapped != ""))
        confused = sum(1 for r, h in zip(ref_frames, mapped, strict=True) if r and h and h not in r)
        value = (missed + false_alarm + confused) / max(int(speech.sum()), 1)
        best = value if best is None else min(best, value)
    return float(best if best is not None else 1.0)


def label_all(committed: list[Committed], doctor: np.ndarray | None) -> tuple[list, list, float]:
    from threadpoolctl import threadpool_limits

    labeller = SpeakerLabeller(encoder=installed_encoder(), doctor=doctor)
    segments: list[Segment] = []
    turns: list[Turn] = []
    cpu = 0.0
    with threadpool_limits(limits=1, user_api="blas"):
        for event in committed:
            t0 = time.thread_time()
            assert event.audio is not None
            event_turns = labeller.label(event.audio, event.audio_start_s)
            cpu += time.thread_time() - t0
            turns += event_turns
            segments += labelled_segments(event.segments, event_turns)
    return segments, turns, cpu


def run_case(model: LocalWhisper, parts: list[Piece], gap: float, enrol: np.ndarray) -> dict:
    audio = mixdown(parts, gap)
    committed: list[Committed] = []
    replay(
        audio,
        transcriber=model,
        language="en",
        speed=0.0,
        on_event=lambda e: committed.append(e) if isinstance(e, Committed) else None,
    )
    ref = reference_words(model, parts)
    total = frames_of(len(audio))
    ref_frames = np.full(total, "", dtype=object)
    for p in parts:
        ref_frames[frames_of(p.start) : frames_of(p.start + len(p.audio))] = p.role
    result: dict[str, Any] = {"audio_s": round(len(audio) / RATE, 1), "turns": len(parts)}
    doctor = installed_encoder().embed(enrol)
    for name, voice in (("enrolled", doctor), ("not_enrolled", None)):
        segments, turns, cpu = label_all(committed, voice)
        hyp = [(w, s.speaker or "?") for s in segments for w in words_of(s.text)]
        accuracy, aligned = word_accuracy(ref, hyp, voice is not None)
        result[name] = {
            "word_accuracy": round(accuracy, 4),
            "words_aligned": round(aligned, 3),
            "der": round(der(ref_frames, turns, voice is not None, total), 4),
            "cpu_s_per_audio_s": round(cpu / (len(audio) / RATE), 4),
        }
    return result


def stereo() -> dict[str, Any]:
    mix = read("stereo_diarization_mix_16k_mono.wav")
    left = read("stereo_diarization_left_16k.wav")
    right = read("stereo_diarization_right_16k.wav")
    n = frames_of(len(mix))

    def active(channel: np.ndarray) -> np.ndarray:
        frames = channel[: n * FRAME].reshape(n, FRAME)
        level = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-10)
        return level > np.percentile(level, 95) - 30

    on_left, on_right = active(left), active(right)
    ref = np.array(
        [("D" if a else "") + ("P" if b else "") for a, b in zip(on_left, on_right, strict=True)],
        dtype=object,
    )
    segmenter = Segmenter(detector=SileroDetector())
    found = segmenter.push(mix)
    last = segmenter.flush()
    found += [last] if last else []
    labeller = SpeakerLabeller(encoder=installed_encoder())
    turns = [t for u in found for t in labeller.label(u.audio, u.start / RATE)]
    overlap = float(np.mean(on_left & on_right) / max(np.mean(on_left | on_right), 1e-9))
    return {
        "audio_s": round(len(mix) / RATE, 1),
        "overlap_share_of_speech": round(overlap, 3),
        "turns_found": [(round(t.start, 2), round(t.end, 2), t.speaker) for t in turns],
        "der_not_enrolled": round(der(ref, turns, False, n), 4),
    }


def live_impact(model: LocalWhisper, parts: list[Piece], gap: float) -> dict[str, Any]:
    audio = mixdown(parts, gap)
    out: dict[str, Any] = {"audio_s": round(len(audio) / RATE, 1)}
    out["without_labelling"] = live_run(model, audio, with_speakers=False)
    out["with_labelling"] = live_run(model, audio, with_speakers=True)
    return out


def live_run(model: LocalWhisper, audio: np.ndarray, *, with_speakers: bool) -> dict[str, Any]:
    """Replay at real time; with the labelling worker on its own thread as the app runs it."""
    fed = [0.0]
    latencies: list[float] = []
    jobs: queue.Queue[Job | None] = queue.Queue()
    labelled: list[Any] = []

    def make() -> SpeakerLabeller:
        return SpeakerLabeller(encoder=installed_encoder())

    def work() -> None:
        labelled.extend(label_turns(jobs, make, cancel=CancelToken()))

    worker = threading.Thread(target=work, name="bench-speakers", daemon=True)
    if with_speakers:
        worker.start()

    def on_event(event: Any) -> None:
        if isinstance(event, Committed) and event.audio is not None:
            latencies.append(fed[0] - (event.audio_start_s + len(event.audio) / RATE))
            if with_speakers:
                jobs.put(Job("bench", event))

    def on_feed(seconds: float) -> None:
        fed[0] = seconds

    cpu0 = time.process_time()
    replay(audio, transcriber=model, language="en", speed=1.0, on_event=on_event, on_feed=on_feed)
    jobs.put(None)
    if with_speakers:
        worker.join(timeout=60)
    return {
        "final_latency_p50_s": round(float(np.percentile(latencies, 50)), 3),
        "final_latency_p95_s": round(float(np.percentile(latencies, 95)), 3),
        "cpu_s_per_audio_s": round((time.process_time() - cpu0) / (len(audio) / RATE), 3),
        "utterances_labelled": len(labelled),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--gaps", type=float, nargs="+", default=[0.3, 0.8])
    parser.add_argument("--live-impact", action="store_true")
    parser.add_argument(
        "--turn-s",
        type=float,
        default=1.5,
        help="shortest turn: phrases are joined up to this (0: every phrase is a turn)",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    settings = TranscriptionSettings(model="bundled", device="cpu")
    model = LocalWhisper.from_settings(settings, paths=AppPaths.from_env())
    vs = voices(args.turn_s)
    result: dict[str, Any] = {"turn_s": args.turn_s, "cases": {}}
    for gap in args.gaps:
        for name, case in CASES.items():
            parts = build(case, vs, gap)
            enrol = vs[case[0]].enrolment
            assert enrol is not None
            result["cases"][f"{name} gap {gap}s"] = run_case(model, parts, gap, enrol)
            print(name, gap, json.dumps(result["cases"][f"{name} gap {gap}s"]), flush=True)
    two = [v for k, v in result["cases"].items() if "third" not in k]
    for key in ("enrolled", "not_enrolled"):
        result[f"two_speakers_{key}_word_accuracy_mean"] = round(
            float(np.mean([c[key]["word_accuracy"] for c in two])), 4
        )
        result[f"two_speakers_{key}_der_mean"] = round(
            float(np.mean([c[key]["der"] for c in two])), 4
        )
        result[f"{key}_cpu_s_per_audio_s_max"] = max(
            c[key]["cpu_s_per_audio_s"] for c in result["cases"].values()
        )
    result["stereo_diarization"] = stereo()
    if args.live_impact:
        parts = build(CASES["A-doctor/K-patient"], vs, 0.3)
        result["live_impact"] = live_impact(model, parts, 0.3)
    result["load_average_before"] = [round(x, 2) for x in load_before]
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    args.json_out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: v for k, v in result.items() if k != "cases"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
