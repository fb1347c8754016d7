"""``scribe transcribe AUDIO``: print the transcript of an audio file.

Offline by default (the bundled model, joined on first use with progress on stderr). ``--live``
replays the file through exactly the live pipeline (the doctor's microphone path), paced at
``--speed`` × real time, and prints the committed transcript.

Threads: the main thread runs the transcription; with ``--live`` one plain thread replays the
file into the feed queue (the CLI has no Qt, so it does not use ``desktop.session.workers``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from desktop.asr.base import DecodeOptions, Segment, Transcript
from desktop.cli.settings_file import load_and_tell
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths
from desktop.pcm import SAMPLE_RATE
from desktop.progress import JOINING_SPEECH_MODEL, Progress
from desktop.urls import refuse_if_not_local

HELP = "Print the transcript of an audio file (any common format)."
LANGUAGES = ("auto", "en", "fr")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("audio", type=Path, metavar="AUDIO", help="audio file (WAV, MP3, M4A...)")
    parser.add_argument("--language", choices=LANGUAGES, help="spoken language (default: auto)")
    parser.add_argument(
        "--model", help='speech model: "bundled", a model folder, or a hub name (needs internet)'
    )
    parser.add_argument("--json", action="store_true", help="print segments with start/end as JSON")
    parser.add_argument(
        "--live", action="store_true", help="replay the file through the live pipeline"
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="X",
        help="with --live: replay at X times real time (default 1; 0 = as fast as possible)",
    )


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.asr.registry import create_transcriber
    from desktop.audio.file_source import load_audio

    settings = _settings(args, paths)
    read = load_audio(args.audio)  # bad files fail here, before any model work
    audio = read.audio
    if read.damage:  # a truncated file: what is there is transcribed
        print(f"scribe: {read.damage}", file=sys.stderr)
    progress = _ProgressPrinter(sys.stderr)
    transcriber = create_transcriber(settings, paths=paths, progress=progress)
    progress.done()
    if args.live:
        from desktop.session.replay import replay

        transcript = replay(
            audio,
            transcriber=transcriber,
            language=settings.language,
            vocabulary=settings.vocabulary,
            speed=max(0.0, args.speed),
        )
    else:
        language: str | None = settings.language
        if language == "auto":
            from desktop.asr.language_lock import pick_language

            language = pick_language(transcriber, audio)  # English or French
        prompt = ", ".join(settings.vocabulary)
        transcript = transcriber.transcribe(
            audio, DecodeOptions(language=language, prompt=prompt, hotwords=settings.vocabulary)
        )
    _print(transcript, as_json=args.json, out=sys.stdout)
    if not transcript.text.strip():
        seconds = len(audio) / SAMPLE_RATE
        print(
            f"scribe: No speech was heard in {args.audio.name} ({seconds:.1f} s of audio).",
            file=sys.stderr,
        )
    return 0


def _settings(args: argparse.Namespace, paths: AppPaths) -> TranscriptionSettings:
    everything = load_and_tell(paths)
    settings = everything.transcription
    if settings.backend == "remote" and not args.model:  # "local only" holds here too
        refuse_if_not_local(everything.privacy.local_only, settings.remote_url)
    if args.model:
        settings = replace(settings, backend="local", model=args.model)
    if args.language:
        settings = replace(settings, language=args.language)
    if settings.language not in LANGUAGES:
        settings = replace(settings, language="auto")
    return settings


def _print(transcript: Transcript, *, as_json: bool, out: TextIO) -> None:
    if as_json:
        payload = {
            "language": transcript.language,
            "text": transcript.text,
            "segments": [_segment_dict(s) for s in transcript.segments],
        }
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(transcript.text + "\n")


def _segment_dict(segment: Segment) -> dict[str, object]:
    return {"start": segment.start, "end": segment.end, "text": segment.text.strip()}


class _ProgressPrinter:
    """Shows the first-run join of the bundled model as a percentage on stderr."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._last = -1
        self._shown = False

    def __call__(self, progress: Progress) -> None:
        if progress.stage != JOINING_SPEECH_MODEL or progress.fraction < 0:
            return
        percent = int(progress.fraction * 100)
        if percent == self._last:
            return
        self._last = percent
        self._shown = True
        self._out.write(f"\rPreparing the speech model (first use)… {percent:3d} %")
        self._out.flush()

    def done(self) -> None:
        if self._shown:
            self._out.write("\n")
            self._out.flush()
