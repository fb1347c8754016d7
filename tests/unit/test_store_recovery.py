"""recover_job: the audio the transcript had not reached is transcribed piece by piece (fake
transcriber), stored as it goes, resumable after a cancel, and the encounter is finished."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from desktop.asr.base import DecodeOptions, Segment, Transcript
from desktop.audio.base import AudioFileError
from desktop.cancel import CancelToken
from desktop.encounter import Encounter
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.store import EncounterStore
from desktop.store.recovery import RECOVERING_TRANSCRIPT, recover_job
from tests.support.audio import beats
from tests.unit.test_store_support import T0, open_at


class BurstTranscriber:
    """One word per burst of sound, named after the whole second it starts at: a word cut in
    two by a piece boundary would show up twice (or wrongly named)."""

    name = "bursts"

    def __init__(self) -> None:
        self.languages: list[str | None] = []

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        self.languages.append(options.language)
        frame = SAMPLE_RATE // 20
        loud = [
            float(np.sqrt(np.mean(audio[i : i + frame] ** 2))) > 0.01
            for i in range(0, len(audio), frame)
        ]
        segments, start = [], None
        for i, on in enumerate([*loud, False]):
            if on and start is None:
                start = i
            elif not on and start is not None:
                t0 = options.offset_s + start * frame / SAMPLE_RATE
                t1 = options.offset_s + i * frame / SAMPLE_RATE
                segments.append(Segment(t0, t1, f"w{round(t0)}"))
                start = None
        return Transcript(tuple(segments), "en")

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        return "en", 1.0


@pytest.fixture
def crashed(tmp_path: Path) -> EncounterStore:
    store = open_at(tmp_path).store
    assert store is not None
    path = store.audio_path_for("e1")
    store.create(encounter_id="e1", started_at=T0, language="", audio_path=path)
    recorder = store.open_recorder(path)
    recorder.write(beats(75))  # never closed: the app died while recording
    store.append_segments("e1", [Segment(float(s), s + 0.5, f"w{s}") for s in range(10)])
    store.mark_transcribed("e1", 10.0)
    store.save_document("e1", "soap", "draft as autosaved")
    return store


def _run(store: EncounterStore, cancel: CancelToken, *, stop_after: int = 0) -> Encounter | None:
    job = recover_job(store, "e1", transcriber=BurstTranscriber(), cancel=cancel, piece_s=20.0)
    fractions = []
    try:
        while True:
            progress = next(job)
            assert progress.stage == RECOVERING_TRANSCRIPT
            fractions.append(progress.fraction)
            if stop_after and len(fractions) == stop_after:
                cancel.cancel()
    except StopIteration as stop:
        assert fractions == sorted(fractions)
        return stop.value


def test_recovers_the_rest_and_finishes(crashed: EncounterStore) -> None:
    encounter = _run(crashed, CancelToken())
    assert encounter is not None
    loaded = crashed.load("e1")
    words = [s.text for s in loaded.segments]
    assert words == [f"w{k}" for k in range(75)]  # committed ones kept, the rest once each
    assert loaded.complete and loaded.ended_at == pytest.approx(T0 + 75.0, abs=0.1)
    assert loaded.language == "en"  # detected on the first piece
    assert loaded.documents["soap"].text == "draft as autosaved"
    assert crashed.interrupted() == []


def test_cancel_then_resume_without_repeats(crashed: EncounterStore) -> None:
    assert _run(crashed, CancelToken(), stop_after=2) is None  # cancelled after one piece
    rec = crashed.recovery("e1")
    assert 25.0 <= rec.transcribed_until_s <= 30.0 and not rec.encounter.complete
    assert [s.id for s in crashed.interrupted()] == ["e1"]
    assert _run(crashed, CancelToken()) is not None
    words = [s.text for s in crashed.load("e1").segments]
    assert words == [f"w{k}" for k in range(75)]


def test_unreadable_audio_leaves_it_interrupted(crashed: EncounterStore) -> None:
    path = crashed.recovery("e1").audio_path
    assert path is not None
    path.write_bytes(b"garbage")
    with pytest.raises(AudioFileError):
        _run(crashed, CancelToken())
    assert [s.id for s in crashed.interrupted()] == ["e1"]


def test_without_audio_the_committed_transcript_is_kept(crashed: EncounterStore) -> None:
    path = crashed.recovery("e1").audio_path
    assert path is not None
    path.unlink()
    encounter = _run(crashed, CancelToken())
    assert encounter is not None and crashed.load("e1").complete
    assert len(crashed.load("e1").segments) == 10
