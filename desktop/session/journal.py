"""Writes an encounter to the store as it happens, and never lets a storage fault stop a visit.

Each call returns the ScribeError it hit (or None) instead of raising: the recording and the
note on screen go on, and the controller shows the first fault of an encounter once. Pure
Python; called from the GUI thread (the store serialises its own access).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.asr.base import Segment
from desktop.encounter import Encounter
from desktop.errors import ScribeError
from desktop.store.encounters import EncounterNotFound, EncounterStore

log = logging.getLogger(__name__)


class Journal:
    def __init__(self, *, store: EncounterStore | None) -> None:
        self.store = store
        self._failed = False  # one message per encounter is enough
        self._known: set[str] = set()  # encounters known to have a row

    def _run(self, what: str, action: Callable[[EncounterStore], object]) -> ScribeError | None:
        if self.store is None:
            return None
        try:
            action(self.store)
        except ScribeError as exc:
            log.warning("journal: %s failed (%s)", what, type(exc).__name__)
            if self._failed:
                return None
            self._failed = True
            return exc
        return None

    def audio_path(self, encounter: Encounter, audio_dir: Path) -> Path:
        if self.store is not None:
            return self.store.audio_path_for(encounter.id)
        return audio_dir / f"{encounter.id}.wav"

    def started(self, encounter: Encounter, audio_path: Path) -> ScribeError | None:
        self._failed = False
        self._known.add(encounter.id)
        return self._run(
            "create",
            lambda s: s.create(
                encounter_id=encounter.id,
                started_at=encounter.started_at,
                language=encounter.language,
                audio_path=audio_path,
            ),
        )

    def committed(self, encounter: Encounter, segments: Sequence[Segment]) -> ScribeError | None:
        return self._run("segments", lambda s: s.append_segments(encounter.id, segments))

    def settled(
        self, encounter: Encounter, start: float, end: float, segments: Sequence[Segment]
    ) -> ScribeError | None:
        return self._run("settle", lambda s: s.replace_segments(encounter.id, start, end, segments))

    def relabelled(self, encounter: Encounter) -> ScribeError | None:
        """Who said what changed (speakers told apart, or the doctor relabelled a turn)."""
        return self._run("speakers", lambda s: s.rewrite_segments(encounter.id, encounter.segments))

    def language(self, encounter: Encounter) -> ScribeError | None:
        return self._run("language", lambda s: s.set_language(encounter.id, encounter.language))

    def finished(self, encounter: Encounter) -> ScribeError | None:
        return self._run("finish", lambda s: s.finish(encounter.id))

    def document(
        self, encounter: Encounter, template_id: str, text: str, *, new_version: bool = False
    ) -> ScribeError | None:
        def save(store: EncounterStore) -> None:
            self._ensure_row(store, encounter)
            store.save_document(encounter.id, template_id, text, new_version=new_version)

        return self._run("document", save)

    def instructions(self, encounter: Encounter, template_id: str) -> ScribeError | None:
        """The document as it is and the instructions the doctor accepted for it."""
        document = encounter.document(template_id)

        def save(store: EncounterStore) -> None:
            self._ensure_row(store, encounter)
            store.save_document(encounter.id, template_id, document.text)
            store.save_instructions(encounter.id, template_id, document.instructions)

        return self._run("instructions", save)

    def copied(self, encounter: Encounter, template_id: str) -> ScribeError | None:
        return self._run("copied", lambda s: s.mark_copied(encounter.id, template_id))

    def _ensure_row(self, store: EncounterStore, encounter: Encounter) -> None:
        """A note typed before any recording still belongs to an encounter: create its row."""
        if encounter.id in self._known:
            return
        try:
            store.load(encounter.id)
        except EncounterNotFound:
            store.create(
                encounter_id=encounter.id,
                started_at=encounter.started_at,
                language=encounter.language,
                audio_path=None,
            )
            store.finish(encounter.id)
        self._known.add(encounter.id)
