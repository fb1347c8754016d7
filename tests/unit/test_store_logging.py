"""Log hygiene: a whole store session at DEBUG level (recording, autosaves, copy, history,
recovery, retention, errors, a damaged database) writes ids and lengths only — none of the
transcript or note phrases, and no key — to the rotating log file or any logger."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from desktop.asr.base import Segment
from desktop.logs import LOG_FILE, setup_logging
from desktop.paths import AppPaths
from desktop.pcm import SAMPLE_RATE
from desktop.secrets import NOTES_API_KEY, SERVICE, STORE_KEY
from desktop.store import StoreError, StoreKeyError
from desktop.store.retention import DAY, RetentionPolicy, apply_retention
from tests.support.memory_keyring import MemoryKeyring
from tests.unit.test_store_support import T0, Clock, no_keychain, open_at, secure_secrets

PHRASES = [
    "Marguerite Duchamp",  # a patient's name
    "douleur thoracique depuis mardi",
    "metformin 850 milligrams twice daily",
    "Dear Dr Okonkwo, thank you for seeing",
    "sk-live-PHRASE-api-key-0042",
]


@pytest.fixture
def log_file(paths: AppPaths) -> Iterator[Path]:
    root = logging.getLogger()
    handlers = list(root.handlers)
    level = root.level
    setup_logging(paths, verbose=True)
    yield paths.log_dir / LOG_FILE
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _session(root: Path, ring: MemoryKeyring, clock: Clock) -> None:
    secrets = secure_secrets(ring)
    secrets.set(NOTES_API_KEY, PHRASES[4])
    store = open_at(root, secrets=secrets, clock=clock).store
    assert store is not None
    audio_path = store.audio_path_for("visit-1")
    store.create(encounter_id="visit-1", started_at=clock(), language="fr", audio_path=audio_path)
    recorder = store.open_recorder(audio_path)
    recorder.write(np.zeros(SAMPLE_RATE * 2, dtype=np.float32))
    store.append_segments("visit-1", [Segment(0, 2, f"Je suis {PHRASES[0]}")])
    store.append_segments("visit-1", [Segment(2, 4, PHRASES[1])])
    for i in range(3):
        clock.advance(30)
        store.save_document("visit-1", "soap", f"{PHRASES[2]} v{i}")
    store.save_document("visit-1", "letter", PHRASES[3], new_version=True)
    store.mark_copied("visit-1", "letter")
    store.list_recent()
    store.interrupted()
    store.recovery("visit-1")
    store.read_audio(audio_path)
    recorder.close()
    store.finish("visit-1")
    store.versions("visit-1", "soap")
    with pytest.raises(StoreError):
        store.save_document("missing", "soap", PHRASES[2])
    store.close()

    other = open_at(root, secrets=no_keychain(), allow_unencrypted=True).store
    assert other is not None
    with pytest.raises(StoreKeyError):
        other.load("visit-1")
    other.close()
    (root / "scribe.db").write_bytes(PHRASES[1].encode() * 200)  # damaged: set aside
    repaired = open_at(root, secrets=secrets, clock=clock).store
    assert repaired is not None
    repaired.create(encounter_id="visit-2", started_at=clock(), language="en", audio_path=None)
    repaired.append_segments("visit-2", [Segment(0, 1, PHRASES[0])])
    apply_retention(repaired, now=clock() + 30 * DAY, policy=RetentionPolicy())
    repaired.close()


def test_store_session_logs_no_text(
    log_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ring, clock = MemoryKeyring(), Clock(T0)
    _session(tmp_path / "data", ring, clock)
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    assert "store: encounter visit-1 created" in written  # the session was logged...
    assert "set aside" in written and "retention:" in written and "(length " in written
    assert "segments added" in written and "chars)" in written  # DEBUG lines too
    key = ring.get_password(SERVICE, STORE_KEY)
    assert key and len(base64.b64decode(key)) == 32
    forbidden = [*PHRASES, key, "Je suis"]
    for text in (written, caplog.text):
        for phrase in forbidden:
            assert phrase not in text, phrase  # ...with ids and lengths only
