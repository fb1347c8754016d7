"""How fast the bundled Whisper decodes live-sized pieces with 1, 2, ... CPU threads.

    python bench/decode_threads.py AUDIO [--threads 1 2 4] [--pieces 24] [--json-out FILE]

Cuts AUDIO into consecutive 4 s pieces, each heard after the 6 s before it (as a live final
is), and decodes every piece as a greedy partial and as a beam-5 final, with the model loaded
at each thread count in turn. Prints one JSON object: CPU and wall seconds per kind and count.
``desktop.asr.whisper_device.decode_threads`` was chosen from this on 2 cores; measure again on a
machine with more cores before changing it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.asr import whisper_window  # noqa: E402
from desktop.asr.base import SAMPLE_RATE  # noqa: E402
from desktop.asr.locator import locate_model  # noqa: E402
from desktop.audio.file_source import read_audio  # noqa: E402
from desktop.paths import AppPaths  # noqa: E402

PIECE_S, CONTEXT_S = 4, 6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pieces", type=int, default=24)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()

    from faster_whisper import WhisperModel

    audio = read_audio(args.audio)
    folder = locate_model("bundled", paths=AppPaths.from_env()).path
    starts = range(CONTEXT_S, len(audio) // SAMPLE_RATE - PIECE_S, PIECE_S)
    pieces = [
        (
            audio[(s - CONTEXT_S) * SAMPLE_RATE : s * SAMPLE_RATE],
            audio[s * SAMPLE_RATE :][: PIECE_S * SAMPLE_RATE],
        )
        for s in list(starts)[: args.pieces]
    ]
    result: dict[str, object] = {"audio": args.audio.name, "pieces": len(pieces)}
    result["cores"] = os.cpu_count()
    said: list[str] = []
    for threads in args.threads:
        model = WhisperModel(folder, device="cpu", compute_type="int8", cpu_threads=threads)
        if not said:  # what each context says (its text ends the prompt, as live)
            said = [whisper_window.decode(model, c, language="en").text for c, _p in pieces]
        whisper_window.decode(model, pieces[0][1], language="en")  # warm up
        for kind, beam in (("partial", 1), ("final", 5)):
            cpu, wall = time.process_time(), time.monotonic()
            for (context, piece), context_text in zip(pieces, said, strict=True):
                whisper_window.decode(
                    model,
                    piece,
                    language="en",
                    beam_size=beam,
                    timestamps=True,
                    min_window_s=10 if beam > 1 else whisper_window.MIN_WINDOW_S,
                    context=context,
                    context_text=context_text,
                )
            result[f"{kind}_threads_{threads}"] = {
                "cpu_s": round(time.process_time() - cpu, 2),
                "wall_s": round(time.monotonic() - wall, 2),
            }
    text = json.dumps(result, indent=2)
    if args.json_out:
        args.json_out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
