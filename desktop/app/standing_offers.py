"""Learned preferences, wired: what the doctor changes is noted per document type
(``desktop.notes.preferences``), a change repeated in three consecutive consultations is offered
once as a standing instruction, and accepting it writes it into the doctor's own template (a
shipped template is first copied: the copy is the doctor's, and becomes the chosen document).

Threads: GUI thread only (slots of the main window's signals).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject

from desktop.config import Settings
from desktop.errors import ScribeError
from desktop.notes.base import Template
from desktop.notes.preferences import Change, PreferenceLog, edit_changes, instruction_change
from desktop.notes.templates import duplicate_template, save_template
from desktop.paths import AppPaths
from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class StandingOffers(QObject):
    def __init__(
        self,
        *,
        window: MainWindow,
        paths: AppPaths,
        settings: Callable[[], Settings],
        apply_settings: Callable[[Settings], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._paths = paths
        self._settings = settings
        self._apply_settings = apply_settings
        self._log = PreferenceLog(path=paths.data_dir / "preferences.json")
        self._drafted: dict[str, str] = {}  # template id -> the draft as it came
        controller = window.controller
        controller.draft_finished.connect(self._on_draft_finished)
        window.document_panel.instruction_bar.accepted.connect(self._on_instruction)
        window.copy_button.clicked.connect(self._on_copied)
        window.copy_action.triggered.connect(self._on_copied)
        offer = window.document_panel.standing_offer
        offer.accepted.connect(self._on_accepted)
        offer.declined.connect(self._on_declined)

    def _encounter_id(self) -> str:
        return self._window.controller.encounter.id

    def _on_draft_finished(self, template_id: str, completed: bool) -> None:
        editor = self._window.documents.editors().get(template_id)
        if completed and editor is not None:
            self._drafted[template_id] = editor.toPlainText()

    def _on_instruction(self, template_id: str, instruction: str) -> None:
        language = self._window.options.note_language
        self._record(template_id, [instruction_change(instruction, language)])

    def _on_copied(self) -> None:
        editor = self._window.documents.current()
        if editor is None or editor.template_id not in self._drafted:
            return
        draft = self._drafted[editor.template_id]
        changes = edit_changes(draft, editor.toPlainText(), self._window.options.note_language)
        self._record(editor.template_id, changes)

    def _record(self, template_id: str, changes: list[Change]) -> None:
        offer = self._log.record(template_id, self._encounter_id(), changes)
        template = self._template(template_id)
        if offer is not None and template is not None:
            self._window.document_panel.standing_offer.offer(template_id, template.title, offer)

    def _template(self, template_id: str) -> Template | None:
        return self._window.document_panel.templates.get(template_id)

    def _on_declined(self, template_id: str, change: Change) -> None:
        self._log.never(template_id, change)

    def _on_accepted(self, template_id: str, change: Change) -> None:
        template = self._template(template_id)
        if template is None:
            return
        user_dir = self._paths.templates_dir
        try:
            if template.builtin:
                template = duplicate_template(template, user_dir=user_dir)
            if change.standing not in template.standing:
                template = replace(template, standing=(*template.standing, change.standing))
                save_template(template, user_dir=user_dir)
        except ScribeError as exc:
            self._window.show_error(exc)
            return
        settings = self._settings()
        self._apply_settings(replace(settings, notes=replace(settings.notes, template=template.id)))
        log.info("standing instruction added to a template")
