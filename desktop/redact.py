"""Credentials out of text bound for a log: ``redact`` masks what a server address may carry.

A doctor may type a server address with its credentials in it (``https://user:secret@host/v1``,
``...?api-key=...``); the HTTP libraries log the addresses they call, and error messages quote
them. Every line Scribe's log handlers write goes through ``redact`` (``desktop.logs``): the user
and password of an address, the value of a query parameter whose name says key, token, secret,
password, signature or auth, and the value of an ``Authorization`` header become ``***``.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;][^=&\s#/]*(?:key|token|secret|passw|pwd|auth|sig|credential|session)"
    r"[^=&\s#/]*=)[^&\s#'\"]+"
)
_AUTH_VALUE = re.compile(r"(?i)\b(bearer|basic)\s+[a-z0-9._~+/=-]{4,}")


def redact(text: str) -> str:
    text = _USERINFO.sub(rf"\1{MASK}@", text)
    text = _SECRET_PARAM.sub(rf"\1{MASK}", text)
    return _AUTH_VALUE.sub(rf"\1 {MASK}", text)


class RedactingFormatter(logging.Formatter):
    """Formats a record (message, traceback and all), then redacts the whole line."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
