"""Issue 21: a server address with credentials or a query is taken apart for the HTTP client and
never written whole to a log; the log folder and files are the user's only; drafting refuses a
budget that would send a request per character; "local only" holds for the machine check too."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.cancel import CancelToken
from desktop.config import Settings
from desktop.doctor.real_parts import build_setup
from desktop.errors import LocalOnlyRefused
from desktop.logs import LOG_FILE, setup_logging
from desktop.notes.base import DraftRequest, NoteError
from desktop.notes.drafting import MIN_BUDGET_TOKENS, draft_job
from desktop.notes.fake import FakeNoteWriter
from desktop.notes.templates import find_template, load_templates
from desktop.paths import AppPaths
from desktop.redact import redact
from desktop.secrets import Secrets
from desktop.urls import ServerAddress, host_of, split_address
from tests.support.memory_keyring import MemoryKeyring


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8080/v1", ServerAddress("http://127.0.0.1:8080/v1")),
        ("http://127.0.0.1:8080/v1/", ServerAddress("http://127.0.0.1:8080/v1")),
        (
            "https://dr:p%40ss@llm.clinic.example/v1?api-key=K&api-version=2024-10-21#x",
            ServerAddress(
                "https://llm.clinic.example/v1",
                {"api-key": "K", "api-version": "2024-10-21"},
                username="dr",
                password="p@ss",
            ),
        ),
        ("http://[::1]:11434/v1?token=", ServerAddress("http://[::1]:11434/v1", {"token": ""})),
        ("", ServerAddress("")),
        ("http://[::1/v1", ServerAddress("http://[::1/v1")),  # the client refuses it later
    ],
)
def test_an_address_is_taken_apart(url: str, expected: ServerAddress) -> None:
    assert split_address(url) == expected


def test_credentials_become_a_basic_header() -> None:
    assert split_address("http://h/v1").auth_headers() == {}
    assert split_address("http://dr:secret@h/v1").auth_headers() == {
        "Authorization": "Basic ZHI6c2VjcmV0"
    }


@pytest.mark.parametrize(
    "url",
    ["http://dr:secret@h.example:8443/v1?key=secret", "h.example:8443?key=secret", "dr:secret@h"],
)
def test_a_message_names_the_host_never_the_credentials(url: str) -> None:
    assert "secret" not in host_of(url) and host_of(url)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "HTTP Request: POST http://dr:pw@127.0.0.1:8/v1/chat?api-key=K1&x=1 200",
            "HTTP Request: POST http://***@127.0.0.1:8/v1/chat?api-key=***&x=1 200",
        ),
        ("GET https://h/v1?token=T&Signature=S", "GET https://h/v1?token=***&Signature=***"),
        ("GET https://h/v1?access_token=T#f", "GET https://h/v1?access_token=***#f"),
        ("Authorization: Bearer sk-live-abcdef", "Authorization: Bearer ***"),
        (
            "headers={'authorization': 'Basic ZHI6c2VjcmV0'}",
            "headers={'authorization': 'Basic ***'}",
        ),
        ("draft request: backend=custom transcript_chars=12", None),  # unchanged
        ("GET http://127.0.0.1:8080/v1/models?api-version=2024", None),
    ],
)
def test_redact_masks_credentials_only(line: str, expected: str | None) -> None:
    assert redact(line) == (line if expected is None else expected)


@pytest.fixture
def logged(paths: AppPaths) -> Iterator[Path]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield paths.log_dir
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def ours(handler: logging.Handler) -> bool:
    return getattr(handler, "_scribe_handler", False) and hasattr(handler, "baseFilename")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_folder_and_files_are_the_users_only(logged: Path, paths: AppPaths) -> None:
    os.chmod(logged, 0o755)
    old = logged / f"{LOG_FILE}.1"
    old.write_text("older\n", encoding="utf-8")
    os.chmod(old, 0o644)
    (logged / LOG_FILE).write_text("before\n", encoding="utf-8")
    os.chmod(logged / LOG_FILE, 0o644)
    setup_logging(paths)
    assert mode(logged) == 0o700
    assert mode(logged / LOG_FILE) == 0o600 and mode(old) == 0o600
    (handler,) = [h for h in logging.getLogger().handlers if ours(h)]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.doRollover()  # the next file is created as the user's only too
    logging.getLogger("desktop.test").info("after the rollover")
    assert mode(logged / LOG_FILE) == 0o600
    assert "after the rollover" in (logged / LOG_FILE).read_text(encoding="utf-8")


def test_a_fresh_log_folder_is_created_private(tmp_path: Path, logged: Path) -> None:
    fresh = AppPaths.from_env({"SCRIBE_HOME": str(tmp_path / "new")})
    setup_logging(fresh)
    assert mode(fresh.log_dir) == 0o700 and mode(fresh.log_dir / LOG_FILE) == 0o600


def test_every_line_and_traceback_is_redacted(logged: Path, paths: AppPaths) -> None:
    setup_logging(paths, verbose=True)
    url = "http://dr:pw-SECRET-1@192.0.2.10/v1?api-key=KEY-SECRET-2"
    log = logging.getLogger("desktop.test")
    log.info("calling %s", url)
    try:
        raise ValueError(f"cannot reach {url}")
    except ValueError:
        log.exception("failed")
    for name in ("httpx2", "httpcore2", "httpx", "openai"):
        logging.getLogger(name).info("HTTP Request: POST %s", url)  # quieted: not written
    text = (logged / LOG_FILE).read_text(encoding="utf-8")
    assert "calling http://***@192.0.2.10/v1?api-key=***" in text
    assert "ValueError: cannot reach http://***@192.0.2.10" in text
    assert "SECRET" not in text and "HTTP Request" not in text


def soap(transcript: str) -> DraftRequest:
    template = find_template(load_templates(user_dir=Path("/nonexistent")), "soap", "en")
    return DraftRequest(transcript=transcript, template=template, note_language="en")


class CountingWriter(FakeNoteWriter):
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def stream(self, request: DraftRequest, *, cancel: CancelToken | None = None) -> Iterator[str]:
        self.asked += 1
        return super().stream(request, cancel=cancel)


@pytest.mark.parametrize("budget", [0, -6000, MIN_BUDGET_TOKENS - 1])
def test_drafting_refuses_a_budget_that_would_send_a_request_per_character(budget: int) -> None:
    writer = CountingWriter()
    with pytest.raises(NoteError, match=r"transcript budget .* too small.*Nothing was sent"):
        list(
            draft_job(
                writer, soap("[patient] A cough."), cancel=CancelToken(), budget_tokens=budget
            )
        )
    assert writer.asked == 0


def test_drafting_at_the_smallest_budget_still_drafts() -> None:
    writer = CountingWriter()
    items = list(
        draft_job(writer, soap("[patient] A cough."), cancel=CancelToken(), budget_tokens=1000)
    )
    assert writer.asked == 1 and any(isinstance(i, str) for i in items)


def test_local_only_holds_for_the_machine_check(paths: AppPaths) -> None:
    base = Settings()
    settings = replace(
        base,
        notes=replace(base.notes, preset="custom", base_url="http://192.0.2.10:8080/v1", model="m"),
        transcription=replace(
            base.transcription, backend="remote", remote_url="http://192.0.2.10:9000/v1"
        ),
        privacy=replace(base.privacy, local_only=True),
    )
    secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
    setup = build_setup(settings, paths=paths, secrets=secrets, sample=None)
    with pytest.raises(LocalOnlyRefused):
        setup.make_note_writer()
    with pytest.raises(LocalOnlyRefused):
        setup.load_transcriber()


def test_the_machine_check_names_a_speech_server_without_its_credentials(paths: AppPaths) -> None:
    base = Settings()
    url = "http://dr:pw-SECRET@192.0.2.10:9000/v1?api-key=KEY-SECRET"
    settings = replace(
        base, transcription=replace(base.transcription, backend="remote", remote_url=url)
    )
    secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
    setup = build_setup(settings, paths=paths, secrets=secrets, sample=None)
    assert setup.transcriber_label == "http://***@192.0.2.10:9000/v1?api-key=***"
