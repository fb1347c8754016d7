"""Retention deletes what is due and nothing else (time injected), and deleted text is gone from
the database and WAL files (grep on an unencrypted store, where a kept phrase stays visible)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.asr.base import Segment
from desktop.store import EncounterStore
from desktop.store.retention import DAY, HOUR, RetentionPolicy, apply_retention
from tests.unit.test_store_support import T0, files_bytes, no_keychain, open_at

NOW = T0 + 30 * DAY
GONE = "ancient zebra kumquat complaint"
KEPT = "fresh lavender harmonica complaint"


def _encounter(
    store: EncounterStore,
    eid: str,
    *,
    started: float,
    ended: float | None,
    copied: bool = False,
    text: str = "routine words",
) -> Path:
    audio = store.audio_path_for(eid)
    audio.write_bytes(b"audio of " + eid.encode())
    store.create(encounter_id=eid, started_at=started, language="en", audio_path=audio)
    store.append_segments(eid, [Segment(0, 2, text)])
    store.save_document(eid, "soap", f"Note: {text}")
    if copied:
        store.mark_copied(eid, "soap", at=started + 60)
    if ended is not None:
        store.finish(eid, at=ended)
    return audio


def _aged(path: Path, mtime: float) -> Path:
    path.write_bytes(b"old bytes")
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def store(tmp_path: Path) -> EncounterStore:
    result = open_at(tmp_path, secrets=no_keychain(), allow_unencrypted=True)
    assert result.store is not None and not result.encrypted
    return result.store


def test_deletes_what_is_due_and_nothing_else(store: EncounterStore, tmp_path: Path) -> None:
    audio = {
        "ancient": _encounter(store, "ancient", started=NOW - 8 * DAY, ended=NOW - 8 * DAY + 900,
                              text=GONE),
        "copied": _encounter(store, "copied", started=NOW - 2 * HOUR, ended=NOW - 1.5 * HOUR,
                             copied=True),
        "old-audio": _encounter(store, "old-audio", started=NOW - 30 * HOUR, ended=NOW - 29 * HOUR),
        "fresh": _encounter(store, "fresh", started=NOW - HOUR, ended=NOW - 0.5 * HOUR, text=KEPT),
        "recording": _encounter(store, "recording", started=NOW - 8 * DAY, ended=None),
        "interrupted": _encounter(store, "interrupted", started=NOW - 2 * HOUR, ended=None,
                                  copied=True),
        "crashed-long-ago": _encounter(store, "crashed-long-ago", started=NOW - 3 * DAY,
                                       ended=None),
    }  # fmt: skip
    old_orphan = _aged(store.audio_dir / "orphan.scra", NOW - 2 * DAY)
    new_orphan = _aged(store.audio_dir / "new-orphan.wav", NOW - 600)
    not_audio = _aged(store.audio_dir / "readme.txt", NOW - 20 * DAY)
    old_backup = _aged(tmp_path / "scribe.db.damaged-20260101-000000", NOW - 9 * DAY)
    new_backup = _aged(tmp_path / "scribe.db.damaged-20260120-000000", NOW - DAY)
    assert GONE.encode() in files_bytes(tmp_path)  # the grep below can see the phrase

    report = apply_retention(store, now=NOW, policy=RetentionPolicy(), keep={"recording"})

    assert report.encounters_deleted == 1  # ancient
    assert report.audio_files_deleted == 4  # ancient, copied, old-audio, old orphan
    assert report.other_files_deleted == 1 and report.compacted and report.anything
    assert {s.id for s in store.list_recent()} == {
        "copied", "old-audio", "fresh", "recording", "interrupted", "crashed-long-ago"
    }  # fmt: skip
    gone = {"ancient", "copied", "old-audio"}
    for eid, path in audio.items():
        assert path.exists() == (eid not in gone), eid
    assert store.load("copied").transcript_text == "routine words"  # only the audio went
    assert not old_orphan.exists() and new_orphan.exists() and not_audio.exists()
    assert not old_backup.exists() and new_backup.exists()

    on_disk = files_bytes(tmp_path)
    assert GONE.encode() not in on_disk  # no recoverable copy in the DB or WAL files
    assert KEPT.encode() in on_disk  # ...while kept text is still there (unencrypted store)

    again = apply_retention(store, now=NOW, policy=RetentionPolicy(), keep={"recording"})
    assert not again.anything and not again.compacted


def test_policy_switches(store: EncounterStore) -> None:
    copied = _encounter(store, "copied", started=NOW - 2 * HOUR, ended=NOW - HOUR, copied=True)
    old = _encounter(store, "old", started=NOW - 40 * DAY, ended=NOW - 40 * DAY + 60)
    keep_copied_audio = RetentionPolicy(keep_days=0, audio_keep_hours=0,
                                        delete_audio_after_copy=False)  # fmt: skip
    report = apply_retention(store, now=NOW, policy=keep_copied_audio)
    assert not report.anything and copied.exists() and old.exists()

    hours_only = RetentionPolicy(keep_days=0, audio_keep_hours=24, delete_audio_after_copy=False)
    report = apply_retention(store, now=NOW, policy=hours_only)
    assert report.audio_files_deleted == 1 and not old.exists() and copied.exists()
    assert {s.id for s in store.list_recent()} == {"copied", "old"}

    report = apply_retention(store, now=NOW + 23 * HOUR - 1, policy=hours_only)
    assert not report.anything and copied.exists()  # ended 1 s less than 24 h ago: not yet
    report = apply_retention(store, now=NOW + 23 * HOUR, policy=hours_only)
    assert report.audio_files_deleted == 1 and not copied.exists()


def test_encrypted_store_deletes_too(tmp_path: Path) -> None:
    store = open_at(tmp_path).store
    assert store is not None and store.encrypted
    _encounter(store, "ancient", started=NOW - 8 * DAY, ended=NOW - 8 * DAY + 60)
    report = apply_retention(store, now=NOW, policy=RetentionPolicy())
    assert report.encounters_deleted == 1 and store.list_recent() == []


def test_deleting_one_encounter_leaves_no_copy(store: EncounterStore, tmp_path: Path) -> None:
    _encounter(store, "gone", started=NOW - HOUR, ended=NOW, text=GONE)
    _encounter(store, "kept", started=NOW - HOUR, ended=NOW, text=KEPT)
    store.save_document("gone", "soap", f"Second version: {GONE}", new_version=True)
    assert GONE.encode() in files_bytes(tmp_path)
    store.delete("gone")  # what the history panel's Delete does (no VACUUM)
    on_disk = files_bytes(tmp_path)
    assert GONE.encode() not in on_disk and KEPT.encode() in on_disk
