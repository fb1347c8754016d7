"""Progress of a long wait the doctor sees (joining a model, starting the note server...).

``stage`` is a stable code the UI turns into a translated sentence; ``fraction`` is 0..1, or
-1 when the length of the wait is unknown (the UI then shows a busy indicator).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Stage codes (the UI has one translated sentence for each).
JOINING_SPEECH_MODEL = "joining_speech_model"
LOADING_SPEECH_MODEL = "loading_speech_model"
JOINING_NOTE_MODEL = "joining_note_model"
STARTING_NOTE_SERVER = "starting_note_server"
CONDENSING_TRANSCRIPT = "condensing_transcript"
WAITING_FOR_FIRST_WORDS = "waiting_for_first_words"
CHECKING_DRAFT = "checking_draft"  # the draft is checked against the consultation and repaired
RECOVERING_TRANSCRIPT = "recovering_transcript"
FINISHING_TRANSCRIPT = "finishing_transcript"  # Stop pressed: the last words, then the draft


@dataclass(frozen=True)
class Progress:
    stage: str
    fraction: float = -1.0
    detail: str = ""  # e.g. "part 2 of 3"; never transcript text


ProgressFn = Callable[[Progress], None]
