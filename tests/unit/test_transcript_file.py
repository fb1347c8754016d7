"""Transcript files given to ``scribe draft / check / revise`` (``desktop.transcript_file``): NUL
bytes, a ``null`` text and JSON of the wrong shape are a clear error naming the file and the
problem, never a transcript holding "None" (issue 21, item 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.transcript_file import (
    TranscriptFileError,
    parse_transcript,
    read_transcript,
    read_transcript_text,
)
from tests.support.openai_server import OpenAIServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"text": null}', 'its "text" is null, not text'),
        ('{"segments": [{"start": 0, "end": 1, "text": null}]}', '"text" of segment 1 is null'),
        ('{"segments": [{"start": 0, "end": 1, "text": 42}]}', '"text" of segment 1 is a number'),
        ('{"segments": [{"start": 0, "end": 1}]}', 'segment 1 has no "text"'),
        ('{"segments": ["hello"]}', "segment 1 is text, not an object"),
        ('{"segments": {"text": "hi"}}', "its segments are an object, not a list"),
        ('{"language": "en"}', 'it has no "segments"'),
        ('{"segments": [{"start": "0", "text": "hi"}]}', '"start" of segment 1 is text'),
        ('{"segments": [{"start": true, "text": "hi"}]}', '"start" of segment 1 is true or false'),
        ('{"segments": [{"start": 1e999, "text": "hi"}]}', "not a finite number"),
        ('{"segments": [{"start": 0, "end": 1e400, "text": "hi"}]}', "not a finite number"),
        ('[{"text": "a\\u0000b"}]', "segment 1 holds a NUL character"),
        ("[1, 2]", "segment 1 is a number, not an object"),
    ],
)
def test_json_of_the_wrong_shape_names_the_problem(content: str, problem: str) -> None:
    with pytest.raises(TranscriptFileError) as err:
        parse_transcript(content, "visit.json")
    assert "visit.json" in str(err.value) and problem in str(err.value)


def test_nul_bytes_in_a_text_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "visit.txt"
    path.write_bytes(b"cough for two days\x00\x00 no fever\n")
    for read in (read_transcript, read_transcript_text):
        with pytest.raises(TranscriptFileError, match=r"visit\.txt holds NUL bytes"):
            read(path)


def test_a_json_file_must_be_json(tmp_path: Path) -> None:
    path = tmp_path / "visit.json"
    path.write_text("[doctor] hello\n", encoding="utf-8")
    with pytest.raises(TranscriptFileError, match=r"visit\.json is not valid JSON"):
        read_transcript_text(path)


def test_valid_files_read_as_before(tmp_path: Path) -> None:
    """Plain text is drafted from as it is; JSON from its segments, one per line; an
    OpenAI-style ``{"text": ...}`` answer alone is read too."""
    plain = tmp_path / "visit.txt"
    plain.write_text("[doctor] Hello.\n\n  [patient] A cough.\n", encoding="utf-8")
    assert read_transcript_text(plain) == "[doctor] Hello.\n\n  [patient] A cough.\n"
    scribe = tmp_path / "visit.json"
    scribe.write_text(
        json.dumps(
            {
                "language": "en",
                "text": "Hello. A cough.",
                "segments": [
                    {"start": 0.0, "end": 1.5, "text": " Hello."},
                    {"start": 1.5, "end": 3, "text": " A cough."},
                ],
            }
        ),
        encoding="utf-8",
    )
    assert read_transcript_text(scribe) == "Hello.\nA cough."
    assert [(s.start, s.end) for s in read_transcript(scribe)] == [(0.0, 1.5), (1.5, 3.0)]
    answer = tmp_path / "answer.json"
    answer.write_text('{"text": "Hello.\\nA cough."}', encoding="utf-8")
    assert [s.text for s in read_transcript(answer)] == ["Hello.", "A cough."]


# --- the commands, in their own process, with the exact reproductions ----------------------------


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("note-model",), reply_text="A note.") as srv:
        yield srv


def _scribe(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SCRIBE_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "null.json",
            b'{"segments": [{"start": 0, "end": 1, "text": null}]}',
            'the "text" of segment 1 is null, not text',
        ),
        ("text-null.json", b'{"text": null}', 'its "text" is null, not text'),
        ("nul.txt", b"cough for two days\x00\x00 no fever\n", "holds NUL bytes"),
        (
            "nul.json",
            b'{"segments": [{"start": 0, "end": 1, "text": "cough\\u0000 two days"}]}',
            "segment 1 holds a NUL character",
        ),
    ],
)
def test_draft_and_check_refuse_a_broken_transcript_and_send_nothing(
    tmp_path: Path, server: OpenAIServer, name: str, content: bytes, problem: str
) -> None:
    """Before, ``scribe draft`` sent the text "None" (or the NUL bytes) to the note server."""
    transcript = tmp_path / name
    transcript.write_bytes(content)
    note = tmp_path / "note.txt"
    note.write_text("Cough for two days.\n", encoding="utf-8")
    backend = ["--backend", "custom", "--base-url", server.base_url, "--model", "note-model"]
    for args in (["draft", str(transcript), *backend], ["check", str(note), str(transcript)]):
        done = _scribe(tmp_path / "home", *args)
        assert done.returncode != 0 and done.stdout == "", done.stdout
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert name in lines[0] and problem in lines[0]
    assert server.chat_requests() == []
