"""The only object the UI talks to: turns recording, transcription and drafting into Qt signals.

Threads: every public method runs on the GUI thread. Work runs in ``desktop.workers.Worker``
threads (speech-model load, audio capture, live transcription, drafting); their signals are
queued back onto the GUI thread into the bound ``_on_*`` slots below, which update the Encounter
and re-emit the controller's own signals. The Encounter is only touched on the GUI thread.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.asr.base import Backlog, Committed, Partial, Transcriber
from desktop.asr.streaming import LiveTranscription
from desktop.audio.base import AudioSource, Recorder
from desktop.audio.pump import capture
from desktop.cancel import CancelToken
from desktop.encounter import Encounter
from desktop.errors import ScribeError
from desktop.journal import Journal
from desktop.notes.base import DraftRequest, NoteWriter, Template
from desktop.notes.drafting import draft_job
from desktop.progress import Progress, ProgressFn
from desktop.store.encounters import EncounterStore
from desktop.store.recovery import recover_job
from desktop.store.retention import RetentionPolicy, apply_retention
from desktop.workers import Worker, progress_generator

log = logging.getLogger(__name__)

# Controller states (the UI enables buttons from these).
IDLE = "idle"
PREPARING = "preparing"  # loading the speech model before recording
RECORDING = "recording"
PAUSED = "paused"
CATCHING_UP = "catching_up"  # stopped; the transcriber finishes what was captured
RECOVERING = "recovering"  # transcribing the rest of an encounter a crash interrupted


@dataclass(frozen=True)
class Services:
    """What the controller needs from the outside; ``app.py`` builds it, tests pass fakes."""

    load_transcriber: Callable[[ProgressFn], Transcriber]
    open_source: Callable[[], AudioSource]
    open_recorder: Callable[[Path], Recorder]
    make_writer: Callable[[], NoteWriter]
    audio_dir: Path
    language: str = "auto"
    vocabulary: tuple[str, ...] = ()
    store: EncounterStore | None = None  # None: nothing is kept after the window closes
    retention: RetentionPolicy | None = None
    context_budget_tokens: int = 6000  # longer transcripts are condensed in parts first


AUTOSAVE_DELAY_MS = 800  # edits are saved this long after the doctor stops typing


def _load_job(
    load: Callable[[ProgressFn], Transcriber], cancel: CancelToken
) -> Generator[Any, None, Transcriber]:
    transcriber: Transcriber = yield from progress_generator(load)
    return transcriber


def _retention_job(
    store: EncounterStore, policy: RetentionPolicy, keep: set[str], cancel: CancelToken
) -> Iterator[Any]:
    report = apply_retention(store, now=time.time(), policy=policy, keep=keep)
    log.info(
        "retention: %d encounters and %d audio files deleted",
        report.encounters_deleted,
        report.audio_files_deleted,
    )
    yield from ()


class Controller(QObject):
    state_changed = Signal(str)
    progress = Signal(object)  # Progress of a long wait; None when it is over
    capture_status = Signal(object)  # desktop.audio.pump.CaptureStatus
    committed = Signal(object)  # tuple[Segment, ...]
    tentative = Signal(str)
    backlog = Signal(float)
    transcript_complete = Signal()
    draft_started = Signal(str)  # template id
    draft_chunk = Signal(str, str)  # template id, text
    draft_finished = Signal(str, bool)  # template id, completed (False: cancelled or failed)
    error = Signal(object)  # an exception; the UI has one message per error class
    encounter_started = Signal(object)  # Encounter (a new recording)
    encounter_opened = Signal(object)  # Encounter (reopened from the history)

    def __init__(self, *, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._transcriber: Transcriber | None = None
        self._writer: NoteWriter | None = None
        self._state = IDLE
        self._workers: set[Worker] = set()
        self._loader: Worker | None = None
        self._capture: Worker | None = None
        self._live: Worker | None = None
        self._drafter: Worker | None = None
        self._drafting: str = ""
        self._draft_waiting = False  # a Progress was shown and no text has arrived since
        self._source: AudioSource | None = None
        self._record_after_load = False
        self._recover_after_load = ""
        self._journal = Journal(store=services.store)
        self._unsaved: dict[str, str] = {}  # template id -> text not yet autosaved
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        self.encounter = Encounter()

    # --- state ---------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _spawn(
        self, fn: Callable[..., Iterator[Any]], *args: Any, name: str, **kwargs: Any
    ) -> Worker:
        worker = Worker(fn, *args, name=name, **kwargs)
        self._workers.add(worker)
        worker.finished.connect(self._on_worker_finished)
        return worker

    def _on_worker_finished(self) -> None:
        self._workers = {w for w in self._workers if w.is_running()}

    def reconfigure(
        self, services: Services, *, speech_changed: bool = True, notes_changed: bool = True
    ) -> None:
        """New settings: backends whose settings changed are rebuilt on next use."""
        self.save_now()
        self._services = services
        self._journal.store = services.store
        if speech_changed:
            self._transcriber = None
        if notes_changed and self._writer is not None:
            if hasattr(self._writer, "close"):
                self._writer.close()
            self._writer = None

    # --- speech model ----------------------------------------------------------------------

    def preload(self) -> None:
        """Load the speech model in the background (joins the bundled model on first start)."""
        if self._transcriber is None and self._loader is None:
            self._loader = self._spawn(_load_job, self._services.load_transcriber, name="load")
            self._loader.yielded.connect(self._on_progress)
            self._loader.returned.connect(self._on_model_loaded)
            self._loader.errored.connect(self._on_load_failed)
            self._loader.start()

    def _on_progress(self, progress: Progress) -> None:
        self.progress.emit(progress)

    def _on_model_loaded(self, transcriber: Transcriber) -> None:
        self._transcriber = transcriber
        self._loader = None
        self.progress.emit(None)
        if self._record_after_load:
            self._record_after_load = False
            self._start_recording()
        elif self._recover_after_load:
            encounter_id, self._recover_after_load = self._recover_after_load, ""
            self.recover(encounter_id)

    def _on_load_failed(self, exc: Exception) -> None:
        self._loader = None
        self._record_after_load = False
        self._recover_after_load = ""
        self.progress.emit(None)
        self._set_state(IDLE)
        self.error.emit(exc)

    # --- recording ---------------------------------------------------------------------------

    def record(self) -> None:
        if self._state != IDLE:
            return
        if self._transcriber is None:
            self._record_after_load = True
            self._set_state(PREPARING)
            self.preload()
            return
        self._start_recording()

    def _start_recording(self) -> None:
        assert self._transcriber is not None
        services = self._services
        try:
            source = services.open_source()
            encounter = Encounter()
            audio_path = self._journal.audio_path(encounter, services.audio_dir)
            audio_path.parent.mkdir(parents=True, exist_ok=True)
            recorder = services.open_recorder(audio_path)
        except Exception as exc:
            self._set_state(IDLE)
            self.error.emit(exc)
            return
        self.save_now()
        self.encounter = encounter
        self._report(self._journal.started(encounter, audio_path))
        self._source = source
        feed: queue.Queue[Any] = queue.Queue()
        self._capture = self._spawn(
            capture, name="capture", source=source, recorder=recorder, feed=feed
        )
        self._capture.yielded.connect(self._on_capture_status)
        self._capture.errored.connect(self._on_capture_failed)
        live = LiveTranscription(
            transcriber=self._transcriber,
            language=services.language,
            vocabulary=services.vocabulary,
        )
        self._live = self._spawn(live.run, feed, name="live")
        self._live.yielded.connect(self._on_transcript_event)
        self._live.errored.connect(self._on_live_failed)
        self._live.finished.connect(self._on_live_finished)
        self.encounter_started.emit(encounter)
        # "Recording" once audio really flows (a device can take a moment to open).
        self._set_state(PREPARING)
        self._capture.start()
        self._live.start()

    def pause(self) -> None:
        if self._state == RECORDING and self._source is not None:
            self._source.pause()
            self._set_state(PAUSED)

    def resume(self) -> None:
        if self._state == PAUSED and self._source is not None:
            self._source.resume()
            self._set_state(RECORDING)

    def stop(self) -> None:
        if self._source is not None and self._state in (PREPARING, RECORDING, PAUSED):
            self._set_state(CATCHING_UP)
            self._source.stop()
        elif self._state == PREPARING:  # still loading the speech model
            self._record_after_load = False
            self._set_state(IDLE)

    def _on_capture_status(self, status: Any) -> None:
        if self._state == PREPARING and self._source is not None:
            self._set_state(RECORDING)
        self.capture_status.emit(status)

    def _on_capture_failed(self, exc: Exception) -> None:
        # The microphone failed mid-visit: what was captured is on disk and still transcribed.
        self.error.emit(exc)
        if self._state in (RECORDING, PAUSED):
            self._set_state(CATCHING_UP)

    def _on_transcript_event(self, event: Any) -> None:
        if isinstance(event, Committed):
            self.encounter.commit(list(event.segments))
            if event.language and event.language != self.encounter.language:
                # With "auto" the first utterances carry a guess until the language locks.
                self.encounter.language = event.language
                self._report(self._journal.language(self.encounter))
            self._report(self._journal.committed(self.encounter, event.segments))
            self.committed.emit(event.segments)
        elif isinstance(event, Partial):
            self.encounter.set_tentative(event.text)
            self.tentative.emit(event.text)
        elif isinstance(event, Backlog):
            self.backlog.emit(event.seconds)

    def _on_live_failed(self, exc: Exception) -> None:
        self.error.emit(exc)
        if self._source is not None:
            self._source.stop()

    def _on_live_finished(self) -> None:
        self.encounter.finish()
        self._report(self._journal.finished(self.encounter))
        self._source = None
        self._capture = self._live = None
        self.tentative.emit("")
        self.transcript_complete.emit()
        self._set_state(IDLE)

    # --- drafting ----------------------------------------------------------------------------

    @property
    def drafting(self) -> str:
        """The template id being drafted, or ""."""
        return self._drafting

    def draft(self, template: Template, *, note_language: str, context: str = "") -> None:
        if self._drafting:
            return
        try:
            if self._writer is None:
                self._writer = self._services.make_writer()
        except Exception as exc:
            self.error.emit(exc)
            return
        request = DraftRequest(
            transcript=self.encounter.transcript_text,
            template=template,
            note_language=note_language,
            context=context,
        )
        self._drafting = template.id
        self.encounter.document(template.id).text = ""
        self._drafter = self._spawn(
            draft_job,
            self._writer,
            request,
            name="draft",
            budget_tokens=self._services.context_budget_tokens,
        )
        self._drafter.yielded.connect(self._on_draft_item)
        self._drafter.returned.connect(self._on_draft_done)
        self._drafter.errored.connect(self._on_draft_failed)
        self.draft_started.emit(template.id)
        log.info(
            "draft started: template=%s transcript_chars=%d", template.id, len(request.transcript)
        )
        self._drafter.start()

    def cancel_draft(self) -> None:
        if self._drafter is not None:
            self._drafter.cancel()
            self._end_draft(completed=False)

    def _on_draft_item(self, item: Any) -> None:
        if isinstance(item, Progress):
            self._draft_waiting = True
            self.progress.emit(item)
            return
        if self._draft_waiting:
            self._draft_waiting = False
            self.progress.emit(None)
        document = self.encounter.document(self._drafting)
        document.text += item
        self.draft_chunk.emit(self._drafting, item)

    def _on_draft_done(self, _result: Any) -> None:
        self._end_draft(completed=True)

    def _on_draft_failed(self, exc: Exception) -> None:
        self.error.emit(exc)
        self._end_draft(completed=False)

    def _end_draft(self, *, completed: bool) -> None:
        template_id, self._drafting, self._drafter = self._drafting, "", None
        self.progress.emit(None)
        if template_id:
            text = self.encounter.document(template_id).text
            self._unsaved.pop(template_id, None)
            self._report(
                self._journal.document(self.encounter, template_id, text, new_version=True)
            )
            self.draft_finished.emit(template_id, completed)

    # --- documents ---------------------------------------------------------------------------

    def update_document(self, template_id: str, text: str) -> None:
        """An edit by the doctor: kept at once, saved to disk shortly after typing stops."""
        if template_id == self._drafting:
            return  # the stream is still writing it
        self.encounter.document(template_id).text = text
        self._unsaved[template_id] = text
        self._autosave.start()

    def save_now(self) -> None:
        self._autosave.stop()
        unsaved, self._unsaved = self._unsaved, {}
        for template_id, text in unsaved.items():
            self._report(self._journal.document(self.encounter, template_id, text))

    def mark_copied(self, template_id: str) -> None:
        document = self.encounter.document(template_id)
        document.copied_at = time.time()
        self._unsaved[template_id] = document.text
        self.save_now()
        self._report(self._journal.copied(self.encounter, template_id))

    # --- history -----------------------------------------------------------------------------

    @property
    def store(self) -> EncounterStore | None:
        return self._services.store

    def open_encounter(self, encounter_id: str) -> None:
        """Show a past encounter to read, re-draft or copy (only while not recording)."""
        if self._state != IDLE or self._drafting or self.store is None:
            return
        self.save_now()
        try:
            self.encounter = self.store.load(encounter_id)
        except ScribeError as exc:
            self.error.emit(exc)
            return
        self.encounter_opened.emit(self.encounter)

    def delete_encounter(self, encounter_id: str) -> None:
        if self.store is None:
            return
        if encounter_id == self.encounter.id and self._state != IDLE:
            return
        try:
            self.store.delete(encounter_id)
        except ScribeError as exc:
            self.error.emit(exc)
            return
        if encounter_id == self.encounter.id:
            self._unsaved.clear()
            self.encounter = Encounter()
            self.encounter_opened.emit(self.encounter)

    def recover(self, encounter_id: str) -> None:
        """Finish an encounter a crash interrupted: transcribe the audio after its transcript."""
        if self._state != IDLE or self.store is None:
            return
        if self._transcriber is None:
            self._recover_after_load = encounter_id
            self.preload()
            return
        worker = self._spawn(
            recover_job,
            self.store,
            encounter_id,
            name="recover",
            transcriber=self._transcriber,
        )
        worker.yielded.connect(self._on_progress)
        worker.returned.connect(self._on_recovered)
        worker.errored.connect(self._on_recovery_failed)
        self._set_state(RECOVERING)
        worker.start()

    def _on_recovered(self, encounter: Encounter | None) -> None:
        self.progress.emit(None)
        self._set_state(IDLE)
        if encounter is not None:
            self.encounter = encounter
            self.encounter_opened.emit(encounter)

    def _on_recovery_failed(self, exc: Exception) -> None:
        self.progress.emit(None)
        self._set_state(IDLE)
        self.error.emit(exc)

    def apply_retention(self) -> None:
        """Delete what the retention rules say is due (in the background)."""
        policy = self._services.retention
        if self.store is None or policy is None:
            return
        worker = self._spawn(_retention_job, self.store, policy, {self.encounter.id}, name="retain")
        worker.errored.connect(self.error)
        worker.start()

    def _report(self, exc: ScribeError | None) -> None:
        if exc is not None:
            self.error.emit(exc)

    # --- shutdown ----------------------------------------------------------------------------

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop everything: finish writing the audio, stop the local note server."""
        self.save_now()
        if self._source is not None:
            self._source.stop()
        if self._drafter is not None:
            self._drafter.cancel()
        # Wait for the audio to be finalised and the transcript to catch up (what is not done
        # by then is recovered at the next start). A model still loading is not waited for.
        for worker in (self._capture, self._live, self._drafter):
            if worker is not None:
                worker.wait(timeout)
        if self._writer is not None and hasattr(self._writer, "close"):
            self._writer.close()
            self._writer = None
