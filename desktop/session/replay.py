"""Replay audio through exactly the live pipeline, as if it came from the microphone.

Used by ``scribe transcribe --live`` and by ``bench/live_transcript.py``.

Threads: the caller's thread runs ``LiveTranscription.run``; one plain daemon thread (started
here, because the CLI and benchmarks have no Qt and so no ``desktop.session.workers``) replays the
file into the feed queue at ``speed`` × real time and puts ``None`` when the file ends.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from desktop.asr.base import Committed, Segment, Transcriber, Transcript
from desktop.asr.streaming import Event, LiveTranscription
from desktop.audio.file_source import FileSource
from desktop.cancel import CancelToken
from desktop.pcm import Audio

EventFn = Callable[[Event], None]
FeedFn = Callable[[float], None]  # seconds of audio put on the feed so far


def replay(
    audio: Audio,
    *,
    transcriber: Transcriber,
    language: str,
    vocabulary: tuple[str, ...] = (),
    speed: float = 1.0,
    on_event: EventFn | None = None,
    on_feed: FeedFn | None = None,
    cancel: CancelToken | None = None,
    quick_finals: bool = True,
) -> Transcript:
    """Return the committed transcript once the whole file has been replayed and drained."""
    token = CancelToken()
    if cancel is not None:
        cancel.on_cancel(token.cancel)
    feed: queue.Queue[Audio | None] = queue.Queue()
    source = FileSource(audio=audio, speed=speed, description="replay")
    token.on_cancel(source.stop)

    def pump() -> None:
        fed = 0
        try:
            for block in source.blocks(token):
                feed.put(block)
                fed += len(block)
                if on_feed is not None:
                    on_feed(fed / 16_000)
        finally:
            feed.put(None)  # Stop: the live transcription drains and finishes

    thread = threading.Thread(target=pump, name="scribe-replay", daemon=True)
    live = LiveTranscription(
        transcriber=transcriber,
        language=language,
        vocabulary=vocabulary,
        quick_finals=quick_finals,
    )
    segments: list[Segment] = []
    detected = ""
    thread.start()
    try:
        for event in live.run(feed, token):
            if isinstance(event, Committed):
                segments.extend(event.segments)
                detected = detected or event.language
            if on_event is not None:
                on_event(event)
    finally:
        token.cancel()  # stops the pump if we leave early (error, Ctrl+C)
        thread.join(timeout=5)
    return Transcript(tuple(segments), live.language or detected or language)
