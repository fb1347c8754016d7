"""The in-memory keyring the tests pass to ``desktop.secrets.Secrets`` (never shipped)."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
from jaraco.classes import properties


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring for tests. Secure, but forgets all.

    Never chosen by ``keyring.get_keyring()``: keyring auto-discovers every KeyringBackend
    subclass that is viable, and this one would otherwise pass for a secure keychain that
    forgets the encryption key at exit. Its priority raises, which makes it not viable.
    """

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("MemoryKeyring is only used when passed in explicitly")

    def __init__(self) -> None:
        super().__init__()
        self._values: dict[tuple[str, str], str] = {}
        self.fail_with: Exception | None = None  # tests: make every call raise this

    def _check(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self._values.get((service, username))

    def stored(self) -> dict[tuple[str, str], str]:
        """What it holds now, keyed by (service, name): a copy, for tests to inspect."""
        return dict(self._values)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if self._values.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")
