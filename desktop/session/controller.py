"""The only object the UI talks to: turns recording, transcription and drafting into Qt signals.

This module holds the recording state machine (its states, idle / preparing / recording /
paused / catching up / recovering, are in ``desktop.session.states``); it is built from
``desktop.session.services.Services``. The parts it drives: the speech model in
``desktop.session.speech_model``, the recording under way (capture + live transcription) in
``desktop.session.recording``, the current encounter's documents (drafting, edits, autosave) in
``desktop.session.documents``, past encounters (open, delete, crash recovery, retention) in
``desktop.session.encounter_history``. The controller owns them and re-emits their signals as its
own: the UI talks to this one object.

Threads: every public method runs on the GUI thread. The parts above run their own
``desktop.session.workers.Worker`` threads (see their docstrings) and emit their signals on the GUI
thread, into the bound ``_on_*`` slots below. The Encounter is only touched on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.encounter import Encounter, dialogue
from desktop.errors import ScribeError
from desktop.notes.base import Template
from desktop.notes.condensing import CondensedParts
from desktop.progress import FINISHING_TRANSCRIPT, Progress
from desktop.session.dictation import Dictation
from desktop.session.documents import Documents
from desktop.session.encounter_history import EncounterHistory
from desktop.session.journal import Journal
from desktop.session.pre_reading import PreReading
from desktop.session.recording import LiveRecording
from desktop.session.revisions import Revisions
from desktop.session.second_pass import Settled
from desktop.session.services import Services
from desktop.session.speech_model import SpeechModel
from desktop.session.states import SessionState
from desktop.session.workers import WorkerSet
from desktop.store.encounters import EncounterStore


@dataclass(frozen=True)
class PendingDraft:
    """A draft asked for at Stop: it starts once the transcript has caught up."""

    template: Template
    note_language: str
    context: str = ""


class Controller(QObject):
    state_changed = Signal(str)
    progress = Signal(object)  # Progress of a long wait; None when it is over
    capture_status = Signal(object)  # desktop.audio.pump.CaptureStatus
    committed = Signal(object)  # tuple[Segment, ...]
    settled = Signal(object)  # second_pass.Settled: a stretch of the transcript re-transcribed
    relabelled = Signal(object)  # the Encounter: who said what changed
    tentative = Signal(str)
    backlog = Signal(float)
    transcript_complete = Signal()
    draft_started = Signal(str)  # template id
    draft_chunk = Signal(str, str)  # template id, text
    draft_replaced = Signal(str, str)  # template id, whole text (a repair of the draft landed)
    draft_finished = Signal(str, bool)  # template id, completed (False: cancelled or failed)
    error = Signal(object)  # an exception; the UI has one message per error class
    encounter_started = Signal(object)  # Encounter (a new recording)
    encounter_opened = Signal(object)  # Encounter (reopened from the history)

    def __init__(self, *, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._state = SessionState.IDLE
        self._workers = WorkerSet(parent=self)
        spawn = self._workers.spawn
        self._record_after_load = False
        self._recover_after_load = ""
        self._draft_at_end: PendingDraft | None = None
        self._journal = Journal(store=services.store)
        self.encounter = Encounter()
        # The parts of a long visit condensed during it (pre-reading) or for an earlier draft.
        self._condensed = CondensedParts()
        self._speech = SpeechModel(spawn=spawn, parent=self)
        self._speech.progress.connect(self.progress)
        self._speech.loaded.connect(self._on_model_loaded)
        self._speech.failed.connect(self._on_load_failed)
        self._recording = LiveRecording(
            encounter=self._current_encounter, journal=self._journal, spawn=spawn, parent=self
        )
        self._recording.capture_status.connect(self._on_capture_status)
        self._recording.capture_failed.connect(self._on_capture_failed)
        self._recording.committed.connect(self.committed)
        self._recording.settled.connect(self.settled)
        self._recording.relabelled.connect(self.relabelled)
        self._recording.tentative.connect(self.tentative)
        self._recording.backlog.connect(self.backlog)
        self._recording.finished.connect(self._on_recording_finished)
        self._recording.error.connect(self.error)
        self._documents = Documents(
            encounter=self._current_encounter,
            journal=self._journal,
            spawn=spawn,
            make_writer=services.make_writer,
            budget_tokens=services.context_budget_tokens,
            repair=services.repair_drafts,
            parts=self._condensed,
            parent=self,
        )
        self._pre_reading = PreReading(
            spawn=spawn,
            writer=self._documents.writer,
            budget_tokens=services.context_budget_tokens,
            parts=self._condensed,
            idle=self._live_idle,
            parent=self,
        )
        self._behind = False  # the live transcript has a backlog: no pre-reading then
        self._recording.committed.connect(self._on_committed)
        self._recording.settled.connect(self._on_settled)
        self._recording.backlog.connect(self._on_backlog)
        self._documents.draft_started.connect(self.draft_started)
        self._documents.draft_chunk.connect(self.draft_chunk)
        self._documents.draft_replaced.connect(self.draft_replaced)
        self._documents.draft_finished.connect(self.draft_finished)
        self._documents.progress.connect(self.progress)
        self._documents.error.connect(self.error)
        self.revisions = Revisions(
            spawn=spawn, writer=self._documents.writer, drafting=self._drafting_id, parent=self
        )
        self._documents.draft_started.connect(self._on_draft_started)
        self.dictation = Dictation(
            spawn=spawn, speech=self._speech, services=self._current_services,
            busy=self._recording_busy, parent=self,
        )  # fmt: skip
        self._history = EncounterHistory(
            store=services.store,
            retention=services.retention,
            documents=self._documents,
            spawn=spawn,
            parent=self,
        )
        self._history.opened.connect(self._on_encounter_opened)
        self._history.recovery_over.connect(self._on_recovery_over)
        self._history.progress.connect(self.progress)
        self._history.error.connect(self.error)

    # --- state ---------------------------------------------------------------------------

    @property
    def audio_dir(self) -> Path:
        """Where the recordings are written."""
        return self._services.audio_dir

    @property
    def has_unsaved_edits(self) -> bool:
        """The doctor's edits of a document are waiting for the autosave."""
        return self._documents.has_unsaved

    def background_work(self) -> bool:
        """Whether any of the controller's worker threads is still running."""
        return any(w.is_running() for w in self._workers)

    @property
    def state(self) -> SessionState:
        return self._state

    def _set_state(self, state: SessionState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _current_services(self) -> Services:
        return self._services

    def _recording_busy(self) -> bool:
        return self._state != SessionState.IDLE

    def _drafting_id(self) -> str:
        return self.drafting

    def _on_draft_started(self, _template_id: str) -> None:
        self.revisions.cancel()  # the draft replaces the text the revision was about

    def _current_encounter(self) -> Encounter:
        return self.encounter

    def _report(self, exc: ScribeError | None) -> None:
        if exc is not None:
            self.error.emit(exc)

    def reconfigure(
        self, services: Services, *, speech_changed: bool = True, notes_changed: bool = True
    ) -> None:
        """New settings: backends whose settings changed are rebuilt on next use."""
        self.save_now()
        self._services = services
        self._journal.store = services.store
        if speech_changed:
            self._speech.forget()
        self._documents.reconfigure(
            make_writer=services.make_writer,
            budget_tokens=services.context_budget_tokens,
            notes_changed=notes_changed,
        )
        self._documents.repair = services.repair_drafts
        self._history.reconfigure(store=services.store, retention=services.retention)
        self._pre_reading.budget_tokens = services.context_budget_tokens
        if notes_changed:
            self._pre_reading.cancel()
            self._pre_reading.end()
            self._condensed.clear()

    # --- speech model ----------------------------------------------------------------------

    def preload(self) -> None:
        """Load the speech model in the background (joins the bundled model on first start)."""
        self._speech.load(self._services.load_transcriber)

    def _on_model_loaded(self) -> None:
        self.progress.emit(None)
        if self._record_after_load:
            self._record_after_load = False
            self._start_recording()
        elif self._recover_after_load:
            encounter_id, self._recover_after_load = self._recover_after_load, ""
            self.recover(encounter_id)

    def _on_load_failed(self, exc: Exception) -> None:
        self._record_after_load = False
        self._recover_after_load = ""
        self.progress.emit(None)
        self._set_state(SessionState.IDLE)
        self.error.emit(exc)

    # --- recording ---------------------------------------------------------------------------

    def record(self) -> None:
        if self._state != SessionState.IDLE:
            return
        if self._speech.transcriber is None:
            self._record_after_load = True
            self._set_state(SessionState.PREPARING)
            self.preload()
            return
        self._start_recording()

    def _start_recording(self) -> None:
        assert self._speech.transcriber is not None
        services = self._services
        try:
            source = services.open_source()
            encounter = Encounter()
            audio_path = self._journal.audio_path(encounter, services.audio_dir)
            audio_path.parent.mkdir(parents=True, exist_ok=True)
            recorder = services.open_recorder(audio_path)
        except Exception as exc:
            self._set_state(SessionState.IDLE)
            self.error.emit(exc)
            return
        self.save_now()
        self.encounter = encounter
        self._documents.recording(True)  # before the first pre-read: the transcriber comes first
        self._pre_reading.begin()
        self._report(self._journal.started(encounter, audio_path))
        self._recording.open(
            source=source,
            recorder=recorder,
            transcriber=self._speech.transcriber,
            language=services.language,
            vocabulary=services.vocabulary,
            second_pass=services.second_pass,
            make_labeller=services.make_labeller,
        )
        self.encounter_started.emit(encounter)
        # "Recording" once audio really flows (a device can take a moment to open).
        self._set_state(SessionState.PREPARING)
        self._recording.start()

    def pause(self) -> None:
        if self._state == SessionState.RECORDING and self._recording.active:
            self._recording.pause()
            self._set_state(SessionState.PAUSED)

    def resume(self) -> None:
        if self._state == SessionState.PAUSED and self._recording.active:
            self._recording.resume()
            self._set_state(SessionState.RECORDING)

    def stop(self) -> None:
        under_way = (SessionState.PREPARING, SessionState.RECORDING, SessionState.PAUSED)
        if self._recording.active and self._state in under_way:
            self._set_state(SessionState.CATCHING_UP)
            self._recording.stop()
        elif self._state == SessionState.PREPARING:  # still loading the speech model
            self._record_after_load = False
            self._set_state(SessionState.IDLE)

    def _on_capture_status(self, status: Any) -> None:
        if self._state == SessionState.PREPARING and self._recording.active:
            self._set_state(SessionState.RECORDING)
        self.capture_status.emit(status)

    def _on_capture_failed(self, exc: Exception) -> None:
        # The microphone failed mid-visit: what was captured is on disk and still transcribed.
        self.error.emit(exc)
        if self._state in (SessionState.RECORDING, SessionState.PAUSED):
            self._set_state(SessionState.CATCHING_UP)

    # --- pre-reading (desktop.session.pre_reading) -----------------------------------------------

    def set_draft_target(
        self, template: Template | None, *, note_language: str, context: str = ""
    ) -> None:
        """The document the doctor would draft now: its prompt is pre-read during the visit."""
        self._pre_reading.set_target(template, note_language, context)

    def _on_backlog(self, seconds: float) -> None:
        self._behind = seconds > 0
        self._pre_reading.live_backlog(seconds)

    def _live_idle(self) -> bool:
        return not self._behind

    def _recording_now(self) -> bool:
        # After Stop too: the last stretches settle while the draft waits for them, and
        # reading them meanwhile is work the draft will not have to do.
        under_way = (SessionState.RECORDING, SessionState.PAUSED, SessionState.CATCHING_UP)
        return self._state in under_way

    def _on_committed(self, _segments: object) -> None:
        if not self._recording.settling and self._recording_now() and not self._behind:
            self._pre_reading.offer(self.encounter.dialogue_text)  # final as committed

    def _on_settled(self, settled: Settled) -> None:
        # The text the draft will read (``dialogue_text``), as far as it is settled.
        if self._recording_now() and not self._behind:
            middle = [s for s in self.encounter.segments if (s.start + s.end) / 2 < settled.end]
            self._pre_reading.offer(dialogue(middle))

    def stop_and_draft(self, template: Template, *, note_language: str, context: str = "") -> None:
        """Stop, and once the transcript has caught up draft ``template`` (Draft on Stop)."""
        under_way = self._state in (SessionState.RECORDING, SessionState.PAUSED)
        if self._recording.active and under_way and not self.drafting:
            self._draft_at_end = PendingDraft(template, note_language, context)
            self.stop()
            self.progress.emit(Progress(FINISHING_TRANSCRIPT))
        else:
            self.stop()

    def _on_recording_finished(self) -> None:
        self._pre_reading.end()  # one in flight goes on: it reads what the draft will read
        self._documents.recording(False)
        self.transcript_complete.emit()
        self._set_state(SessionState.IDLE)
        pending, self._draft_at_end = self._draft_at_end, None
        if pending is None:
            return
        if self.encounter.transcript_text.strip():
            self.draft(
                pending.template, note_language=pending.note_language, context=pending.context
            )
        else:  # nothing was said: nothing to draft, and no message for it
            self.progress.emit(None)

    # --- documents (desktop.session.documents)
    # ---------------------------------------------------------

    @property
    def drafting(self) -> str:
        """The template id being drafted (or waiting at Stop for the transcript), or ""."""
        if self._draft_at_end is not None:
            return self._draft_at_end.template.id
        return self._documents.drafting

    # --- who said what -------------------------------------------------------------------------

    def relabel_turn(self, index: int, speaker: str) -> None:
        """The doctor corrects who spoke the turn holding segment ``index``."""
        if 0 <= index < len(self.encounter.segments):
            self.encounter.relabel_turn(index, speaker)
            self._speakers_changed()

    def rename_speakers(self, names: dict[str, str]) -> None:
        """Rename or swap speakers everywhere ({"speaker 1": "doctor", "speaker 2": "patient"},
        or both ways for a swap)."""
        self.encounter.rename_speakers(names)
        self._speakers_changed()

    def _speakers_changed(self) -> None:
        self._report(self._journal.relabelled(self.encounter))
        self.relabelled.emit(self.encounter)

    def draft(self, template: Template, *, note_language: str, context: str = "") -> None:
        if self._draft_at_end is not None:  # Draft pressed while the transcript catches up
            self._draft_at_end = PendingDraft(template, note_language, context)
            return
        self._documents.draft(template, note_language=note_language, context=context)

    def cancel_draft(self) -> None:
        if not self._recording_now():  # the visit is over: no work ahead goes on either
            self._pre_reading.cancel()
        if self._draft_at_end is not None:  # the draft waiting at Stop will not start
            self._draft_at_end = None
            self.progress.emit(None)
            return
        self._documents.cancel_draft()

    def update_document(self, template_id: str, text: str) -> None:
        """An edit by the doctor: kept at once, saved to disk shortly after typing stops."""
        self._documents.update_document(template_id, text)

    def add_instruction(self, template_id: str, instruction: str) -> None:
        """An accepted revision's instruction, kept with its document as the doctor's word."""
        self._documents.add_instruction(template_id, instruction)

    def instructions(self, template_id: str) -> list[str]:
        """The instructions the doctor accepted for a document of the current encounter."""
        return self._documents.instructions(template_id)

    def save_now(self) -> None:
        self._documents.save_now()

    def mark_copied(self, template_id: str) -> None:
        self._documents.mark_copied(template_id)

    # --- history (desktop.session.encounter_history)
    # ----------------------------------------------------

    @property
    def store(self) -> EncounterStore | None:
        return self._services.store

    def open_encounter(self, encounter_id: str) -> None:
        """Show a past encounter to read, re-draft or copy (only while not recording)."""
        if self._state == SessionState.IDLE and not self.drafting:
            self._history.open(encounter_id)

    def delete_encounter(self, encounter_id: str) -> None:
        if encounter_id != self.encounter.id or self._state == SessionState.IDLE:
            self._history.delete(encounter_id, current_id=self.encounter.id)

    def recover(self, encounter_id: str) -> None:
        """Finish an encounter a crash interrupted: transcribe the audio after its transcript."""
        if self._state != SessionState.IDLE or self.store is None:
            return
        if self._speech.transcriber is None:
            self._recover_after_load = encounter_id
            self.preload()
            return
        self._set_state(SessionState.RECOVERING)
        self._history.recover(encounter_id, transcriber=self._speech.transcriber)

    def _on_recovery_over(self) -> None:
        self._set_state(SessionState.IDLE)

    def _on_encounter_opened(self, encounter: Encounter) -> None:
        self.encounter = encounter
        self.encounter_opened.emit(encounter)

    def apply_retention(self) -> None:
        """Delete what the retention rules say is due (in the background)."""
        self._history.apply_retention(keep={self.encounter.id})

    # --- shutdown ----------------------------------------------------------------------------

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop everything: finish writing the audio, stop the local note server."""
        self.save_now()
        self._recording.stop()
        self.revisions.cancel()
        self._pre_reading.cancel()
        self._documents.shutdown(timeout)
        # Wait for the audio to be finalised and the transcript to catch up (what is not done
        # by then is recovered at the next start). A model still loading is not waited for.
        self._recording.wait(timeout)
