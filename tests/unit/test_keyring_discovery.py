"""The tests' in-memory keyring must never be mistaken for the system keychain."""

import keyring
import keyring.backend

from desktop.secrets import Secrets
from tests.support.memory_keyring import MemoryKeyring


def test_memory_keyring_is_never_auto_discovered():
    viable = keyring.backend.get_all_keyring()
    assert not any(isinstance(backend, MemoryKeyring) for backend in viable)
    assert not isinstance(keyring.get_keyring(), MemoryKeyring)


def test_memory_keyring_still_works_when_passed_in():
    secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
    secrets.set("notes_api_key", "sk-test")
    assert secrets.get("notes_api_key") == "sk-test"
