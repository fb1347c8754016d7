"""Retention: delete audio, then whole encounters, once their time is up — really delete.

Rules (each disabled by a value of 0):
- a finished encounter's audio goes once one of its documents has been copied
  (``delete_audio_after_copy``), or ``audio_keep_hours`` after it ended; an unfinished one
  (being recorded, or interrupted and waiting for recovery) keeps its audio;
- everything of an encounter (rows, audio) goes ``keep_days`` after it started, finished or not;
- audio files no encounter refers to (a crash before its row, a database set aside) and set-aside
  databases go once older than those same periods.
Deleted rows are zeroed (``secure_delete``), then the database is VACUUMed and its WAL
truncated, so no deleted text stays in the files.

Time is passed in (``now``). The lead runs ``apply_retention`` at start and hourly on a worker
thread (VACUUM takes the store's lock for a moment); ``keep`` protects any encounter entirely
(e.g. the one open on screen).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from desktop.store.encounters import EncounterStore
from desktop.store.files import orphan_files, remove_file

log = logging.getLogger(__name__)

HOUR = 3600.0
DAY = 24 * HOUR
AUDIO_SUFFIXES = (".wav", ".scra")


@dataclass(frozen=True)
class RetentionPolicy:
    """From ``PrivacySettings`` (app.py copies the values in)."""

    keep_days: int = 7
    audio_keep_hours: int = 24
    delete_audio_after_copy: bool = True


@dataclass(frozen=True)
class RetentionReport:
    encounters_deleted: int = 0
    audio_files_deleted: int = 0  # including orphans
    other_files_deleted: int = 0  # set-aside databases past keep_days
    compacted: bool = False

    @property
    def anything(self) -> bool:
        return bool(self.encounters_deleted or self.audio_files_deleted or self.other_files_deleted)


def _audio_due(store: EncounterStore, now: float, policy: RetentionPolicy, keep: set[str]) -> int:
    deleted = 0
    for held in store.audio_holdings():
        if held.encounter_id in keep or held.ended_at is None:
            continue  # being recorded, or interrupted and waiting for recovery
        copied = policy.delete_audio_after_copy and held.first_copied_at is not None
        age = now - held.ended_at
        expired = policy.audio_keep_hours > 0 and age >= policy.audio_keep_hours * HOUR
        if copied or expired:
            store.delete_audio(held.encounter_id)
            deleted += 1
    return deleted


def _set_aside_databases(store: EncounterStore, older_than: float) -> list[Path]:
    db = store.path
    if db is None:
        return []
    candidates = [p for p in db.parent.glob(f"{db.name}.*-*") if p.is_file()]
    return [p for p in candidates if p.stat().st_mtime < older_than]


def apply_retention(
    store: EncounterStore,
    *,
    now: float,
    policy: RetentionPolicy,
    keep: Collection[str] = (),
) -> RetentionReport:
    """Delete what is due at ``now`` (epoch seconds); never touches the ids in ``keep``."""
    protected = set(keep)
    encounters = 0
    audio = 0
    if policy.keep_days > 0:
        due = [e for e in store.started_before(now - policy.keep_days * DAY) if e not in protected]
        deleted = store.delete_many(due)
        encounters, audio = deleted.encounters, deleted.audio_files
    audio += _audio_due(store, now, policy, protected)

    others = 0
    orphan_age = min(
        (p for p in (policy.audio_keep_hours * HOUR, policy.keep_days * DAY) if p > 0),
        default=0.0,
    )
    if orphan_age > 0:
        referenced = {h.audio_path.resolve() for h in store.audio_holdings()}
        for path in orphan_files(
            store.audio_dir, referenced=referenced, older_than=now - orphan_age
        ):
            if path.suffix in AUDIO_SUFFIXES and remove_file(path):
                audio += 1
    if policy.keep_days > 0:
        for path in _set_aside_databases(store, now - policy.keep_days * DAY):
            others += int(remove_file(path))

    report = RetentionReport(encounters, audio, others, compacted=encounters > 0)
    if report.compacted:
        store.compact()
    log.info(
        "retention: %d encounters, %d audio files, %d other files deleted",
        encounters,
        audio,
        others,
    )
    return report
