"""Secrets (API keys, the encryption key) in the OS keychain, over a keyring backend passed in.

``app/`` passes ``keyring.get_keyring()``; tests pass a ``MemoryKeyring`` (``tests/support``).
Backends that would not keep a secret safely (keyring's ``fail`` and ``null`` backends, the
plaintext file backends of ``keyrings.alt``) are refused: ``is_secure()`` is False,
``insecure_reason()`` says why in one sentence, and ``set`` raises ``SecretStoreUnavailable``
instead of writing anything in plain text. Reading falls back to environment variables
(``ENV_VARS``) for the API keys, so a doctor on a machine without a keychain can still use a
remote backend.

Values never appear in logs, exceptions or settings: only secret *names* do.

Threads: a ``Secrets`` holds no state of its own beyond the backend; any thread may call it,
but OS keychains may block (an unlock prompt), so the UI calls it sparingly (at start and when
the doctor saves a key).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

import keyring.backend
import keyring.errors

from desktop.errors import ScribeError

log = logging.getLogger(__name__)

SERVICE = "Scribe"  # the keychain's service name for every Scribe secret

# Secret names (the keychain's "username" field). Documented here so every caller uses the same.
NOTES_API_KEY = "notes_api_key"
TRANSCRIPTION_API_KEY = "transcription_api_key"
STORE_KEY = "store_encryption_key"  # base64 AES-256 key for the encounter store

# Read-only fallbacks: consulted when the keychain holds nothing for that name.
ENV_VARS: dict[str, str] = {
    NOTES_API_KEY: "SCRIBE_NOTES_API_KEY",
    TRANSCRIPTION_API_KEY: "SCRIBE_TRANSCRIPTION_API_KEY",
}

# Backends refused, by "module.ClassName" (keyrings.alt is an optional third-party package).
_INSECURE = {
    "keyring.backends.fail.Keyring": "no keychain was found on this computer",
    "keyring.backends.null.Keyring": "the keychain is switched off (null backend)",
    "keyrings.alt.file.PlaintextKeyring": "the configured keychain stores secrets in plain text",
}
_OPTIONS = (
    " Install or unlock a system keychain (GNOME Keyring / KWallet on Linux, Keychain on macOS,"
    " Credential Manager on Windows), or set the API keys in the environment variables "
    + " and ".join(sorted(ENV_VARS.values()))
    + "."
)


class SecretStoreUnavailable(ScribeError):
    """No secure keychain: a secret cannot be saved (or the keychain failed)."""


def _qualname(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _insecure_why(backend: object) -> str:
    """Return '' for a usable backend, else the short reason it is refused."""
    name = _qualname(backend)
    if name in _INSECURE:
        return _INSECURE[name]
    if name.startswith("keyrings.alt.") and "Plaintext" in name:
        return "the configured keychain stores secrets in plain text"
    chained = getattr(backend, "backends", None)
    if name == "keyring.backends.chainer.ChainerBackend" and chained is not None:
        parts = list(chained)
        if not parts:
            return "no keychain was found on this computer"
        for part in parts:
            why = _insecure_why(part)
            if why:
                return why
    return ""


class Secrets:
    def __init__(
        self,
        *,
        keyring_backend: keyring.backend.KeyringBackend,
        environ: Mapping[str, str] | None = None,
        service: str = SERVICE,
    ) -> None:
        self._backend = keyring_backend
        self._environ = os.environ if environ is None else environ
        self._service = service
        self._why = _insecure_why(keyring_backend)

    def is_secure(self) -> bool:
        return not self._why

    def insecure_reason(self) -> str:
        """One sentence for the doctor ('' when the keychain is usable)."""
        if not self._why:
            return ""
        return f"Secrets cannot be stored safely: {self._why}." + _OPTIONS

    def read_keychain(self, name: str) -> str | None:
        """The keychain's own value (no environment fallback); None when it holds none. Raises
        ``SecretStoreUnavailable`` when the keychain is insecure or the read fails, so a caller
        can tell "missing" from "could not read" (never create a new key on a failed read)."""
        if not self.is_secure():
            raise SecretStoreUnavailable(self.insecure_reason())
        try:
            return self._backend.get_password(self._service, name) or None
        except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
            log.warning("secrets: keychain read failed for %s (%s)", name, type(exc).__name__)
            raise SecretStoreUnavailable(
                "The system keychain could not be read; unlock it and restart Scribe."
            ) from None

    def get(self, name: str) -> str | None:
        """The keychain's value, else the environment variable's, else None. Never raises for
        a missing secret; a failing keychain is logged (by name) and the fallback used."""
        value: str | None = None
        if self.is_secure():
            try:
                value = self._backend.get_password(self._service, name)
            except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
                log.warning("secrets: keychain read failed for %s (%s)", name, type(exc).__name__)
        if value:
            return value
        env_name = ENV_VARS.get(name)
        env_value = self._environ.get(env_name, "").strip() if env_name else ""
        return env_value or None

    def set(self, name: str, value: str) -> None:
        if not self.is_secure():
            raise SecretStoreUnavailable(self.insecure_reason())
        try:
            self._backend.set_password(self._service, name, value)
        except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
            log.warning("secrets: keychain write failed for %s (%s)", name, type(exc).__name__)
            raise SecretStoreUnavailable(
                "The system keychain refused to save the secret; unlock it and try again."
            ) from None
        log.info("secrets: saved %s (length %d)", name, len(value))

    def delete(self, name: str) -> None:
        """Forget a secret; deleting a missing one is not an error."""
        if not self.is_secure():
            return
        try:
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            return
        except (keyring.errors.KeyringError, OSError, RuntimeError) as exc:
            log.warning("secrets: keychain delete failed for %s (%s)", name, type(exc).__name__)
            raise SecretStoreUnavailable(
                "The system keychain refused to delete the secret; unlock it and try again."
            ) from None
        log.info("secrets: deleted %s", name)
