"""EncounterStore on real SQLite files: recording, documents and versions, history, deletion,
crash recovery, thread safety."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

from desktop.asr.base import Segment
from desktop.pcm import SAMPLE_RATE
from desktop.store import EncounterNotFound, EncounterStore, StoreError
from tests.unit.test_store_support import T0, Clock, open_at, secure_secrets

SEGMENTS = [
    Segment(0.0, 2.5, "I have had a cough for three weeks."),
    Segment(2.5, 5.0, "  "),  # empty segments are not stored
    Segment(5.0, 8.0, "It is worse at night and I feel tired."),
]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> EncounterStore:
    result = open_at(tmp_path, clock=clock)
    assert result.store is not None and result.encrypted and not result.notice
    return result.store


def _new(store: EncounterStore, encounter_id: str = "e1", started_at: float = T0) -> Path:
    audio = store.audio_path_for(encounter_id)
    audio.write_bytes(b"audio bytes")
    store.create(encounter_id=encounter_id, started_at=started_at, language="en", audio_path=audio)
    return audio


def test_round_trip_of_a_whole_encounter(store: EncounterStore, clock: Clock) -> None:
    _new(store)
    store.append_segments("e1", SEGMENTS[:2])
    store.append_segments("e1", SEGMENTS[2:])
    store.set_language("e1", "fr")
    store.save_document("e1", "soap", "S: cough 3 weeks")
    store.save_document("e1", "letter", "Dear colleague")
    clock.advance(600)
    store.mark_copied("e1", "soap")
    store.finish("e1")

    loaded = store.load("e1")
    assert loaded.id == "e1" and loaded.language == "fr"
    assert loaded.started_at == T0 and loaded.ended_at == T0 + 600 and loaded.complete
    assert [s.text for s in loaded.segments] == [SEGMENTS[0].text, SEGMENTS[2].text]
    assert loaded.segments[1] == SEGMENTS[2]
    assert loaded.documents["soap"].text == "S: cough 3 weeks"
    assert loaded.documents["soap"].copied_at == T0 + 600
    assert loaded.documents["letter"].copied_at is None


def test_history_lists_newest_first_with_first_words(store: EncounterStore, clock: Clock) -> None:
    _new(store, "old", T0 - 3600)
    store.append_segments("old", [Segment(0, 1, "Old visit")])
    store.finish("old", at=T0 - 3000)
    audio = _new(store, "new", T0)
    store.append_segments("new", SEGMENTS)
    store.save_document("new", "soap", "note")
    store.mark_copied("new", "soap", at=T0 + 5)

    recent = store.list_recent()
    assert [s.id for s in recent] == ["new", "old"]
    new, old = recent
    assert new.first_words == "I have had a cough for three weeks. It is worse at"
    assert not new.finished and new.duration_s == 8.0  # unfinished: how far the transcript got
    assert new.copied and new.has_audio
    assert old.finished and old.duration_s == 600 and not old.copied
    audio.unlink()
    assert not store.list_recent()[0].has_audio
    assert [s.id for s in store.list_recent(since=T0 - 10)] == ["new"]
    assert len(store.list_recent(limit=1)) == 1


def test_edit_history_keeps_versions(store: EncounterStore, clock: Clock) -> None:
    _new(store)
    store.save_document("e1", "soap", "draft one", new_version=True)
    clock.advance(10)
    store.save_document("e1", "soap", "draft one, edited")  # within 60 s: same version
    clock.advance(61)
    store.save_document("e1", "soap", "draft one, edited again")  # new version
    clock.advance(1)
    store.save_document("e1", "soap", "a fresh draft", new_version=True)
    versions = store.versions("e1", "soap")
    assert [v.text for v in versions] == [
        "draft one, edited",
        "draft one, edited again",
        "a fresh draft",
    ]
    assert [v.saved_at for v in versions] == [T0 + 10, T0 + 71, T0 + 72]
    assert store.load("e1").documents["soap"].text == "a fresh draft"
    assert store.versions("e1", "letter") == []


def test_delete_removes_rows_and_audio(store: EncounterStore) -> None:
    audio = _new(store)
    store.append_segments("e1", SEGMENTS)
    store.save_document("e1", "soap", "note")
    _new(store, "other")
    deleted = store.delete("e1")
    assert deleted.encounters == 1 and deleted.audio_files == 1
    assert not audio.exists()
    with pytest.raises(EncounterNotFound):
        store.load("e1")
    assert [s.id for s in store.list_recent()] == ["other"]
    assert store.versions("e1", "soap") == []
    with pytest.raises(EncounterNotFound):
        store.delete("e1")
    both = store.delete_many(["other", "e1"])  # unknown ids are skipped
    assert both.encounters == 1 and both.audio_files == 1 and store.list_recent() == []
    assert store.delete_many([]).encounters == 0


def test_unknown_encounter_is_a_clear_error(store: EncounterStore) -> None:
    for call in (
        lambda: store.load("nope"),
        lambda: store.append_segments("nope", SEGMENTS),
        lambda: store.save_document("nope", "soap", "x"),
        lambda: store.mark_copied("nope", "soap"),
        lambda: store.finish("nope"),
        lambda: store.recovery("nope"),
    ):
        with pytest.raises(EncounterNotFound) as info:
            call()
        assert isinstance(info.value, StoreError)


def test_interrupted_encounter_recovery(tmp_path: Path, clock: Clock) -> None:
    keychain = secure_secrets()
    first = open_at(tmp_path, clock=clock, secrets=keychain).store
    assert first is not None
    audio = _new(first, "crashed")
    audio.unlink()
    first.open_recorder(audio).write(np.zeros(SAMPLE_RATE * 3, dtype=np.float32))  # not closed
    first.append_segments("crashed", SEGMENTS)
    first.mark_transcribed("crashed", 11.5)  # silence after the last segment was processed
    first.save_document("crashed", "soap", "autosaved draft")
    _new(first, "done", T0 - 100)
    first.finish("done")
    # The process dies here: no close(), no finish().

    second = open_at(tmp_path, clock=clock, secrets=keychain).store
    assert second is not None
    assert [s.id for s in second.interrupted()] == ["crashed"]
    rec = second.recovery("crashed")
    assert rec.audio_path == audio and rec.audio_encrypted  # the store is encrypted: .scra
    assert len(second.read_audio(audio)) == SAMPLE_RATE * 3
    assert rec.transcribed_until_s == 11.5
    assert rec.encounter.transcript_text.startswith("I have had a cough")
    assert rec.encounter.documents["soap"].text == "autosaved draft"
    assert not rec.encounter.complete
    second.append_segments("crashed", [Segment(11.5, 13.0, "The rest.")])
    second.finish("crashed")
    assert second.interrupted() == []
    assert second.load("crashed").transcript_text.endswith("The rest.")


def test_recovery_without_audio_file(store: EncounterStore) -> None:
    store.create(encounter_id="e1", started_at=T0, language="", audio_path=None)
    rec = store.recovery("e1")
    assert rec.audio_path is None and not rec.audio_encrypted and rec.transcribed_until_s == 0


def test_concurrent_writers_from_two_threads(store: EncounterStore) -> None:
    _new(store)
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            for i in range(50):
                store.append_segments("e1", [Segment(i, i + 1, f"{prefix} {i}")])
                store.save_document("e1", prefix, f"{prefix} text {i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("gui", "worker")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    loaded = store.load("e1")
    assert len(loaded.segments) == 100
    assert loaded.documents["gui"].text == "gui text 49"
    assert loaded.documents["worker"].text == "worker text 49"


def test_write_failure_maps_to_store_error(store: EncounterStore, tmp_path: Path) -> None:
    _new(store)
    # Another process holds the write lock (a real SQLite lock, not a mock).
    other = sqlite3.connect(tmp_path / "scribe.db", isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        store.db.set_busy_timeout(0)
        with pytest.raises(StoreError) as info:
            store.append_segments("e1", SEGMENTS)
        assert "could not be saved" in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.append_segments("e1", SEGMENTS)  # works again once the lock is gone
    assert len(store.load("e1").segments) == 2


def test_moved_data_folder_still_finds_its_audio(tmp_path: Path, clock: Clock) -> None:
    keychain = secure_secrets()
    first = open_at(tmp_path / "before", clock=clock, secrets=keychain).store
    assert first is not None
    _new(first)
    first.close()
    (tmp_path / "before").rename(tmp_path / "after")  # e.g. a portable install on a USB stick
    moved = open_at(tmp_path / "after", clock=clock, secrets=keychain).store
    assert moved is not None
    rec = moved.recovery("e1")
    assert rec.audio_path == tmp_path / "after" / "audio" / "e1.scra" and rec.audio_path.exists()
    assert moved.list_recent()[0].has_audio
    assert moved.delete("e1").audio_files == 1 and not rec.audio_path.exists()


def test_audio_is_recognised_by_content_not_name(store: EncounterStore) -> None:
    from desktop.audio.recorder import WavRecorder

    path = store.audio_path_for("e1")  # .scra: the store is encrypted
    wav = WavRecorder(path=path)  # a caller that wrote a plain WAV under that name anyway
    wav.write(np.zeros(SAMPLE_RATE, dtype=np.float32))
    wav.close()
    store.create(encounter_id="e1", started_at=T0, language="en", audio_path=path)
    assert not store.recovery("e1").audio_encrypted
    assert len(store.read_audio(path)) == SAMPLE_RATE


def test_settled_segments_replace_the_stretch_and_read_back_in_time_order(store):
    _new(store)
    store.append_segments("e1", [Segment(float(t), t + 2.5, f"live {t}") for t in range(0, 30, 3)])
    store.replace_segments(
        "e1", 3.0, 8.5, [Segment(3.0, 5.0, "settled a"), Segment(5.5, 8.5, "settled b")]
    )
    texts = [s.text for s in store.load("e1").segments]
    assert texts[:4] == ["live 0", "settled a", "settled b", "live 9"]
    assert len(texts) == 10 - 2 + 2
    assert store.load("e1").segments == sorted(store.load("e1").segments, key=lambda s: s.start)
