"""A recording under way: the microphone captured to disk and transcribed live into the encounter.

Threads: every public method runs on the GUI thread. Capture (``desktop.audio.pump.capture``)
and live transcription (``LiveTranscription.run``) run in two ``desktop.session.workers.Worker``
threads joined by a queue; when speakers are told apart, a third worker
(``speaker_turns.label_turns``, at a lower priority) is handed each committed utterance through
another queue. Their signals are queued back onto the GUI thread into the bound ``_on_*`` slots
below, which update the Encounter, write it through the Journal and emit this object's signals
(the Controller turns them into its states and re-emits them as its own). The Encounter is only
touched on the GUI thread.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.asr.base import Backlog, Committed, Partial, Transcriber
from desktop.asr.streaming import LiveTranscription
from desktop.audio.base import AudioSource, Recorder
from desktop.audio.pump import capture
from desktop.encounter import Encounter
from desktop.errors import ScribeError
from desktop.session.journal import Journal
from desktop.session.speaker_turns import Job, Labelled, label_turns
from desktop.session.workers import Worker
from desktop.speakers.labeller import SpeakerLabeller


class LiveRecording(QObject):
    """At most one recording at a time, of the encounter ``encounter()`` returns."""

    capture_status = Signal(object)  # desktop.audio.pump.CaptureStatus
    capture_failed = Signal(object)  # the exception; what was captured is still transcribed
    committed = Signal(object)  # tuple[Segment, ...]
    relabelled = Signal(object)  # the Encounter: some segments now say who spoke them
    tentative = Signal(str)
    backlog = Signal(float)
    finished = Signal()  # everything captured is transcribed and the encounter is finished
    error = Signal(object)  # an exception (live transcription failed, or the store)

    def __init__(
        self,
        *,
        encounter: Callable[[], Encounter],
        journal: Journal,
        spawn: Callable[..., Worker],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._encounter = encounter
        self._journal = journal
        self._spawn = spawn
        self._source: AudioSource | None = None
        self._capture: Worker | None = None
        self._live: Worker | None = None
        self._speakers: Worker | None = None
        self._jobs: queue.Queue[Job | None] | None = None

    @property
    def active(self) -> bool:
        """A source is open (from ``open`` until the transcript has caught up)."""
        return self._source is not None

    def open(
        self,
        *,
        source: AudioSource,
        recorder: Recorder,
        transcriber: Transcriber,
        language: str,
        vocabulary: tuple[str, ...],
        make_labeller: Callable[[], SpeakerLabeller] | None = None,
    ) -> None:
        """Prepare the capture and live-transcription threads (and the speaker labelling's,
        given ``make_labeller``, called on that thread); ``start`` runs them."""
        self._source = source
        feed: queue.Queue[Any] = queue.Queue()
        self._capture = self._spawn(
            capture, name="capture", source=source, recorder=recorder, feed=feed
        )
        self._capture.yielded.connect(self._on_capture_status)
        self._capture.errored.connect(self._on_capture_failed)
        live = LiveTranscription(transcriber=transcriber, language=language, vocabulary=vocabulary)
        self._live = self._spawn(live.run, feed, name="live")
        self._live.yielded.connect(self._on_transcript_event)
        self._live.errored.connect(self._on_live_failed)
        self._live.finished.connect(self._on_live_finished)
        self._speakers = self._jobs = None
        if make_labeller is not None:
            self._jobs = queue.Queue()
            self._speakers = self._spawn(label_turns, self._jobs, make_labeller, name="speakers")
            self._speakers.yielded.connect(self._on_labelled)
            self._speakers.errored.connect(self._on_labelling_failed)

    def start(self) -> None:
        assert self._capture is not None and self._live is not None
        self._capture.start()
        self._live.start()
        if self._speakers is not None:
            self._speakers.start()

    def pause(self) -> None:
        if self._source is not None:
            self._source.pause()

    def resume(self) -> None:
        if self._source is not None:
            self._source.resume()

    def stop(self) -> None:
        """Stop capturing; the transcript catches up, then ``finished`` is emitted."""
        if self._source is not None:
            self._source.stop()

    def wait(self, timeout: float) -> None:
        """Wait (up to ``timeout`` each) for the audio file and the transcript to be done."""
        for worker in (self._capture, self._live, self._speakers):
            if worker is not None:
                worker.wait(timeout)

    def _on_capture_status(self, status: Any) -> None:
        self.capture_status.emit(status)

    def _on_capture_failed(self, exc: Exception) -> None:
        self.capture_failed.emit(exc)

    def _on_transcript_event(self, event: Any) -> None:
        encounter = self._encounter()
        if isinstance(event, Committed):
            encounter.commit(list(event.segments))
            if event.language and event.language != encounter.language:
                # With "auto" the first utterances carry a guess until the language locks.
                encounter.language = event.language
                self._report(self._journal.language(encounter))
            self._report(self._journal.committed(encounter, event.segments))
            self.committed.emit(event.segments)
            if self._jobs is not None:
                self._jobs.put(Job(encounter.id, event))
        elif isinstance(event, Partial):
            encounter.set_tentative(event.text)
            self.tentative.emit(event.text)
        elif isinstance(event, Backlog):
            self.backlog.emit(event.seconds)

    def _on_labelled(self, labelled: Labelled) -> None:
        encounter = self._encounter()
        if labelled.encounter_id != encounter.id:
            return
        if encounter.relabel(labelled.before, labelled.after):
            self._report(self._journal.relabelled(encounter))
            self.relabelled.emit(encounter)

    def _on_labelling_failed(self, exc: Exception) -> None:
        """The transcript goes on unlabelled; the doctor is told once why."""
        self._jobs = None
        self.error.emit(exc)

    def _on_live_failed(self, exc: Exception) -> None:
        self.error.emit(exc)
        self.stop()

    def _on_live_finished(self) -> None:
        if self._jobs is not None:
            self._jobs.put(None)  # the labelling finishes what is queued, then ends
        self._jobs = None
        encounter = self._encounter()
        encounter.finish()
        self._report(self._journal.finished(encounter))
        self._source = None
        self._capture = self._live = None
        self.tentative.emit("")
        self.finished.emit()

    def _report(self, exc: ScribeError | None) -> None:
        if exc is not None:
            self.error.emit(exc)
