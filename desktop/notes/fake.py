"""A note writer for unit and UI tests: streams a deterministic draft built from the request."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.cancel import CancelToken
from desktop.notes.base import DraftRequest, ModelInfo, require_transcript
from desktop.progress import Progress


class FakeNoteWriter:
    name = "fake"

    def __init__(self, *, model: str = "fake-model", chunk_words: int = 2) -> None:
        self.model = model
        self._chunk_words = chunk_words
        self.requests: list[DraftRequest] = []

    def draft_text(self, request: DraftRequest) -> str:
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
        words = self.draft_text(request).split(" ")
        for i in range(0, len(words), self._chunk_words):
            if cancel is not None and cancel.is_cancelled():
                return
            yield " ".join(words[i : i + self._chunk_words]) + (
                " " if i + self._chunk_words < len(words) else ""
            )

    def list_models(self) -> list[ModelInfo]:
        return [ModelInfo(self.model)]

    def close(self) -> None:
        """Nothing to release."""
