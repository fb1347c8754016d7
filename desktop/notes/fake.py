"""A note writer for unit and UI tests: streams a deterministic draft built from the request.

``answers`` scripts what the next requests get back, in order (then the built-in behaviour
resumes); ``fail_after`` makes every request fail with BackendUnreachable after that many chunks
(a server that dies mid-answer); ``fail_from`` makes the request of that number (1-based) and
every later one fail at once (a server that dies after the draft). A revision request with no
scripted answer gets its text back with the instruction added as a last line, so the command
line can be tested end to end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from desktop.cancel import CancelToken
from desktop.notes.base import BackendUnreachable, DraftRequest, ModelInfo, require_transcript
from desktop.notes.prompts import REVISE_KIND
from desktop.progress import Progress


class FakeNoteWriter:
    name = "fake"

    def __init__(
        self,
        *,
        model: str = "fake-model",
        chunk_words: int = 2,
        answers: Sequence[str] = (),
        fail_after: int | None = None,
        fail_from: int | None = None,
    ) -> None:
        self.model = model
        self._chunk_words = chunk_words
        self._answers = list(answers)
        self._fail_after = fail_after
        self._fail_from = fail_from
        self.requests: list[DraftRequest] = []

    def draft_text(self, request: DraftRequest) -> str:
        if self._answers:
            return self._answers.pop(0)
        if request.template.kind == REVISE_KIND:
            return _echo_revision(request.transcript)
        words = request.transcript.split()
        return (
            f"{request.template.title}\n\n"
            f"Summary: {' '.join(words[:12])}\n"
            f"Language: {request.note_language}\n"
        )

    def prepare(self, cancel: CancelToken) -> Iterator[Progress]:
        return iter(())

    def stream(self, request: DraftRequest, *, cancel: CancelToken | None = None) -> Iterator[str]:
        require_transcript(request)
        self.requests.append(request)
        if self._fail_from is not None and len(self.requests) >= self._fail_from:
            raise BackendUnreachable("The note server stopped answering (fake).")
        words = self.draft_text(request).split(" ")
        for n, i in enumerate(range(0, len(words), self._chunk_words)):
            if cancel is not None and cancel.is_cancelled():
                return
            if self._fail_after is not None and n >= self._fail_after:
                raise BackendUnreachable("The note server stopped answering (fake).")
            yield " ".join(words[i : i + self._chunk_words]) + (
                " " if i + self._chunk_words < len(words) else ""
            )

    def list_models(self) -> list[ModelInfo]:
        return [ModelInfo(self.model)]

    def close(self) -> None:
        """Nothing to release."""


def _echo_revision(prompt: str) -> str:
    text = re.search(r'"""\n(.*?)\n"""', prompt, re.S)
    instruction = re.search(r"^Instruction: (.*)$", prompt, re.M)
    body = text.group(1) if text else ""
    return f"{body}\n{instruction.group(1) if instruction else ''}".strip()
