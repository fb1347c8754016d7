"""Secrets over an injected keyring: secure backends store, insecure ones are refused with a
reason, environment variables are read as a fallback, values never reach logs or errors."""

from __future__ import annotations

import logging

import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest

from desktop.errors import ScribeError
from desktop.secrets import (
    ENV_VARS,
    NOTES_API_KEY,
    SERVICE,
    STORE_KEY,
    TRANSCRIPTION_API_KEY,
    Secrets,
    SecretStoreUnavailable,
)
from tests.support.memory_keyring import MemoryKeyring

VALUE = "sk-test-Zq8v3-very-secret"


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file backend (not installed here): same name."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class ChainOf(keyring.backends.chainer.ChainerBackend):
    def __init__(self, parts: list[keyring.backend.KeyringBackend]) -> None:
        super().__init__()
        self._parts = parts

    @property
    def backends(self) -> list[keyring.backend.KeyringBackend]:
        return self._parts


ChainOf.__module__ = "keyring.backends.chainer"
ChainOf.__qualname__ = "ChainerBackend"


def test_secure_backend_round_trip() -> None:
    ring = MemoryKeyring()
    secrets = Secrets(keyring_backend=ring, environ={})
    assert secrets.is_secure()
    assert secrets.insecure_reason() == ""
    assert secrets.get(NOTES_API_KEY) is None
    secrets.set(NOTES_API_KEY, VALUE)
    assert secrets.get(NOTES_API_KEY) == VALUE
    assert ring.get_password(SERVICE, NOTES_API_KEY) == VALUE
    secrets.delete(NOTES_API_KEY)
    assert secrets.get(NOTES_API_KEY) is None
    secrets.delete(NOTES_API_KEY)  # deleting a missing secret is fine


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring(), PlaintextKeyring()],
    ids=["fail", "null", "plaintext"],
)
def test_insecure_backends_are_refused(backend: keyring.backend.KeyringBackend) -> None:
    secrets = Secrets(keyring_backend=backend, environ={})
    assert not secrets.is_secure()
    reason = secrets.insecure_reason()
    assert reason.startswith("Secrets cannot be stored safely")
    assert "SCRIBE_NOTES_API_KEY" in reason and "keychain" in reason.lower()
    with pytest.raises(SecretStoreUnavailable) as info:
        secrets.set(NOTES_API_KEY, VALUE)
    assert isinstance(info.value, ScribeError)
    assert VALUE not in str(info.value)
    assert secrets.get(NOTES_API_KEY) is None
    secrets.delete(NOTES_API_KEY)  # no-op, no crash


def test_plaintext_backend_is_never_written() -> None:
    ring = PlaintextKeyring()
    with pytest.raises(SecretStoreUnavailable):
        Secrets(keyring_backend=ring, environ={}).set(STORE_KEY, VALUE)
    assert ring.get_password(SERVICE, STORE_KEY) is None


def test_chainer_is_judged_by_its_parts() -> None:
    assert Secrets(keyring_backend=ChainOf([MemoryKeyring()]), environ={}).is_secure()
    assert not Secrets(keyring_backend=ChainOf([]), environ={}).is_secure()
    mixed = ChainOf([MemoryKeyring(), PlaintextKeyring()])
    assert "plain text" in Secrets(keyring_backend=mixed, environ={}).insecure_reason()


def test_environment_fallback_for_reading_only() -> None:
    env = {ENV_VARS[NOTES_API_KEY]: " env-key ", ENV_VARS[TRANSCRIPTION_API_KEY]: ""}
    assert ENV_VARS == {
        NOTES_API_KEY: "SCRIBE_NOTES_API_KEY",
        TRANSCRIPTION_API_KEY: "SCRIBE_TRANSCRIPTION_API_KEY",
    }
    insecure = Secrets(keyring_backend=keyring.backends.fail.Keyring(), environ=env)
    assert insecure.get(NOTES_API_KEY) == "env-key"
    assert insecure.get(TRANSCRIPTION_API_KEY) is None
    assert insecure.get(STORE_KEY) is None
    secure = Secrets(keyring_backend=MemoryKeyring(), environ=env)
    assert secure.get(NOTES_API_KEY) == "env-key"
    secure.set(NOTES_API_KEY, VALUE)
    assert secure.get(NOTES_API_KEY) == VALUE  # the keychain wins over the environment


def test_failing_keychain_maps_to_our_error_without_the_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ring = MemoryKeyring()
    secrets = Secrets(keyring_backend=ring, environ={ENV_VARS[NOTES_API_KEY]: "from-env"})
    ring.fail_with = keyring.errors.KeyringError(f"locked while storing {VALUE}")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SecretStoreUnavailable) as info:
        secrets.set(NOTES_API_KEY, VALUE)
    assert VALUE not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert secrets.get(NOTES_API_KEY) == "from-env"  # read failure falls back
    with pytest.raises(SecretStoreUnavailable):
        secrets.delete(NOTES_API_KEY)
    assert VALUE not in caplog.text


def test_values_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
    secrets.set(NOTES_API_KEY, VALUE)
    secrets.get(NOTES_API_KEY)
    secrets.delete(NOTES_API_KEY)
    assert NOTES_API_KEY in caplog.text  # names are logged...
    assert VALUE not in caplog.text  # ...values never


def test_read_keychain_tells_missing_from_unreadable() -> None:
    ring = MemoryKeyring()
    secrets = Secrets(keyring_backend=ring, environ={ENV_VARS[NOTES_API_KEY]: "from-env"})
    assert secrets.read_keychain(NOTES_API_KEY) is None  # missing; no environment fallback
    secrets.set(NOTES_API_KEY, VALUE)
    assert secrets.read_keychain(NOTES_API_KEY) == VALUE
    ring.fail_with = keyring.errors.KeyringError("locked")
    with pytest.raises(SecretStoreUnavailable, match="could not be read"):
        secrets.read_keychain(NOTES_API_KEY)
    insecure = Secrets(keyring_backend=keyring.backends.null.Keyring(), environ={})
    with pytest.raises(SecretStoreUnavailable, match="cannot be stored safely"):
        insecure.read_keychain(NOTES_API_KEY)


def test_memory_keyring_is_never_auto_discovered() -> None:
    import keyring.backend

    assert not MemoryKeyring.viable  # only ever used when passed in explicitly
    discovered = {type(k) for k in keyring.backend.get_all_keyring()}
    assert not any(issubclass(cls, MemoryKeyring) for cls in discovered)
