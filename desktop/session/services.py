"""What the Controller is built from: ``app/`` builds the real ``Services``, tests pass fakes.

Plain Python, no Qt. Threads: ``load_transcriber`` is called on a background thread
(``desktop.session.speech_model``) and ``make_labeller`` on the speaker-labelling worker
(``desktop.session.speaker_turns``); the other callables are called on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.asr.base import Transcriber
from desktop.audio.base import AudioSource, Recorder
from desktop.notes.base import NoteWriter
from desktop.progress import ProgressFn
from desktop.speakers.labeller import SpeakerLabeller
from desktop.store.encounters import EncounterStore
from desktop.store.retention import RetentionPolicy


@dataclass(frozen=True)
class Services:
    """What the controller needs from the outside; ``app/`` builds it, tests pass fakes."""

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
    second_pass: bool = False  # settle the live text with a second pass (Settings: off by default)
    repair_drafts: bool = True  # drafts are checked and repaired before the doctor reads them
    # Who is speaking: a new labeller per recording, made on the labelling worker's thread
    # (loads the voice encoder; may raise WeightsError). None: the transcript is not labelled.
    make_labeller: Callable[[], SpeakerLabeller] | None = None
