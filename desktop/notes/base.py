"""What every note backend provides, and the errors they may raise.

Each error class has one sentence for the doctor (``str(error)``); the UI shows it as is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from desktop.cancel import CancelToken
from desktop.errors import ScribeError
from desktop.progress import Progress


@dataclass(frozen=True)
class Template:
    id: str  # "soap", "cr_consultation"...
    language: str  # "en" | "fr"
    title: str  # shown in the template choice
    kind: str  # note | letter | prescription | instructions
    instructions: str  # what the model is asked to write (system prompt body)
    builtin: bool = True
    mark: str = ""  # a first line the software always puts on the draft, e.g. "draft to verify"
    standing: tuple[str, ...] = ()  # the doctor's standing instructions, applied to every draft


@dataclass(frozen=True)
class DraftRequest:
    transcript: str
    template: Template
    note_language: str  # "en" | "fr"
    context: str = ""  # free text from the doctor (age, sex, known history)
    # A follow-up question about the model's own answer (the repair of a draft): the chat then
    # holds the draft request, ``answer`` as the assistant's turn, and ``follow_up`` as the next
    # user turn. Same prefix as the draft, so a llama.cpp server reads only the new question.
    answer: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class ModelInfo:
    id: str


class NoteWriter(Protocol):
    """A way to draft documents. ``stream`` yields text chunks as they arrive.

    Thread: called from a worker thread. Closing the generator, or cancelling the token, stops
    the request at once (the HTTP stream is closed).
    ``prepare`` does any slow start-up (joining the local model, starting its server), yielding
    Progress as it goes; it returns at once when there is nothing to do.
    """

    name: str
    model: str

    def prepare(self, cancel: CancelToken) -> Iterator[Progress]: ...

    def stream(self, request: DraftRequest, *, cancel: CancelToken | None = None) -> Iterator[str]:
        """Yield the draft's text as it arrives. ``cancel`` (optional) aborts the request at once
        from any thread; the generator then ends quietly."""
        ...

    def list_models(self) -> list[ModelInfo]: ...

    def close(self) -> None:
        """Release what the writer holds (the built-in model's server); safe to call twice."""
        ...


@runtime_checkable
class SharesCores(Protocol):
    """A writer whose model runs on this computer and may use the cores nobody else is using
    (the built-in one): not while a recording is under way, when the transcriber needs them."""

    def use_spare_cores(self, allowed: bool) -> None: ...


class NoteError(ScribeError):
    """A draft could not be produced."""


class EmptyTranscript(NoteError):
    pass


class BackendUnreachable(NoteError):
    pass


class AuthenticationFailed(NoteError):
    pass


class ModelNotFound(NoteError):
    pass


class RateLimited(NoteError):
    pass


class BackendTimeout(NoteError):
    pass


class BackendFailed(NoteError):
    """The server answered with an error or with something that is not a usable draft."""


class RepairFailed(NoteError):
    """The draft was written, but checking and repairing it failed: the first draft is kept."""


class LocalServerFailed(NoteError):
    """The built-in local note model could not be started."""


def require_transcript(request: DraftRequest) -> None:
    if not request.transcript.strip():
        raise EmptyTranscript(
            "There is no transcript to draft from yet: record the consultation first."
        )
