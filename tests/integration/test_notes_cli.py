"""``scribe draft`` and ``scribe templates`` end to end, against a real OpenAI-compatible server on
127.0.0.1: the draft streams to stdout, ``--json`` gives timings, errors are one line on stderr."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.__main__ import main
from tests.support.openai_server import OpenAIServer, Reply

pytestmark = pytest.mark.integration

NOTE = "SUBJECTIVE: cough for 3 days.\nPLAN: not discussed."


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("note-model",), reply_text=NOTE) as srv:
        yield srv


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "visit.txt"
    path.write_text(
        "[doctor] What brings you in?\n[patient] A cough for 3 days.\n", encoding="utf-8"
    )
    return path


def draft_args(server: OpenAIServer, transcript: Path, *extra: str) -> list[str]:
    return [
        "draft", str(transcript), "--backend", "custom", "--base-url", server.base_url,
        "--model", "note-model", *extra,
    ]  # fmt: skip


def test_draft_streams_to_stdout(
    server: OpenAIServer, transcript: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(draft_args(server, transcript, "--template", "referral", "--note-language", "fr")) == 0
    )
    assert capsys.readouterr().out == NOTE + "\n"
    system, user = server.chat_requests()[-1].json["messages"]
    assert "Cher confrère" in system["content"] and "en français" in system["content"]
    assert "A cough for 3 days." in user["content"]


def test_draft_json_and_transcribe_json_input(
    server: OpenAIServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    segments = tmp_path / "visit.json"
    segments.write_text(
        json.dumps({"segments": [{"start": 0, "end": 2, "text": " Patient: I have a cough."}]}),
        encoding="utf-8",
    )
    assert main(draft_args(server, segments, "--json", "--context", "man, 40")) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["note"] == NOTE
    assert payload["backend"] == "custom" and payload["model"] == "note-model"
    assert 0 <= payload["first_token_s"] <= payload["total_s"]
    user = server.chat_requests()[0].json["messages"][-1]["content"]  # the draft request
    assert "Patient: I have a cough." in user and "man, 40" in user


@pytest.mark.parametrize(
    ("script", "args", "phrase"),
    [
        (Reply.error(401), (), "refused the API key"),
        (Reply(), ("--model", "missing-model"), 'no model "missing-model"'),
        (Reply(), ("--template", "nope"), 'no note template called "nope"'),
    ],
)
def test_errors_are_one_line_on_stderr(
    server: OpenAIServer,
    transcript: Path,
    capsys: pytest.CaptureFixture[str],
    script: Reply,
    args: tuple[str, ...],
    phrase: str,
) -> None:
    server.script_chat(script)
    assert main([*draft_args(server, transcript), *args]) == 1
    err_lines = capsys.readouterr().err.splitlines()
    errors = [line for line in err_lines if line.startswith("scribe:")]
    assert len(errors) == 1 and phrase in errors[0]
    assert not any("Traceback" in line for line in err_lines)


def test_unreachable_server_and_missing_file(
    transcript: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as gone:
        url = gone.base_url
    args = ["draft", str(transcript), "--backend", "custom", "--base-url", url, "--model", "m"]
    assert main(args) == 1
    assert "Nothing answers at" in capsys.readouterr().err
    assert main(["draft", str(tmp_path / "none.txt")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_templates_lists_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids == ["soap", "consultation", "referral", "prescription", "instructions"]
    assert "Courrier au confrère" in out
    assert main(["templates", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["id"], r["language"]) for r in rows} >= {("soap", "en"), ("soap", "fr")}
