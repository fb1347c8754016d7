"""``scribe revise`` end to end in a child process, against a real OpenAI-compatible server on
127.0.0.1: only the section the instruction names is sent, the revised document is printed, a
contradicted dose is reported with its evidence, and each error is one line with nothing printed
for the document (the file itself is never written)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.openai_server import OpenAIServer, Reply

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
DOC = (
    "SUBJECTIVE:\nMr Smith, 54, has had chest pain for two days.\n\n"
    "ASSESSMENT:\nProbable angina.\n\n"
    "PLAN:\nStart ramipril 5 mg daily. Refer to cardiology.\n"
)
TRANSCRIPT = (
    "Doctor: What brings you in today?\n"
    "Patient: I have had chest pain for two days.\n"
    "Doctor: I think it is angina. I will start ramipril 5 mg daily and refer you to cardiology.\n"
)


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("note-model",), reply_text="unused") as srv:
        yield srv


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    doc, transcript = tmp_path / "note.txt", tmp_path / "visit.txt"
    doc.write_text(DOC, encoding="utf-8")
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    return doc, transcript


def scribe(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRIBE_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "revise", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def backend(server: OpenAIServer) -> list[str]:
    return ["--backend", "custom", "--base-url", server.base_url, "--model", "note-model"]


def test_a_section_is_revised_and_the_rest_printed_as_it_was(
    server: OpenAIServer, files: tuple[Path, Path], tmp_path: Path
) -> None:
    server.script_chat(Reply(text="Here is the revised text:\nASSESSMENT:\nStable angina."))
    doc, transcript = files
    result = scribe(tmp_path, str(doc), "say stable angina in the assessment",
                    "--transcript", str(transcript), *backend(server))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == DOC.replace("Probable angina.", "Stable angina.")
    system, user = server.chat_requests()[-1].json["messages"]
    assert "Probable angina." in user["content"] and "ramipril" not in user["content"]
    assert "Write in English." in system["content"]
    assert doc.read_text(encoding="utf-8") == DOC


def test_a_dose_the_consultation_contradicts_is_applied_and_reported(
    server: OpenAIServer, files: tuple[Path, Path], tmp_path: Path
) -> None:
    server.script_chat(Reply(text="PLAN:\nStart ramipril 50 mg daily. Refer to cardiology."))
    doc, transcript = files
    result = scribe(tmp_path, str(doc), "make the dose 50 mg", "--transcript", str(transcript),
                    "--json", *backend(server))  # fmt: skip
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert "ramipril 50 mg" in payload["document"]
    (flag,) = payload["contradictions"]
    assert flag["text"] == "50 mg" and "5 mg" in flag["evidence_text"]
    assert payload["plan"]["titles"] == ["plan"]


def test_bullets_need_no_backend(files: tuple[Path, Path], tmp_path: Path) -> None:
    with OpenAIServer() as gone:
        url = gone.base_url
    doc, _ = files
    result = scribe(tmp_path, str(doc), "bullets in the plan",
                    "--backend", "custom", "--base-url", url, "--model", "m")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("PLAN:\n- Start ramipril 5 mg daily.\n- Refer to cardiology.\n")


@pytest.mark.parametrize(
    ("reply", "instruction", "phrase"),
    [
        (Reply(text="PLAN:\nStart ramipril", break_after=1), "shorter plan", "scribe:"),
        (Reply(text="PLAN:\nStart ramipril", error_after=1), "shorter plan", "scribe:"),
        (Reply.error(401), "shorter plan", "refused the API key"),
        (Reply(text="   "), "shorter plan", "document is unchanged"),
        (Reply(), "   ", "what to change"),
        (Reply(), "ok", "does not say what to change"),
    ],
)
def test_errors_are_one_line_and_print_no_document(
    server: OpenAIServer,
    files: tuple[Path, Path],
    tmp_path: Path,
    reply: Reply,
    instruction: str,
    phrase: str,
) -> None:
    server.script_chat(reply)
    doc, _ = files
    result = scribe(tmp_path, str(doc), instruction, *backend(server))
    assert result.returncode == 1
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("scribe:")]
    assert len(errors) == 1 and phrase in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert doc.read_text(encoding="utf-8") == DOC


def test_missing_document_is_a_clear_error(tmp_path: Path) -> None:
    result = scribe(tmp_path, str(tmp_path / "none.txt"), "shorter")
    assert result.returncode == 1 and "does not exist" in result.stderr
