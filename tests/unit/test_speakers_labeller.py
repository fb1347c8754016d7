"""Telling real voices apart as a visit goes (the installed encoder, real recordings)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from desktop.speakers.encoder import VoiceEncoder, installed_encoder
from desktop.speakers.labeller import DOCTOR, PATIENT, SpeakerLabeller, Turn, phrases

DATA = Path(__file__).resolve().parents[1] / "data"
RATE = 16_000


def _read(name: str) -> np.ndarray:
    with wave.open(str(DATA / name)) as w:
        pcm = w.readframes(w.getnframes())
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768


def _cut(audio: np.ndarray, start: float, end: float) -> np.ndarray:
    return audio[int(start * RATE) : int(end * RATE)]


def _pause(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


@pytest.fixture(scope="module")
def encoder() -> VoiceEncoder:
    return installed_encoder()


@pytest.fixture(scope="module")
def voices() -> dict[str, np.ndarray]:
    jfk, left = _read("jfk_16k_mono.wav"), _read("stereo_diarization_left_16k.wav")
    return {
        "kennedy 1": _cut(jfk, 0.1, 2.3),
        "kennedy 2": _cut(jfk, 5.2, 7.6),
        "kennedy enrol": np.concatenate([_cut(jfk, 3.1, 4.4), _cut(jfk, 8.0, 10.5)]),
        "reader 1": _cut(left, 0.0, 2.4),
        "reader 2": _cut(left, 2.4, 4.7),
    }


def _speakers(turns: list[Turn]) -> list[str]:
    return [t.speaker for t in turns]


def test_without_enrolment_two_voices_are_speaker_1_and_2(encoder, voices) -> None:
    labeller = SpeakerLabeller(encoder=encoder)
    said = []
    start = 0.0
    for name in ("kennedy 1", "reader 1", "kennedy 2", "reader 2"):
        turns = labeller.label(voices[name], start)
        said.append(_speakers(turns))
        assert turns[0].start == start and not turns[0].uncertain
        start += len(voices[name]) / RATE + 1
    assert said == [["speaker 1"], ["speaker 2"], ["speaker 1"], ["speaker 2"]]


def test_with_the_doctors_voice_enrolled_turns_are_doctor_and_patient(encoder, voices) -> None:
    labeller = SpeakerLabeller(encoder=encoder, doctor=encoder.embed(voices["kennedy enrol"]))
    said = [
        _speakers(labeller.label(voices[name], 0.0))
        for name in ("reader 1", "kennedy 1", "reader 2", "kennedy 2")
    ]
    assert said == [[PATIENT], [DOCTOR], [PATIENT], [DOCTOR]]


def test_a_change_of_speaker_inside_one_utterance_splits_it(encoder, voices) -> None:
    labeller = SpeakerLabeller(encoder=encoder, doctor=encoder.embed(voices["kennedy enrol"]))
    utterance = np.concatenate([voices["kennedy 2"], _pause(0.3), voices["reader 1"]])
    turns = labeller.label(utterance, 10.0)
    assert _speakers(turns) == [DOCTOR, PATIENT]
    assert turns[0].start == 10.0 and turns[-1].end == pytest.approx(10.0 + len(utterance) / RATE)
    assert 12.4 <= turns[1].start <= 13.1  # after the doctor's words, where the reader starts
    assert turns[0].speech_s == pytest.approx(2.4, abs=0.3)


def test_a_stretch_too_short_to_tell_keeps_its_neighbours_label_uncertain(encoder, voices) -> None:
    labeller = SpeakerLabeller(encoder=encoder, doctor=encoder.embed(voices["kennedy enrol"]))
    assert _speakers(labeller.label(voices["reader 1"], 0.0)) == [PATIENT]
    short = voices["kennedy 1"][: int(0.5 * RATE)]  # half a second of the doctor
    turns = labeller.label(short, 5.0)
    assert _speakers(turns) == [PATIENT] and turns[0].uncertain


def test_phrases_are_cut_at_pauses() -> None:
    tone = np.sin(np.arange(RATE) * 2 * np.pi * 200 / RATE).astype(np.float32) * 0.3
    audio = np.concatenate([tone, _pause(0.1), tone, _pause(0.4), tone])
    spans = phrases(audio)
    assert len(spans) == 2  # the 0.1 s gap is within a phrase, the 0.4 s gap separates
    assert spans[0][0] == 0 and abs(spans[1][0] - int(2.5 * RATE)) <= 160
