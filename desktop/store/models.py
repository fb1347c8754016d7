"""Dataclasses the encounter store hands out (the loaded encounter itself is
``desktop.encounter.Encounter``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.encounter import Encounter


@dataclass(frozen=True)
class EncounterSummary:
    """One line of the history panel."""

    id: str
    started_at: float  # epoch seconds
    ended_at: float | None  # None: still recording, or interrupted by a crash
    duration_s: float  # wall clock when finished, else how far the transcript got
    first_words: str  # the first words of the transcript ('' if none or not decryptable)
    language: str
    copied: bool  # at least one document was copied
    has_audio: bool  # the audio file is still kept

    @property
    def finished(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class DocumentVersion:
    template_id: str
    saved_at: float
    text: str


@dataclass(frozen=True)
class Recovery:
    """What is needed to finish an encounter interrupted by a crash.

    Transcribe ``audio_path`` from ``transcribed_until_s`` to its end, ``append_segments`` the
    result, then ``finish`` the encounter. ``encounter`` holds the committed segments and the
    drafts as last autosaved.
    """

    encounter: Encounter
    audio_path: Path | None  # None when the file was deleted or never created
    audio_encrypted: bool  # read it with desktop.store.audio_crypt.read_encrypted_audio
    transcribed_until_s: float  # seconds of audio already transcribed


@dataclass(frozen=True)
class AudioHolding:
    """An encounter whose audio file is still kept (for retention)."""

    encounter_id: str
    started_at: float
    ended_at: float | None
    audio_path: Path
    first_copied_at: float | None


@dataclass(frozen=True)
class Deleted:
    """What a deletion removed (counts only, for logs and reports)."""

    encounters: int = 0
    audio_files: int = 0
