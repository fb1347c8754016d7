"""Draft documents through any OpenAI-compatible chat server, with the ``openai`` client.

Threads: ``stream`` and ``list_models`` run on a worker thread. ``CancelToken.cancel()`` (from the
GUI thread) shuts the request's sockets down at once (see ``http_abort``), so a cancelled draft
stops the server's generation and the worker's blocked read returns; the text already yielded is
the caller's to keep. Each request uses its own HTTP client, so cancelling one touches no other.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import openai

from desktop.cancel import CancelToken
from desktop.config import NotesSettings
from desktop.notes.base import (
    BackendFailed,
    BackendUnreachable,
    DraftRequest,
    ModelInfo,
    ModelNotFound,
    NoteError,
    require_transcript,
)
from desktop.notes.error_map import map_error, retry_after_s
from desktop.notes.http_abort import Abortable
from desktop.notes.presets import get_preset
from desktop.notes.prompts import draft_messages
from desktop.paths import AppPaths
from desktop.progress import Progress
from desktop.urls import host_of, split_address

log = logging.getLogger(__name__)

NO_KEY = "no-key"  # servers that take no key still need a non-empty bearer value
# llama.cpp's own sampling options against loops (the built-in model repeated lines): sent in the
# request body only to llama.cpp servers; OpenAI, Azure and the others never see them.
LLAMA_CPP_SAMPLING: dict[str, float] = {"repeat_penalty": 1.1, "frequency_penalty": 0.1}
LLAMA_CPP_PRESETS = frozenset({"builtin", "llamacpp"})


class _RetryLater(Exception):
    def __init__(self, wait_s: float, error: NoteError) -> None:
        super().__init__("rate limited")
        self.wait_s = wait_s
        self.error = error


class OpenAICompatibleWriter:
    """``NoteWriter`` over ``/v1/chat/completions`` (streamed by default) and ``/v1/models``."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        name: str = "custom",
        azure_api_version: str = "",
        streaming: bool = True,
        connect_timeout_s: float = 10.0,
        read_timeout_s: float = 120.0,
        max_tokens: int = 1500,
        temperature: float = 0.2,
        max_retry_wait_s: float = 30.0,
        extra_body: dict[str, float] | None = None,
        pre_reads: bool = False,
    ) -> None:
        self.name = name
        self.model = model
        # The address's query and credentials travel apart from it (``desktop.urls``).
        self._address = split_address(base_url)
        self.base_url = self._address.base_url
        self._api_key = api_key or NO_KEY
        self._azure_api_version = azure_api_version
        self.streaming = streaming
        self._connect_timeout_s = connect_timeout_s
        self._read_timeout_s = read_timeout_s
        self._max_tokens = max_tokens
        self._temperature = temperature
        self._max_retry_wait_s = max_retry_wait_s
        self._extra_body = dict(extra_body or {})  # server-specific request fields
        self.pre_reads = pre_reads  # send the draft's prompt ahead (desktop.notes.pre_read)

    @classmethod
    def from_settings(
        cls, settings: NotesSettings, *, api_key: str | None, paths: AppPaths
    ) -> OpenAICompatibleWriter:
        preset = get_preset(settings.preset)
        return cls(
            base_url=settings.base_url or preset.base_url,
            model=settings.model or preset.default_model,
            api_key=api_key,
            name=preset.id,
            azure_api_version=settings.azure_api_version if preset.azure else "",
            read_timeout_s=settings.request_timeout_s,
            extra_body=LLAMA_CPP_SAMPLING if preset.id in LLAMA_CPP_PRESETS else None,
            pre_reads=settings.pre_read_remote,
        )

    # --- NoteWriter --------------------------------------------------------------------------

    def prepare(self, cancel: CancelToken) -> Iterator[Progress]:
        return iter(())

    def stream(self, request: DraftRequest, *, cancel: CancelToken | None = None) -> Iterator[str]:
        require_transcript(request)
        token = cancel or CancelToken()
        messages = [{"role": m.role, "content": m.content} for m in draft_messages(request)]
        log.info(
            "draft request: backend=%s model=%s template=%s lang=%s transcript_chars=%d",
            self.name,
            self.model,
            request.template.id,
            request.note_language,
            len(request.transcript),
        )
        for attempt in (1, 2):
            try:
                yield from self._attempt(messages, token)
                return
            except _RetryLater as later:
                if attempt == 2 or later.wait_s > self._max_retry_wait_s:
                    raise later.error from None
                log.info("draft: rate limited, retrying once in %.1f s", later.wait_s)
                if token.wait(later.wait_s):
                    return

    def pre_read(self, request: DraftRequest, cancel: CancelToken) -> Iterator[Progress]:
        """Send the draft's prompt for one token only, so a server that keeps its prompt cache
        (llama.cpp, vLLM with prefix caching) has read it when the draft comes. Only when
        ``pre_reads``; raises NoteError like a draft (the caller stays silent about it)."""
        if not self.pre_reads:  # (an empty transcript still reads the rules and instructions)
            return
        messages = [{"role": m.role, "content": m.content} for m in draft_messages(request)]
        http = self._http(read_timeout_s=self._read_timeout_s)
        cancel.on_cancel(http.abort)
        try:
            kwargs: dict[str, Any] = {"model": self.model, "messages": messages, "max_tokens": 1}
            self._client(http).chat.completions.create(**kwargs)
        except NoteError:
            raise
        except Exception as exc:
            if cancel.is_cancelled():
                return
            raise map_error(exc, base_url=self.base_url, model=self.model, streaming=False) from exc
        finally:
            http.close()
        log.info("pre-read: %d transcript chars", len(request.transcript))
        yield from ()

    def list_models(self) -> list[ModelInfo]:
        http = self._http(read_timeout_s=min(self._read_timeout_s, 30.0))
        try:
            page = self._client(http).models.list()
            models = [ModelInfo(str(m.id)) for m in page.data if getattr(m, "id", None)]
        except NoteError:
            raise
        except Exception as exc:
            raise map_error(exc, base_url=self.base_url, model=self.model, streaming=False) from exc
        finally:
            http.close()
        log.info("models: backend=%s count=%d", self.name, len(models))
        return models

    def close(self) -> None:
        """Nothing stays open between requests."""

    # --- internals ---------------------------------------------------------------------------

    def _http(self, *, read_timeout_s: float) -> Abortable:
        return Abortable(connect_timeout_s=self._connect_timeout_s, read_timeout_s=read_timeout_s)

    def _client(self, http: Abortable) -> openai.OpenAI:
        if not self.base_url.startswith(("http://", "https://")):
            raise BackendUnreachable(
                "The note server's address is missing or is not an http(s) address; enter it "
                "in Settings."
            )
        if self._azure_api_version:
            return openai.AzureOpenAI(
                azure_endpoint=self.base_url,
                api_version=self._azure_api_version,
                api_key=self._api_key,
                http_client=http.client,
                max_retries=0,
                default_query=self._address.query or None,
                default_headers=self._address.auth_headers() or None,
            )
        return openai.OpenAI(
            base_url=self.base_url,
            api_key=self._api_key,
            http_client=http.client,
            max_retries=0,
            default_query=self._address.query or None,
            default_headers=self._address.auth_headers() or None,
        )

    def _attempt(self, messages: list[dict[str, str]], cancel: CancelToken) -> Iterator[str]:
        http = self._http(read_timeout_s=self._read_timeout_s)
        cancel.on_cancel(http.abort)
        chars = 0  # of text already yielded
        try:
            for text in self._texts(self._client(http), messages):
                chars += len(text)
                yield text
        except openai.RateLimitError as exc:
            if cancel.is_cancelled():
                return
            error = map_error(exc, base_url=self.base_url, model=self.model, streaming=False)
            raise _RetryLater(retry_after_s(exc), error) from exc
        except NoteError:
            raise
        except Exception as exc:
            if cancel.is_cancelled():
                log.info("draft: cancelled after %d chars", chars)
                return
            raise map_error(
                exc, base_url=self.base_url, model=self.model, streaming=chars > 0
            ) from exc
        finally:
            http.close()
        if cancel.is_cancelled():
            return
        if chars == 0:
            raise BackendFailed(
                f"The note server at {host_of(self.base_url)} returned an empty draft; try again "
                "or choose another model."
            )
        log.info("draft: done, %d chars", chars)

    def _texts(self, client: openai.OpenAI, messages: list[dict[str, str]]) -> Iterator[str]:
        """The answer's non-empty text pieces, streamed or in one piece."""
        if not self.model:
            raise ModelNotFound("No note model is chosen; pick one from the list in Settings.")
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": self._max_tokens,
            "temperature": self._temperature,
        }
        if self._extra_body:
            kwargs["extra_body"] = self._extra_body
        if not self.streaming:
            text = _message_text(client.chat.completions.create(**kwargs))
            if text:
                yield text
            return
        chunks = client.chat.completions.create(stream=True, **kwargs)
        content_type = chunks.response.headers.get("content-type", "")
        if not content_type.startswith("text/event-stream"):
            # A server (or proxy) that ignores "stream": read its answer as one whole completion.
            body = json.loads(chunks.response.read())
            choice = body["choices"][0]
            text = choice["message"]["content"]
            if not isinstance(text, str):
                raise TypeError("no text in the answer")
            if text.strip():
                yield text.strip()
            return
        for chunk in chunks:
            text = _chunk_text(chunk)
            if text:
                yield text


def _chunk_text(chunk: Any) -> str:
    choices = getattr(chunk, "choices", None)
    if not choices:
        return ""
    delta = getattr(choices[0], "delta", None)
    content = getattr(delta, "content", None)
    return content if isinstance(content, str) else ""


def _message_text(completion: Any) -> str:
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise ValueError("not a chat completion")
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    return content.strip() if isinstance(content, str) else ""
