"""Map what the ``openai`` client raises to Scribe's note errors, one clear sentence each.

Messages name the server's address and the model (never a key, a transcript or a note).
"""

from __future__ import annotations

import email.utils
import socket
import time

import openai

from desktop.notes.base import (
    AuthenticationFailed,
    BackendFailed,
    BackendTimeout,
    BackendUnreachable,
    ModelNotFound,
    NoteError,
    RateLimited,
)
from desktop.notes.http_abort import httpx
from desktop.urls import host_of


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def map_error(exc: BaseException, *, base_url: str, model: str, streaming: bool) -> NoteError:
    """``streaming``: the answer had started arriving when ``exc`` happened."""
    host = host_of(base_url)
    if isinstance(exc, openai.APIStatusError):
        return _map_status(exc, host=host, model=model)
    if isinstance(exc, openai.APITimeoutError):
        if any(isinstance(e, httpx.ConnectTimeout) for e in _chain(exc)):
            return BackendTimeout(
                f"The note server at {host} did not accept the connection in time."
            )
        return BackendTimeout(
            f"The note server at {host} stopped answering before the draft was finished."
        )
    chain = _chain(exc)
    if isinstance(exc, openai.APIConnectionError):
        if streaming or any(isinstance(e, httpx.RemoteProtocolError) for e in chain):
            return BackendFailed(
                f"The connection to the note server at {host} broke while the draft was being "
                "written; the text so far is kept."
            )
        if any(isinstance(e, socket.gaierror) for e in chain):
            return BackendUnreachable(
                f"The note server's address ({host}) could not be found; check the address "
                "in Settings and the network."
            )
        return BackendUnreachable(
            f"Nothing answers at {host}; check that the note server is running and that its "
            "address is right."
        )
    if isinstance(exc, openai.APIError):
        return BackendFailed(
            f"The note server at {host} reported an error while writing the draft."
        )
    if isinstance(exc, (ValueError, TypeError, KeyError, IndexError, AttributeError)):
        return BackendFailed(f"The note server at {host} sent an answer that could not be read.")
    return BackendFailed(f"The note server at {host} failed ({type(exc).__name__}).")


def _map_status(exc: openai.APIStatusError, *, host: str, model: str) -> NoteError:
    code = exc.status_code
    if code in (401, 403):
        return AuthenticationFailed(
            f"The note server at {host} refused the API key (error {code}); check the key "
            "in Settings."
        )
    if code == 404:
        return ModelNotFound(
            f'The note server at {host} has no model "{model}" (error 404); choose a model '
            "from its list in Settings, or check the server address."
        )
    if code == 429:
        return RateLimited(
            f"The note server at {host} is limiting requests (error 429); try again in a minute."
        )
    if code >= 500:
        return BackendFailed(
            f"The note server at {host} had an internal error (error {code}); try again in a "
            "moment."
        )
    return BackendFailed(f"The note server at {host} refused the request (error {code}).")


def retry_after_s(exc: openai.APIStatusError, *, default: float = 2.0) -> float:
    """Seconds the server asked us to wait (``Retry-After``: seconds or an HTTP date)."""
    value = exc.response.headers.get("retry-after", "").strip()
    if not value:
        ms = exc.response.headers.get("retry-after-ms", "").strip()
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())
