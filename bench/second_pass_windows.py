"""How far from one offline pass a re-transcription by windows lands (issue 20: is a second pass
better than the live text?), without replaying the visit in real time.

    PYTHONPATH=. .venv/bin/python bench/second_pass_windows.py AUDIO.wav --offline-cache C.json \
        --json-out F [--mode windows|resumed] [--prompt-chars 200] [--span-s 45] [--language en]

The reference is the offline pass ``bench/ready_at_stop.py`` caches (``--offline-cache``, made by
a run of it on the same audio), so the figures compare with its ``final_wer_vs_offline`` and
``offline_shifted_wer_mean``.

- ``windows``: the second pass's own windows (``session.second_pass.next_window``: up to 28 s cut
  at pauses; the offline words grouped at 0.5 s pauses stand for the live segments), each decoded
  as the pass does (``LocalWhisper.transcribe``: beam 5, VAD, the settled text before as prompt).
- ``resumed``: an offline pass resumed window by window, as a second pass could run it during a
  visit: faster-whisper decodes ``--span-s`` of audio from where the last accepted segment ended,
  with the text so far as prompt, and only its first window's segments (``Segment.seek``) are
  kept; the last call keeps everything.

Measured (piper consultation, 4 min; offline vs offline 0.037; live text 0.064): windows
0.082-0.096 (prompt 0 / 200 / 600 chars: 0.118 / 0.082-0.096 / 0.110); resumed 0.043-0.070 over
five settings (prompt 300 chars, span 45 s: 0.043 and 0.057 in two runs). The same settings vary
by about 0.015 from run to run (Whisper's temperature fallback samples): repeat before trusting a
difference.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.comparable import comparable  # noqa: E402
from bench.live_transcript import _wer  # noqa: E402
from desktop.asr.base import SAMPLE_RATE, DecodeOptions, Segment  # noqa: E402
from desktop.asr.whisper_local import LocalWhisper  # noqa: E402
from desktop.audio.file_source import read_audio  # noqa: E402
from desktop.config import TranscriptionSettings  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402
from desktop.pcm import Audio  # noqa: E402
from desktop.session.second_pass import last_words, next_window  # noqa: E402

PAUSE_S = 0.5  # offline words this far apart start another stand-in live segment


def stand_in_segments(words: list[list[Any]]) -> list[Segment]:
    """The offline words grouped at pauses: what the live tier would have committed."""
    out: list[Segment] = []
    group: list[list[Any]] = []
    for word in words:
        if group and word[1] - group[-1][2] >= PAUSE_S:
            out.append(Segment(group[0][1], group[-1][2], "".join(w[0] for w in group)))
            group = []
        group.append(word)
    if group:
        out.append(Segment(group[0][1], group[-1][2], "".join(w[0] for w in group)))
    return out


def by_windows(model: LocalWhisper, audio: Audio, words: list[list[Any]], args: Any) -> list[str]:
    segments, done, settled, out = stand_in_segments(words), 0.0, "", []
    while (window := next_window(segments, done, stopped=True)) is not None:
        start, end = window
        options = DecodeOptions(
            language=args.language,
            prompt=last_words(settled, args.prompt_chars),
            beam_size=5,
            vad=True,
            offset_s=start,
        )
        piece = audio[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
        text = model.transcribe(piece, options).text
        out.append(text)
        settled = f"{settled} {text}".strip()
        done = end
    return out


def resumed(model: LocalWhisper, audio: Audio, args: Any) -> list[str]:
    end = len(audio) / SAMPLE_RATE
    at, text_so_far, out = 0.0, "", []
    while at < end - 0.5:
        stop = min(end, at + args.span_s)
        last = stop >= end
        raw, _info = model.faster_whisper.transcribe(
            audio[int(at * SAMPLE_RATE) : int(stop * SAMPLE_RATE)],
            language=args.language,
            initial_prompt=last_words(text_so_far, args.prompt_chars) or None,
            beam_size=5,
            vad_filter=True,
        )
        kept, first = [], None
        for segment in raw:
            first = segment.seek if first is None else first
            if segment.seek != first and not last:
                break  # the first window is done: the next call starts where it ended
            kept.append(segment)
        if not kept:
            at = stop
            continue
        text = " ".join(s.text.strip() for s in kept)
        out.append(text)
        text_so_far = f"{text_so_far} {text}".strip()
        at = end if last else at + kept[-1].end
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    parser.add_argument("--offline-cache", type=Path, required=True)
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--mode", choices=("windows", "resumed"), default="windows")
    parser.add_argument("--prompt-chars", type=int, default=200)
    parser.add_argument("--span-s", type=float, default=45.0)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    audio = read_audio(args.audio)
    reference = json.loads(args.offline_cache.read_text())
    words = reference["words"]
    model = LocalWhisper.from_settings(
        TranscriptionSettings(model="bundled", device="cpu"), paths=AppPaths.from_env()
    )
    started = time.monotonic()
    pieces = (
        by_windows(model, audio, words, args)
        if args.mode == "windows"
        else resumed(model, audio, args)
    )
    result = {
        "audio": args.audio.name,
        "mode": args.mode,
        "prompt_chars": args.prompt_chars,
        "span_s": args.span_s if args.mode == "resumed" else None,
        "calls": len(pieces),
        "wer_vs_offline": _wer(
            comparable(" ".join(w[0] for w in words)), comparable(" ".join(pieces))
        ),
        "seconds": round(time.monotonic() - started, 1),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }
    args.json_out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
