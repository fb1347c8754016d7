"""Replay audio through exactly the live pipeline, as if it came from the microphone.

Used by ``scribe transcribe --live`` and by ``bench/live_transcript.py``.

With ``second_pass``, the second pass (``desktop.session.second_pass``) runs beside it as in the
app, and the transcript returned is the settled one.

Threads: the caller's thread runs ``LiveTranscription.run``; one plain daemon thread (started
here, because the CLI and benchmarks have no Qt and so no ``desktop.session.workers``) replays the
file into the feed queue at ``speed`` × real time and puts ``None`` when the file ends; with
``second_pass`` another one runs ``SecondPass.run``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from desktop.asr.base import Backlog, Committed, Transcriber, Transcript
from desktop.asr.streaming import Event, LiveTranscription
from desktop.audio.file_source import FileSource
from desktop.cancel import CancelToken
from desktop.encounter import Encounter
from desktop.pcm import Audio
from desktop.session.second_pass import AudioTape, SecondPass, Settled, TeeFeed

EventFn = Callable[[Event], None]
FeedFn = Callable[[float], None]  # seconds of audio put on the feed so far
SettledFn = Callable[[Settled], None]


def _pump(
    source: FileSource, feed: queue.Queue[Audio | None], token: CancelToken, on_feed: FeedFn | None
) -> None:
    fed = 0
    try:
        for block in source.blocks(token):
            feed.put(block)
            fed += len(block)
            if on_feed is not None:
                on_feed(fed / 16_000)
    finally:
        feed.put(None)  # Stop: the live transcription drains and finishes


class _SecondPassBeside:
    """The second pass run on a plain thread beside the live pipeline, as the app runs it."""

    def __init__(
        self,
        *,
        transcriber: Transcriber,
        language: str,
        vocabulary: tuple[str, ...],
        token: CancelToken,
        on_settled: SettledFn | None,
    ) -> None:
        self.feed = TeeFeed(AudioTape())
        copy = getattr(transcriber, "background_copy", None)
        self._pass = SecondPass(
            tape=self.feed.tape,
            load=copy if callable(copy) else (lambda: transcriber),
            language=None if language == "auto" else language,
            vocabulary=vocabulary,
            live_waiting_s=self.feed.waiting_s,
        )
        self._transcriber = transcriber
        self._token = token
        self._on_settled = on_settled
        self.settled: list[Settled] = []
        self._thread = threading.Thread(target=self._run, name="scribe-second-pass", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for item in self._pass.run(self._token):
            self.settled.append(item)
            if self._on_settled is not None:
                self._on_settled(item)

    def event(self, event: Event) -> None:
        if isinstance(event, Committed):
            self._pass.committed(event.segments, event.language or None)
        elif isinstance(event, Backlog):
            self._pass.live_backlog(event.seconds)

    def apply(self, encounter: Encounter) -> None:
        for item in self.settled:
            encounter.settle(item.start, item.end, item.segments)

    def finish(self) -> None:
        """The live tier is done: the last stretch is settled with its model."""
        self._pass.stop(final=self._transcriber)
        self._thread.join()


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
    second_pass: bool = False,
    on_settled: SettledFn | None = None,
) -> Transcript:
    """Return the committed transcript once the whole file has been replayed and drained (and,
    with ``second_pass``, settled)."""
    token = CancelToken()
    if cancel is not None:
        cancel.on_cancel(token.cancel)
    second = None
    feed: queue.Queue[Audio | None] = queue.Queue()
    if second_pass:
        second = _SecondPassBeside(
            transcriber=transcriber,
            language=language,
            vocabulary=vocabulary,
            token=token,
            on_settled=on_settled,
        )
        feed = second.feed
    source = FileSource(audio=audio, speed=speed, description="replay")
    token.on_cancel(source.stop)

    thread = threading.Thread(
        target=_pump, args=(source, feed, token, on_feed), name="scribe-replay", daemon=True
    )
    live = LiveTranscription(
        transcriber=transcriber,
        language=language,
        vocabulary=vocabulary,
        quick_finals=quick_finals,
    )
    encounter = Encounter()
    detected = ""
    thread.start()
    try:
        for event in live.run(feed, token):
            if isinstance(event, Committed):
                encounter.commit(list(event.segments))
                detected = detected or event.language
            if second is not None:
                second.event(event)
            if on_event is not None:
                on_event(event)
        if second is not None:
            second.finish()
    finally:
        token.cancel()  # stops the pump if we leave early (error, Ctrl+C)
        thread.join(timeout=5)
    if second is not None:
        second.apply(encounter)
    return Transcript(tuple(encounter.segments), live.language or detected or language)
