"""``scribe draft`` repairs the draft before printing it (issue 25), against a real
OpenAI-compatible server on 127.0.0.1: what nobody said is removed or asked again (the follow-up
quotes the consultation's line), ``--json`` gives the first draft and the repaired note,
``--no-repair`` prints the draft as written, and a transcript with nothing clinical never reaches
the server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.__main__ import main
from tests.support.openai_server import OpenAIServer, Reply

pytestmark = pytest.mark.integration

SAID = "Doctor: What brings you in?\nPatient: A dry cough for 3 days. I take ibuprofen 400 mg.\n"
DRAFT = (
    "SUBJECTIVE:\nDry cough for 3 days. Takes ibuprofen 800 mg.\n\n"
    "OBJECTIVE:\nBlood pressure 150/95 mmHg, heart rate 88 bpm.\n"
)


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("note-model",), reply_text=DRAFT) as srv:
        yield srv


def args(server: OpenAIServer, path: Path, *extra: str) -> list[str]:
    return [
        "draft", str(path), "--backend", "custom", "--base-url", server.base_url,
        "--model", "note-model", *extra,
    ]  # fmt: skip


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "visit.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repaired_note_follows_the_draft(server, tmp_path, capsys) -> None:
    server.script_chat(Reply(text=DRAFT), Reply(text="Takes ibuprofen 400 mg."))
    assert main(args(server, write(tmp_path, SAID))) == 0
    out = capsys.readouterr()
    draft, _, repaired = out.out.partition("=== Repaired draft")
    assert "150/95" in draft and "800 mg" in draft  # the draft as it streamed
    assert "150/95" not in repaired and "Takes ibuprofen 400 mg." in repaired
    assert "OBJECTIVE:\nNot discussed." in repaired
    assert "Checking the draft against the consultation" in out.err
    follow_up = server.chat_requests()[-1].json["messages"]
    assert [m["role"] for m in follow_up] == ["system", "user", "assistant", "user"]
    assert "Takes ibuprofen 800 mg." in follow_up[-1]["content"]
    assert "I take ibuprofen 400 mg." in follow_up[-1]["content"]  # the evidence, quoted


def test_json_gives_the_first_draft_and_the_repair(server, tmp_path, capsys) -> None:
    server.script_chat(Reply(text=DRAFT), Reply(text="DELETE"))
    assert main(args(server, write(tmp_path, SAID), "--json")) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["first_draft"].startswith("SUBJECTIVE:") and "150/95" in payload["first_draft"]
    assert "150/95" not in payload["note"] and "800 mg" not in payload["note"]
    assert payload["repair"]["fixed"] == 2 and payload["repair"]["requests"] == 1
    assert payload["repair"]["failed"] == ""


def test_no_repair_prints_the_draft_as_written(server, tmp_path, capsys) -> None:
    assert main(args(server, write(tmp_path, SAID), "--no-repair")) == 0
    assert capsys.readouterr().out == DRAFT + "\n"
    assert len(server.chat_requests()) == 1


def test_a_server_failing_during_the_repair_keeps_the_draft(server, tmp_path, capsys) -> None:
    server.script_chat(Reply(text=DRAFT), Reply.error(500))
    assert main(args(server, write(tmp_path, SAID), "--json")) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["note"] == payload["first_draft"] and "800 mg" in payload["note"]
    assert payload["repair"]["failed"]


def test_nothing_clinical_never_reaches_the_server(server, tmp_path, capsys) -> None:
    speech = "And so my fellow Americans, ask not what your country can do for you.\n"
    assert main(args(server, write(tmp_path, speech), "--note-language", "fr")) == 0
    assert "Rien de médical n'a été dit" in capsys.readouterr().out
    assert server.chat_requests() == []
