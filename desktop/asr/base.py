"""What every transcription backend provides, and the errors they may raise.

Audio crosses this boundary as float32 mono samples at 16 kHz (``desktop.pcm``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from desktop.errors import ScribeError
from desktop.pcm import SAMPLE_RATE, Audio  # noqa: F401  (the boundary's audio type)
from desktop.progress import ProgressFn as LoadProgress  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Segment:
    start: float  # seconds from the start of the encounter's audio
    end: float
    text: str
    # Who said it (``desktop.speakers``: "doctor", "patient", "speaker 1".., None = not known) and
    # whether that is a guess (too short to tell, or as near one voice as another). Kept apart
    # from the text: ``dataclasses.replace(segment, text=...)`` keeps them.
    speaker: str | None = None
    speaker_uncertain: bool = False


@dataclass(frozen=True)
class Transcript:
    segments: tuple[Segment, ...]
    language: str  # ISO code the backend used or detected ("en", "fr"...)

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())


def within(segments: Sequence[Segment], start: float, end: float) -> tuple[Segment, ...]:
    """The segments with text, their times kept within ``start``..``end`` (the audio they were
    decoded from). Whisper's last timestamp may overshoot what it heard: a live segment of an
    utterance ending at 160.7 s once claimed to end at 173.5 s, and the second pass then took a
    window of audio not yet heard, whose text replaced the next utterances'."""
    return tuple(
        replace(s, start=min(max(s.start, start), end), end=min(max(s.end, start), end))
        for s in segments
        if s.text.strip()
    )


@dataclass(frozen=True)
class DecodeOptions:
    language: str | None = None  # None = detect
    prompt: str = ""  # previous committed text, vocabulary
    hotwords: tuple[str, ...] = ()
    beam_size: int = 5
    vad: bool = True
    offset_s: float = 0.0  # added to every segment's times
    extra: dict[str, object] = field(default_factory=dict)
    # Live use: a local backend may encode a shorter window than Whisper's padded 30 s and return
    # one segment for the stretch. ~3× cheaper for utterances; backends may ignore it.
    quick_window: bool = False
    # Live finals: the audio of the utterances just before this one and their committed text.
    # A local backend puts the audio before the utterance in one window, so the utterance is
    # heard in context; backends may ignore it (the prompt still ends with that text).
    context: Audio | None = None
    context_text: str = ""


class Transcriber(Protocol):
    """A loaded speech-to-text model. Thread: called from one worker thread at a time."""

    name: str

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript: ...

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        """Return (language code, probability) for a stretch of speech."""
        ...


class LiveExtras(Protocol):
    """Optional extras a backend may offer the live policy (``LiveTranscription`` checks for them).

    ``guess_tail``: a cheap greedy decode for the tentative tail (else ``transcribe`` with beam 1),
    given the audio and text of the utterances just before it as context.
    ``live_partials = False``: no partial decodes at all (a remote server: finals only).
    ``language_probabilities``: every language's probability, so "auto" can choose among the
    languages the app offers (else ``detect_language``'s single answer is used).
    """

    live_partials: bool

    def guess_tail(
        self,
        audio: Audio,
        *,
        language: str | None,
        prompt: str = "",
        context: Audio | None = None,
        context_text: str = "",
    ) -> str: ...

    def language_probabilities(self, audio: Audio) -> dict[str, float]: ...


class TranscriptionError(ScribeError):
    """Speech could not be turned into text."""


class ModelUnavailable(TranscriptionError):
    """The speech model cannot be found or loaded."""


class RemoteTranscriptionError(TranscriptionError):
    """The transcription server failed or could not be reached."""


# --- What the live transcription yields, in order, to the controller ---------------------------


@dataclass(frozen=True)
class Partial:
    """The tentative tail: may change or vanish; shown greyed."""

    text: str


@dataclass(frozen=True)
class Committed:
    """Final text for a finished utterance: never changes afterwards."""

    segments: tuple[Segment, ...]
    language: str
    # The utterance's audio and where it starts (seconds), for telling who spoke it.
    audio: Audio | None = field(default=None, repr=False, compare=False)
    audio_start_s: float = 0.0


@dataclass(frozen=True)
class Backlog:
    """How far (seconds of audio) the transcriber is behind the microphone."""

    seconds: float
