"""Enrolment: the doctor's voice learnt from a reading, kept sealed in the store, never plain."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from desktop.app.wiring import enrolled_voice
from desktop.audio.file_source import read_audio
from desktop.speakers.encoder import cosine, installed_encoder
from desktop.speakers.enrolment import EnrolmentTooShort, record_voice
from desktop.store.voice import (
    DoctorVoice,
    VoiceNotProtected,
    forget_doctor_voice,
    load_doctor_voice,
    save_doctor_voice,
)
from tests.unit.test_store_support import files_bytes, no_keychain, open_at, secure_secrets


def _run(gen):  # type: ignore[no-untyped-def]
    seen = []
    try:
        while True:
            seen.append(next(gen))
    except StopIteration as stop:
        return seen, stop.value


def _blocks(audio: np.ndarray, size: int = 1600):  # type: ignore[no-untyped-def]
    for i in range(0, len(audio), size):
        yield audio[i : i + size]


def test_a_reading_becomes_the_voice_print(data_dir: Path) -> None:
    jfk = read_audio(data_dir / "jfk_16k_mono.wav")
    stopped = []
    seconds, vector = _run(
        record_voice(
            _blocks(np.concatenate([jfk, jfk])),
            encoder=installed_encoder,
            stop=lambda: stopped.append(True),
            seconds=20.0,
        )
    )
    assert seconds[0] == pytest.approx(0.1) and seconds[-1] == 20.0 and stopped == [True]
    assert cosine(vector, installed_encoder().embed(jfk)) > 0.95


def test_silence_or_a_few_words_are_refused(data_dir: Path) -> None:
    with pytest.raises(EnrolmentTooShort, match="read the text aloud"):
        _run(record_voice(_blocks(np.zeros(16000 * 25, np.float32)), encoder=installed_encoder,
                          stop=lambda: None))  # fmt: skip
    few = read_audio(data_dir / "sr_english_one_two_three_16k.wav")
    with pytest.raises(EnrolmentTooShort):
        _run(record_voice(_blocks(few), encoder=installed_encoder, stop=lambda: None))


def test_the_voice_is_kept_sealed_and_can_be_forgotten(tmp_path: Path) -> None:
    secrets = secure_secrets()
    store = open_at(tmp_path, secrets=secrets).store
    assert store is not None and enrolled_voice(store) is None
    vector = np.linspace(0.1, 1.0, 256).astype(np.float32)
    save_doctor_voice(store, DoctorVoice(vector, 1_700_000_000.0))
    store.close()
    store = open_at(tmp_path, secrets=secrets).store
    assert store is not None
    loaded = load_doctor_voice(store)
    assert loaded is not None and loaded.enrolled_at == 1_700_000_000.0
    np.testing.assert_allclose(loaded.vector, vector, atol=1e-6)
    assert enrolled_voice(store) is not None  # what the labelling worker is given
    assert b'"vector"' not in files_bytes(tmp_path)  # sealed, not in the clear
    forget_doctor_voice(store)
    assert load_doctor_voice(store) is None


def test_without_the_keychain_the_voice_is_not_kept(tmp_path: Path) -> None:
    store = open_at(tmp_path, secrets=no_keychain(), allow_unencrypted=True).store
    assert store is not None and not store.encrypted
    with pytest.raises(VoiceNotProtected, match="keychain"):
        save_doctor_voice(store, DoctorVoice(np.ones(256, np.float32), 0.0))
    assert load_doctor_voice(store) is None
