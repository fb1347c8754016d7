"""Transcript files (plain text and `scribe transcribe --json`) and the `scribe check` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.transcript_file import TranscriptFileError, parse_transcript, read_transcript

TRANSCRIPT = "[doctor] you take lisinopril 20 mg a day?\n\n[patient] yes.\n"
NOTE = "Lisinopril 40 mg daily.\n"


def test_plain_text_transcript_has_one_segment_per_non_empty_line() -> None:
    segments = parse_transcript(TRANSCRIPT)
    assert [s.text for s in segments] == [
        "[doctor] you take lisinopril 20 mg a day?",
        "[patient] yes.",
    ]


def test_json_from_scribe_transcribe_and_a_bare_list_are_read() -> None:
    payload = {
        "language": "en",
        "text": "x",
        "segments": [
            {"start": 0.0, "end": 2.5, "text": "you take lisinopril 20 mg a day?"},
            {"start": 2.5, "end": 3.0, "text": "yes."},
        ],
    }
    segments = parse_transcript(json.dumps(payload))
    assert [(s.start, s.end) for s in segments] == [(0.0, 2.5), (2.5, 3.0)]
    assert parse_transcript(json.dumps(payload["segments"])) == segments


@pytest.mark.parametrize("bad", ['{"segments": 3}', '{"segments": [{"start": 0}]}', "{not json"])
def test_broken_json_transcript_is_a_clear_error(bad: str) -> None:
    with pytest.raises(TranscriptFileError) as err:
        parse_transcript(bad, "t.json")
    assert "t.json" in str(err.value)


def test_missing_and_undecodable_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(TranscriptFileError, match="does not exist"):
        read_transcript(tmp_path / "absent.txt")
    binary = tmp_path / "audio.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81\x82")
    with pytest.raises(TranscriptFileError, match="cannot be read"):
        read_transcript(binary)


def _files(tmp_path: Path) -> tuple[str, str]:
    note, transcript = tmp_path / "note.txt", tmp_path / "t.txt"
    note.write_text(NOTE, encoding="utf-8")
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    return str(note), str(transcript)


def test_check_command_prints_one_line_per_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note, transcript = _files(tmp_path)
    assert main(["check", note, transcript]) == 1  # the dose is a red flag
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["number\t11-16\t40 mg\tThe consultation gives lisinopril as 20 mg, not 40 mg."]


def test_check_command_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note, transcript = _files(tmp_path)
    assert main(["check", note, transcript, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["language"] == "en"
    assert report["flags"][0]["kind"] == "number"
    assert report["flags"][0]["note_span"] == [11, 16]
    assert report["sentences"][0]["segments"] == [0]


def test_check_command_missing_file_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note, _ = _files(tmp_path)
    assert main(["check", note, str(tmp_path / "nope.txt")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_check_command_exits_zero_without_a_red_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note, transcript = _files(tmp_path)
    Path(note).write_text(NOTE.replace("40 mg", "20 mg"), encoding="utf-8")
    assert main(["check", note, transcript]) == 0
    assert main(["check", note, transcript, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["flags"] == []


def test_check_command_exits_zero_on_amber_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unsupported sentence asks the doctor to look; it is no error, like a lint warning."""
    note, transcript = _files(tmp_path)
    amber = "Thank you for letting me take part in the care of this lovely patient today."
    Path(note).write_text(amber, encoding="utf-8")
    assert main(["check", note, transcript]) == 0
    assert capsys.readouterr().out.startswith("unsupported\t")


def test_check_command_an_age_from_the_record_is_amber_a_wrong_duration_red(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The headache case of issue 25: an age nobody said is to check against the record (exit
    0); "two weeks" for a headache of two days is a wrong number (exit 1)."""
    note = tmp_path / "note.txt"
    transcript = tmp_path / "t.txt"
    transcript.write_text("Doctor: hello.\nPatient: I have a headache since two days.\n")
    note.write_text("A 50-year-old man with a headache for two days.\n", encoding="utf-8")
    assert main(["check", str(note), str(transcript)]) == 0
    assert capsys.readouterr().out.startswith("age\t")
    note.write_text("A 50-year-old man with a headache for two weeks.\n", encoding="utf-8")
    assert main(["check", str(note), str(transcript)]) == 1
    assert "number\t" in capsys.readouterr().out
