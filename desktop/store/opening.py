"""Opening the encounter store: fetch the key from the keychain, open or repair the database.

Runs on the GUI thread at start-up (fast: a keychain read and a SQLite quick_check).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.notices import STORE_OLDER_ENCRYPTED, Notice
from desktop.secrets import Secrets
from desktop.store.crypto import RowCipher, load_or_create_key
from desktop.store.encounters import EncounterStore
from desktop.store.sqlite_file import open_database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenResult:
    """``store`` is None only when ``encryption_unavailable`` and unencrypted storage was not
    allowed: ask the doctor (showing ``encryption_reason``), then open again with
    ``allow_unencrypted=True`` if they agree."""

    store: EncounterStore | None
    encrypted: bool  # new text and audio are encrypted
    encryption_unavailable: bool  # no usable keychain (or key): storing would be unencrypted
    encryption_reason: str = ""  # one sentence: why encryption is unavailable
    notice: Notice | None = None  # one sentence for the doctor: the database was set aside, or
    # older encounters cannot be read without the keychain (None when all is well)
    set_aside: Path | None = None  # where a damaged database was moved


def open_store(
    path: Path,
    *,
    audio_dir: Path,
    secrets: Secrets,
    allow_unencrypted: bool = False,
    clock: Callable[[], float] = time.time,
) -> OpenResult:
    """Raises ``StoreError`` only when the disk refuses; a damaged database is set aside."""
    key = load_or_create_key(secrets)
    if key.key is None and not allow_unencrypted:
        log.warning("store: encryption unavailable; waiting for the doctor's consent")
        return OpenResult(None, False, True, key.reason)
    cipher = RowCipher(key.key)
    opened = open_database(path, cipher)
    audio_dir.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(audio_dir, 0o700)
        os.chmod(path.parent, 0o700)
    except OSError:
        pass
    notice = opened.notice
    if opened.older_encrypted and not notice:
        notice = Notice(
            STORE_OLDER_ENCRYPTED,
            "Earlier encounters are encrypted and cannot be read until the keychain is available.",
        )
    store = EncounterStore(
        conn=opened.conn, cipher=cipher, audio_dir=audio_dir, path=path, clock=clock
    )
    log.info(
        "store: opened (encrypted=%s, set aside=%s)", cipher.encrypting, bool(opened.set_aside)
    )
    return OpenResult(
        store=store,
        encrypted=cipher.encrypting,
        encryption_unavailable=key.key is None,
        encryption_reason=key.reason,
        notice=notice,
        set_aside=opened.set_aside,
    )
