"""Fuzzing the loaders of what a doctor (or anyone) can hand Scribe: the settings file, a
transcript file, an audio file (issue 21, "Done when"). Random bytes and random JSON, and
near-valid files (real JSON shapes with random values, a real WAV cut or with a random header):
each load gives a valid result or one clear ``ScribeError``, never another exception.

Deterministic (``derandomize``, no example database): the same cases on every machine and run,
so CI cannot flake. About ten seconds in all; ``--hypothesis-show-statistics`` counts the cases.
"""

from __future__ import annotations

import json
import math
import struct
import tempfile
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.audio.base import AudioFileError
from desktop.audio.file_source import load_audio
from desktop.config import LoadedSettings, Settings, load_settings
from desktop.errors import ScribeError
from desktop.transcript_file import TranscriptFileError, read_transcript, read_transcript_text

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
# A decoded file costs ~0.1 s under pytest (faster-whisper's decode_audio runs gc.collect()).
FUZZ_DECODED = settings(FUZZ, max_examples=25)
JFK = Path(__file__).parents[1] / "data" / "jfk_16k_mono.wav"

# JSON values of every kind, nested; and text with the characters that break loaders.
TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", "\x00", "\ud7ff", "\ufeff{", "null", "[doctor]", "NaN", "1e400", "{", "[", "\\u0000"]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**400)])  # float() of these overflows
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXT, inner, max_size=5),
    max_leaves=20,
)


_SCRATCH = Path(tempfile.mkdtemp(prefix="scribe-fuzz-"))


@contextmanager
def _file(name: str, data: bytes) -> Iterator[Path]:
    """``data`` written to ``name`` in an emptied scratch folder (loaders set files aside next
    to them; a folder per case cost more than the loads on this file system)."""
    for old in _SCRATCH.iterdir():
        old.unlink()
    path = _SCRATCH / name
    path.write_bytes(data)
    yield path


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


# --- the settings file ---------------------------------------------------------------------------


def _load_settings(data: bytes) -> None:
    with _file("settings.json", data) as path:
        loaded = load_settings(path)  # never raises: defaults with a notice at worst
        assert isinstance(loaded, LoadedSettings) and isinstance(loaded.settings, Settings)


SECTIONS = ("audio", "transcription", "notes", "privacy", "interface")
FIELDS = (
    "device",
    "backend",
    "model",
    "language",
    "vocabulary",
    "remote_url",
    "preset",
    "base_url",
    "context_budget_tokens",
    "request_timeout_s",
    "keep_days",
    "local_only",
    "allow_unencrypted_store",
    "shortcut_record",
)


@FUZZ
@given(st.binary(max_size=300))
def test_settings_loader_on_random_bytes(data: bytes) -> None:
    _load_settings(data)


@FUZZ
@given(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")) | JSON.map(_dumps))
def test_settings_loader_on_random_text_and_json(data: bytes) -> None:
    _load_settings(data)  # a lone surrogate in the text makes it invalid UTF-8 too


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(("schema_version", *SECTIONS)),
        st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6) | JSON,
        max_size=6,
    )
)
def test_settings_loader_on_settings_shaped_json(raw: dict[str, object]) -> None:
    _load_settings(_dumps(raw))


# --- a transcript file ---------------------------------------------------------------------------


def _read_transcript(name: str, data: bytes) -> None:
    with _file(name, data) as path:
        for read in (read_transcript, read_transcript_text):
            try:
                result = read(path)
            except TranscriptFileError as exc:
                assert str(exc) and path.name in str(exc)
                continue
            if isinstance(result, str):
                assert "\x00" not in result
                continue
            for segment in result:
                assert isinstance(segment.text, str) and "\x00" not in segment.text
                assert math.isfinite(segment.start) and math.isfinite(segment.end)


SEGMENT = st.dictionaries(
    st.sampled_from(("start", "end", "text", "speaker")), JSON | TEXT, max_size=4
)


@FUZZ
@given(st.sampled_from(("visit.json", "visit.txt")), st.binary(max_size=300))
def test_transcript_loader_on_random_bytes(name: str, data: bytes) -> None:
    _read_transcript(name, data)


@FUZZ
@given(st.sampled_from(("visit.json", "visit.txt")), JSON)
def test_transcript_loader_on_random_json(name: str, value: object) -> None:
    _read_transcript(name, _dumps(value))


@FUZZ
@given(
    st.sampled_from(("visit.json", "visit.txt")),
    st.lists(SEGMENT, max_size=4),
    st.booleans(),
    JSON,
)
def test_transcript_loader_on_transcript_shaped_json(
    name: str, segments: list[dict[str, object]], wrapped: bool, text: object
) -> None:
    value: object = {"language": "en", "text": text, "segments": segments} if wrapped else segments
    _read_transcript(name, _dumps(value))


# --- an audio file -------------------------------------------------------------------------------


def _load_audio(name: str, data: bytes) -> None:
    with _file(name, data) as path:
        try:
            read = load_audio(path)
        except AudioFileError as exc:
            assert str(exc)
            return
        except ScribeError as exc:  # any other of ours would do, but none is expected
            pytest.fail(f"unexpected {type(exc).__name__}: {exc}")
        assert read.audio.dtype == np.float32 and read.audio.ndim == 1 and read.audio.size
        assert np.isfinite(read.audio).all()


def _wav_header(
    fmt: int, channels: int, rate: int, byte_rate: int, block: int, bits: int, size: int
) -> bytes:
    return (
        b"RIFF"
        + struct.pack("<I", (36 + size) & 0xFFFFFFFF)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, fmt, channels, rate, byte_rate, block, bits)
        + b"data"
        + struct.pack("<I", size)
    )


def _jfk_pcm() -> bytes:
    with wave.open(str(JFK)) as clip:
        return clip.readframes(clip.getnframes())


PCM = _jfk_pcm()
SECOND = 32000  # bytes of 16-bit mono at 16 kHz


@FUZZ
@given(st.sampled_from(("visit.wav", "visit.mp3", "visit")), st.binary(max_size=400))
def test_audio_reader_on_random_bytes(name: str, data: bytes) -> None:
    _load_audio(name, data)


@FUZZ_DECODED
@given(
    st.sampled_from((1, 3, 0, 0xFFFE, 85)),
    st.integers(0, 9),
    st.sampled_from((16000, 8000, 44100, 0, 1, 0xFFFFFFFF)),
    st.integers(0, 0xFFFFFFFF),
    st.integers(0, 0xFFFF),
    st.sampled_from((16, 8, 24, 32, 0, 7)),
    st.integers(0, 0xFFFFFFFF),
    st.integers(0, 8000),
)
def test_audio_reader_on_wav_headers_that_lie(
    fmt: int,
    channels: int,
    rate: int,
    byte_rate: int,
    block: int,
    bits: int,
    size: int,
    present: int,
) -> None:
    header = _wav_header(fmt, channels, rate, byte_rate, block, bits, size)
    _load_audio("visit.wav", header + PCM[:present])


@FUZZ_DECODED
@given(st.integers(0, 44 + SECOND))
def test_audio_reader_on_a_real_wav_cut_anywhere(size: int) -> None:
    """The first second of the JFK clip under a header announcing all 11 s, cut anywhere."""
    whole = _wav_header(1, 1, 16000, 32000, 2, 16, len(PCM)) + PCM[:SECOND]
    _load_audio("visit.wav", whole[:size])


def test_a_negative_schema_version_loads_at_once() -> None:
    """Found by the fuzzing above: the migrations counted up from -10**400 to 1, for ever."""
    _load_settings(b'{"schema_version": -1' + b"0" * 400 + b', "privacy": {"keep_days": 3}}')
