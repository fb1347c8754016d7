"""Encrypted recordings: whole round trip, a crash loses at most the unsealed second, altered or
foreign files are refused, nothing audible on disk; the store picks the writer and reader."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from desktop.audio.base import AudioFileError
from desktop.audio.errors import AudioStorageError, DiskFull
from desktop.audio.recorder import WavRecorder
from desktop.pcm import SAMPLE_RATE
from desktop.store.audio_crypt import HEADER, EncryptedAudioWriter, read_encrypted_audio
from desktop.store.crypto import RowCipher
from tests.unit.test_store_support import no_keychain, open_at

CIPHER = RowCipher(b"m" * 32)


def _tone(seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _record(path: Path, audio: np.ndarray, *, close: bool = True) -> EncryptedAudioWriter:
    writer = EncryptedAudioWriter(path=path, cipher=CIPHER)
    step = SAMPLE_RATE // 10  # 0.1 s blocks, as the capture delivers them
    for i in range(0, len(audio), step):
        writer.write(audio[i : i + step])
    if close:
        writer.close()
    return writer


def test_round_trip(tmp_path: Path) -> None:
    audio = _tone(3.35)
    writer = _record(tmp_path / "a.scra", audio)
    assert writer.seconds == pytest.approx(3.35)
    got = read_encrypted_audio(tmp_path / "a.scra", cipher=CIPHER)
    assert got.complete and got.samples.dtype == np.float32
    assert len(got.samples) == len(audio)
    assert np.max(np.abs(got.samples - audio)) < 1e-4
    writer.close()  # idempotent
    with pytest.raises(AudioStorageError):
        writer.write(audio[:10])


def test_crash_loses_at_most_the_unsealed_chunk(tmp_path: Path) -> None:
    path = tmp_path / "crash.scra"
    _record(path, _tone(2.6), close=False)  # the process "dies": no close()
    got = read_encrypted_audio(path, cipher=CIPHER)
    assert not got.complete and len(got.samples) == 2 * SAMPLE_RATE
    raw = path.read_bytes()
    path.write_bytes(raw[:-100])  # torn in the middle of writing the second chunk
    torn = read_encrypted_audio(path, cipher=CIPHER)
    assert not torn.complete and len(torn.samples) == SAMPLE_RATE
    path.write_bytes(raw[: HEADER.size])
    assert read_encrypted_audio(path, cipher=CIPHER).samples.size == 0


def test_no_audible_bytes_on_disk(tmp_path: Path) -> None:
    audio = _tone(2.0, freq=300.0)
    _record(tmp_path / "a.scra", audio)
    pcm = (audio * 32767.0).round().astype("<i2").tobytes()
    on_disk = (tmp_path / "a.scra").read_bytes()
    for offset in (0, 8000, 40000):
        assert pcm[offset : offset + 32] not in on_disk


def test_altered_reordered_or_foreign_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.scra"
    _record(path, _tone(3.0))
    raw = bytearray(path.read_bytes())
    raw[HEADER.size + 100] ^= 0x01
    (tmp_path / "flipped.scra").write_bytes(bytes(raw))
    with pytest.raises(AudioFileError, match="could not be decrypted"):
        read_encrypted_audio(tmp_path / "flipped.scra", cipher=CIPHER)
    good = path.read_bytes()
    chunk = 4 + 2 * SAMPLE_RATE + 16  # length, 1 s of 16-bit PCM, tag
    assert len(good) == HEADER.size + 3 * chunk + 4 + 16  # 3 full chunks + an empty last one
    swapped = good[: HEADER.size] + good[HEADER.size + chunk : HEADER.size + 2 * chunk]
    swapped += good[HEADER.size : HEADER.size + chunk] + good[HEADER.size + 2 * chunk :]
    (tmp_path / "swapped.scra").write_bytes(swapped)
    with pytest.raises(AudioFileError):
        read_encrypted_audio(tmp_path / "swapped.scra", cipher=CIPHER)
    with pytest.raises(AudioFileError):
        read_encrypted_audio(path, cipher=RowCipher(b"x" * 32))
    with pytest.raises(AudioFileError, match="without its key"):
        read_encrypted_audio(path, cipher=RowCipher(None))
    (tmp_path / "plain.wav").write_bytes(b"RIFF....WAVE")
    with pytest.raises(AudioFileError, match="not an encrypted"):
        read_encrypted_audio(tmp_path / "plain.wav", cipher=CIPHER)
    with pytest.raises(AudioFileError):
        read_encrypted_audio(tmp_path / "missing.scra", cipher=CIPHER)


def test_disk_filling_up_stops_with_everything_kept(tmp_path: Path) -> None:
    free = SimpleNamespace(free=10**9)
    writer = EncryptedAudioWriter(
        path=tmp_path / "a.scra", cipher=CIPHER, space_check_every_s=1.0, disk_usage=lambda _: free
    )
    writer.write(_tone(1.0))
    free.free = 1024
    with pytest.raises(DiskFull):
        writer.write(_tone(1.0))
    got = read_encrypted_audio(tmp_path / "a.scra", cipher=CIPHER)
    assert got.complete and len(got.samples) == 2 * SAMPLE_RATE


def test_unwritable_folder_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(AudioStorageError):
        EncryptedAudioWriter(path=blocker / "a.scra", cipher=CIPHER)
    with pytest.raises(AudioStorageError, match="no key"):
        EncryptedAudioWriter(path=tmp_path / "b.scra", cipher=RowCipher(None))


def test_store_chooses_writer_and_reader(tmp_path: Path) -> None:
    encrypted = open_at(tmp_path / "enc").store
    assert encrypted is not None
    path = encrypted.audio_path_for("e1")
    writer = encrypted.open_recorder(path)
    assert isinstance(writer, EncryptedAudioWriter) and writer.path == path
    writer.write(_tone(1.5))
    writer.close()
    assert len(encrypted.read_audio(path)) == int(1.5 * SAMPLE_RATE)

    plain = open_at(tmp_path / "plain", secrets=no_keychain(), allow_unencrypted=True).store
    assert plain is not None
    wav_path = plain.audio_path_for("e1")
    wav = plain.open_recorder(wav_path)
    assert isinstance(wav, WavRecorder)
    wav.write(_tone(0.5))
    wav.close()
    assert len(plain.read_audio(wav_path)) == SAMPLE_RATE // 2
