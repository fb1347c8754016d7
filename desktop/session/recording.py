"""A recording under way: the microphone captured to disk and transcribed live into the encounter.

Threads: every public method runs on the GUI thread. Capture (``desktop.audio.pump.capture``)
and live transcription (``LiveTranscription.run``) run in two ``desktop.session.workers.Worker``
threads joined by a queue; their signals are queued back onto the GUI thread into the bound
``_on_*`` slots below, which update the Encounter, write it through the Journal and emit this
object's signals (the Controller turns them into its states and re-emits them as its own). The
Encounter is only touched on the GUI thread.

With a local model, a third worker runs the second pass (``desktop.session.second_pass``): the
feed copies the audio onto its tape, committed segments and the backlog are handed to it here,
and what it settles comes back into ``_on_settled``. The recording is finished (``finished``)
once the live tier and then the second pass are done; a failed second pass keeps the live text.

When speakers are told apart, a fourth worker (``speaker_turns.label_turns``, at a lower
priority) is handed each committed utterance through another queue; its labels come back into
``_on_labelled``. A settled stretch keeps the labels of the live text it replaces.
"""

from __future__ import annotations

import logging
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
from desktop.session.second_pass import AudioTape, SecondPass, Settled, TeeFeed
from desktop.session.speaker_turns import Job, Labelled, label_turns
from desktop.session.workers import Worker
from desktop.speakers.labeller import SpeakerLabeller

log = logging.getLogger(__name__)


class LiveRecording(QObject):
    """At most one recording at a time, of the encounter ``encounter()`` returns."""

    capture_status = Signal(object)  # desktop.audio.pump.CaptureStatus
    capture_failed = Signal(object)  # the exception; what was captured is still transcribed
    committed = Signal(object)  # tuple[Segment, ...]
    relabelled = Signal(object)  # the Encounter: some segments now say who spoke them
    tentative = Signal(str)
    backlog = Signal(float)
    settled = Signal(object)  # desktop.session.second_pass.Settled, already in the encounter
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
        self._second: Worker | None = None
        self._second_pass: SecondPass | None = None
        self._transcriber: Transcriber | None = None
        self._live_done = False
        self._speakers: Worker | None = None
        self._jobs: queue.Queue[Job | None] | None = None

    @property
    def active(self) -> bool:
        """A source is open (from ``open`` until the transcript has caught up)."""
        return self._source is not None

    @property
    def settling(self) -> bool:
        """A second pass runs: the live text is settled behind the live transcript."""
        return self._second is not None

    def open(
        self,
        *,
        source: AudioSource,
        recorder: Recorder,
        transcriber: Transcriber,
        language: str,
        vocabulary: tuple[str, ...],
        second_pass: bool = False,
        make_labeller: Callable[[], SpeakerLabeller] | None = None,
    ) -> None:
        """Prepare the capture and live-transcription threads (and the second pass's, when
        ``second_pass`` and the model can be copied; and the speaker labelling's, given
        ``make_labeller``, called on that thread); ``start`` runs them."""
        self._source = source
        self._transcriber = transcriber
        self._live_done = False
        copy = getattr(transcriber, "background_copy", None)
        feed: queue.Queue[Any] = queue.Queue()
        self._second = self._second_pass = None
        if second_pass and callable(copy):
            tee = TeeFeed(AudioTape())
            feed = tee
            self._second_pass = SecondPass(
                tape=tee.tape,
                load=copy,
                language=None if language == "auto" else language,
                vocabulary=vocabulary,
                live_waiting_s=tee.waiting_s,
            )
            self._second = self._spawn(self._second_pass.run, name="second-pass")
            self._second.yielded.connect(self._on_settled)
            self._second.errored.connect(self._on_second_pass_failed)
            self._second.finished.connect(self._on_second_pass_finished)
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
        if self._second is not None:
            self._second.start()
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
        if self._second is not None:  # not waited for: the live text is already stored
            self._second.cancel()

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
            if self._second_pass is not None:
                self._second_pass.committed(event.segments, encounter.language or None)
            if self._jobs is not None:
                self._jobs.put(Job(encounter.id, event))
        elif isinstance(event, Partial):
            encounter.set_tentative(event.text)
            self.tentative.emit(event.text)
        elif isinstance(event, Backlog):
            self.backlog.emit(event.seconds)
            if self._second_pass is not None:
                self._second_pass.live_backlog(event.seconds)

    def _on_settled(self, settled: Settled) -> None:
        encounter = self._encounter()
        encounter.settle(settled.start, settled.end, settled.segments)
        self._report(self._journal.settled(encounter, settled.start, settled.end, settled.segments))
        self.settled.emit(settled)

    def _on_second_pass_failed(self, exc: Exception) -> None:
        # The live text stays: nothing of the transcript is lost, and the doctor is not told.
        log.warning("second pass failed (%s); the live transcript is kept", type(exc).__name__)

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
        self._live_done = True
        self.tentative.emit("")
        if self._jobs is not None:
            self._jobs.put(None)  # the labelling finishes what is queued, then ends
        self._jobs = None
        if self._second is not None and self._second_pass is not None:
            # The live model is free now: the last stretch is settled with it, at full speed.
            self._second_pass.stop(final=self._transcriber)
            if self._second.is_running():
                return  # finished once the second pass is done
        self._finish()

    def _on_second_pass_finished(self) -> None:
        self._second = self._second_pass = None
        if self._live_done:
            self._finish()

    def _finish(self) -> None:
        if self._source is None:
            return
        encounter = self._encounter()
        encounter.finish()
        self._report(self._journal.finished(encounter))
        self._source = self._transcriber = None
        self._capture = self._live = None
        self.finished.emit()

    def _report(self, exc: ScribeError | None) -> None:
        if exc is not None:
            self.error.emit(exc)
