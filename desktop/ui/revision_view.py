"""Wires the instruction bar to the session's revisions (``desktop.session.revisions``).

Threads: GUI thread only; every connection is to a bound method.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.session.controller import Controller
from desktop.ui.instruction_bar import InstructionBar
from desktop.ui.transcript_view import TranscriptView


class RevisionView(QObject):
    def __init__(
        self,
        *,
        controller: Controller,
        bar: InstructionBar,
        transcript: TranscriptView,
        note_language: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._bar = bar
        self._transcript = transcript
        self._note_language = note_language
        revisions = controller.revisions
        bar.revise_requested.connect(self._on_revise_requested)
        bar.cancel_requested.connect(revisions.cancel)
        bar.evidence_source = controller.instructions
        bar.accepted.connect(controller.add_instruction)
        revisions.started.connect(bar.on_started)
        revisions.waiting.connect(bar.on_waiting)
        revisions.streamed.connect(bar.on_streamed)
        revisions.ready.connect(bar.on_ready)
        revisions.failed.connect(bar.on_failed)
        revisions.cancelled.connect(bar.on_cancelled)
        controller.draft_started.connect(bar.on_draft_started)
        controller.encounter_started.connect(bar.on_new_encounter)
        controller.encounter_opened.connect(bar.on_new_encounter)
        dictation = controller.dictation
        bar.dictate_pressed.connect(dictation.press)
        bar.dictate_released.connect(dictation.release)
        dictation.listening.connect(bar.on_listening)
        dictation.transcribing.connect(bar.on_transcribing)
        dictation.heard.connect(bar.on_heard)
        dictation.failed.connect(bar.on_failed)

    def _on_revise_requested(self, template_id: str, document: str, instruction: str) -> None:
        self._controller.revisions.revise(
            template_id=template_id,
            document=document,
            instruction=instruction,
            transcript=self._transcript.segments(),
            note_language=self._note_language(),
            evidence=self._bar.evidence_for(template_id),
        )
