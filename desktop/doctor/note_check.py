"""The note backend check: reachable (lists models), offers the chosen model, answers.

Threads: runs on the doctor's worker thread (it may start the built-in model's server).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from desktop.cancel import CancelToken
from desktop.doctor.result import CheckResult, Status
from desktop.errors import ScribeError
from desktop.notes.base import (
    AuthenticationFailed,
    BackendTimeout,
    BackendUnreachable,
    DraftRequest,
    LocalServerFailed,
    ModelNotFound,
    NoteWriter,
    RateLimited,
    Template,
)

log = logging.getLogger(__name__)


CHECK_TRANSCRIPT = "Doctor: Good morning, what brings you in? Patient: A dry cough for two days."
CHECK_TEMPLATE = Template(
    id="doctor-check",
    language="en",
    title="Check",
    kind="note",
    instructions="Write one short sentence summarising the visit.",
)
_NOTE_FIXES: tuple[tuple[type[Exception], str, str], ...] = (
    (
        BackendUnreachable,
        "unreachable",
        "Check the server address in Settings > Notes and that "
        "the server is running, or choose the built-in local model.",
    ),
    (AuthenticationFailed, "auth", "Enter a valid API key in Settings > Notes."),
    (
        ModelNotFound,
        "model_not_found",
        "Press Test connection in Settings > Notes and choose one of the models the server offers.",
    ),
    (
        BackendTimeout,
        "timeout",
        "The server is too slow: try again later, or choose a smaller model.",
    ),
    (
        RateLimited,
        "rate_limited",
        "Your account's limit is reached: wait, or raise the limit with your provider.",
    ),
    (
        LocalServerFailed,
        "local_failed",
        "Reinstall Scribe with its local note model, or choose a note server in Settings > Notes.",
    ),
)


def _note_failure(exc: ScribeError) -> CheckResult:
    for cls, code, fix in _NOTE_FIXES:
        if isinstance(exc, cls):
            return CheckResult("note_backend", Status.FAIL, code, str(exc), fix)
    return CheckResult(
        "note_backend",
        Status.FAIL,
        "failed",
        str(exc),
        "Check the note backend in Settings > Notes (Test connection shows what is wrong).",
    )


def check_note_backend(make_writer: Callable[[], NoteWriter], cancel: CancelToken) -> CheckResult:
    """Reachable (lists models), offers the chosen model, and answers a one-line request."""
    started = time.monotonic()
    writer: NoteWriter | None = None
    try:
        writer = make_writer()
        for _progress in writer.prepare(cancel):
            if cancel.is_cancelled():
                break
        models = [m.id for m in writer.list_models()]
        if writer.model and models and writer.model not in models:
            raise ModelNotFound(f'The note server does not offer the model "{writer.model}".')
        request = DraftRequest(CHECK_TRANSCRIPT, CHECK_TEMPLATE, note_language="en")
        stream = writer.stream(request)
        try:
            answered = any(chunk.strip() for chunk in stream)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
    except ScribeError as exc:
        return _note_failure(exc)
    finally:
        if writer is not None:
            writer.close()  # stops the built-in model's server
    seconds = time.monotonic() - started
    if not answered:
        return CheckResult(
            "note_backend",
            Status.FAIL,
            "no_answer",
            "The note backend is reachable but answered with no text.",
            "Choose another model in Settings > Notes.",
        )
    return CheckResult(
        "note_backend",
        Status.PASS,
        "ok",
        f"The note backend ({writer.name}, {writer.model or 'default model'}) answered in "
        f"{seconds:.1f} s.",
        "",
        seconds,
    )
