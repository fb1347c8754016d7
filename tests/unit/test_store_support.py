"""Helpers shared by the store tests (no tests here): an injectable clock, a store on a temp dir."""

from __future__ import annotations

from pathlib import Path

import keyring.backends.fail

from desktop.secrets import Secrets
from desktop.store import OpenResult
from desktop.store import opening as store_opening
from tests.support.memory_keyring import MemoryKeyring

T0 = 1_780_000_000.0  # a fixed "now" (2026) for deterministic times


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def secure_secrets(ring: MemoryKeyring | None = None) -> Secrets:
    return Secrets(keyring_backend=ring or MemoryKeyring(), environ={})


def no_keychain() -> Secrets:
    return Secrets(keyring_backend=keyring.backends.fail.Keyring(), environ={})


def open_at(
    root: Path,
    *,
    secrets: Secrets | None = None,
    clock: Clock | None = None,
    allow_unencrypted: bool = False,
) -> OpenResult:
    return store_opening.open_store(
        root / "scribe.db",
        audio_dir=root / "audio",
        secrets=secrets or secure_secrets(),
        allow_unencrypted=allow_unencrypted,
        clock=clock or Clock(),
    )


def files_bytes(root: Path) -> bytes:
    """Every byte of every file under ``root`` (database, WAL, audio...)."""
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())
