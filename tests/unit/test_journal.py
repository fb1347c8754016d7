"""The journal keeps what the doctor does in the store, and a storage fault never stops a visit."""

from __future__ import annotations

from desktop.asr.base import Segment
from desktop.encounter import Encounter
from desktop.secrets import Secrets
from desktop.session.journal import Journal
from desktop.store import opening as store_opening
from tests.support.memory_keyring import MemoryKeyring


def open_store(paths):
    result = store_opening.open_store(
        paths.database_file,
        audio_dir=paths.audio_dir,
        secrets=Secrets(keyring_backend=MemoryKeyring(), environ={}),
    )
    assert result.store is not None
    return result.store


def test_a_recorded_encounter_is_kept_as_it_happens(paths):
    store = open_store(paths)
    journal = Journal(store=store)
    encounter = Encounter(language="en")
    audio = journal.audio_path(encounter, paths.audio_dir)
    assert journal.started(encounter, audio) is None
    assert journal.committed(encounter, [Segment(0.0, 1.5, "Dry cough for three days.")]) is None
    assert journal.document(encounter, "soap", "S: dry cough") is None
    assert journal.copied(encounter, "soap") is None
    assert journal.finished(encounter) is None
    loaded = store.load(encounter.id)
    assert loaded.transcript_text == "Dry cough for three days."
    assert loaded.documents["soap"].text == "S: dry cough"
    assert loaded.documents["soap"].copied_at is not None
    assert loaded.complete


def test_a_note_typed_before_any_recording_is_kept(paths):
    store = open_store(paths)
    journal = Journal(store=store)
    encounter = Encounter()
    assert journal.document(encounter, "letter", "Dear colleague,") is None
    assert journal.document(encounter, "letter", "Dear colleague, thank you") is None
    assert store.load(encounter.id).documents["letter"].text == "Dear colleague, thank you"
    assert store.interrupted() == []  # not mistaken for a crashed recording


def test_a_storage_fault_is_reported_once_and_not_raised(paths):
    store = open_store(paths)
    journal = Journal(store=store)
    encounter = Encounter()
    journal.started(encounter, journal.audio_path(encounter, paths.audio_dir))
    store.close()  # every later write fails
    first = journal.committed(encounter, [Segment(0.0, 1.0, "words")])
    assert first is not None and str(first)
    assert journal.document(encounter, "soap", "text") is None  # already told


def test_without_a_store_nothing_is_written_and_nothing_fails(paths):
    journal = Journal(store=None)
    encounter = Encounter()
    assert journal.audio_path(encounter, paths.audio_dir).parent == paths.audio_dir
    assert journal.started(encounter, paths.audio_dir / "x.wav") is None
    assert journal.document(encounter, "soap", "text") is None


def test_who_said_what_is_kept_when_it_changes(paths):
    store = open_store(paths)
    journal = Journal(store=store)
    encounter = Encounter(language="en")
    journal.started(encounter, journal.audio_path(encounter, paths.audio_dir))
    said = [Segment(0.0, 1.0, "Any cough?"), Segment(1.0, 2.5, "Yes, at night.")]
    encounter.commit(said)
    journal.committed(encounter, said)
    encounter.relabel(tuple(said), (
        Segment(0.0, 1.0, "Any cough?", "speaker 1"),
        Segment(1.0, 2.5, "Yes, at night.", "speaker 2", speaker_uncertain=True),
    ))  # fmt: skip
    assert journal.relabelled(encounter) is None
    encounter.rename_speakers({"speaker 1": "doctor", "speaker 2": "patient"})
    assert journal.relabelled(encounter) is None
    loaded = store.load(encounter.id)
    assert [(s.speaker, s.speaker_uncertain) for s in loaded.segments] == [
        ("doctor", False),
        ("patient", True),
    ]
    assert loaded.dialogue_text == "Doctor: Any cough?\nPatient: Yes, at night."
