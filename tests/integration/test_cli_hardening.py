"""Issue 21, the command line as a new user and an attacker would try it, in a real subprocess
(``python -m desktop ...``) against a real OpenAI-compatible server on 127.0.0.1.

The subprocess runs on a loopback-only network (``tests/support/loopback_only``): any connection
to another address (``http://192.0.2.10:8080/v1``, "a remote host") reaches the recording server
instead, and ``HTTP(S)_PROXY`` points there too, so a test sees what would have left the machine
while nothing ever does. Each test below failed on the code before the fix (d60dc7f).
"""

from __future__ import annotations

import base64
import json
import os
import random
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.openai_server import OpenAIServer

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK_ONLY = ROOT / "tests" / "support" / "loopback_only"
REMOTE = "http://192.0.2.10:8080/v1"  # TEST-NET-1: never routed; here it reaches the recorder
NOTE = "SUBJECTIVE: cough for 3 days.\nPLAN: not discussed."
TRANSCRIPT = "[doctor] What brings you in?\n[patient] A cough for 3 days, no fever.\n"
SPEECH = ROOT / "tests" / "data" / "jfk_16k_mono.wav"


@pytest.fixture
def server() -> Iterator[OpenAIServer]:
    with OpenAIServer(models=("note-model",), reply_text=NOTE) as srv:
        yield srv


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "home" / "config").mkdir(parents=True)
    (tmp_path / "visit.txt").write_text(TRANSCRIPT, encoding="utf-8")
    return tmp_path / "home"


def settings_file(home: Path) -> Path:
    return home / "config" / "settings.json"


def write_settings(home: Path, data: dict[str, Any]) -> None:
    settings_file(home).write_text(json.dumps(data), encoding="utf-8")


def scribe(
    home: Path, server: OpenAIServer, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m desktop ARGS`` with SCRIBE_HOME=home, on the loopback-only network."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "all_proxy")}
    proxy = f"http://127.0.0.1:{server.port}"
    env.update(
        SCRIBE_HOME=str(home),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(LOOPBACK_ONLY)]),
        SCRIBE_TEST_ELSEWHERE=f"127.0.0.1:{server.port}",
        HTTP_PROXY=proxy, HTTPS_PROXY=proxy, http_proxy=proxy, https_proxy=proxy,
        NO_PROXY="", no_proxy="",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        SCRIBE_NOTES_API_KEY="sk-test", HF_HUB_OFFLINE="1",
    )  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=home.parent, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def draft_here(server: OpenAIServer, *extra: str) -> list[str]:
    return ["draft", "visit.txt", "--backend", "custom", "--base-url", server.base_url,
            "--model", "note-model", *extra]  # fmt: skip


# --- item 1: a settings file that is not UTF-8 ---------------------------------------------------


def test_a_settings_file_that_is_not_utf8_is_set_aside_and_the_command_goes_on(
    home: Path, server: OpenAIServer
) -> None:
    noise = random.Random(21).randbytes(300)  # `head -c 300 /dev/urandom > settings.json`
    settings_file(home).write_bytes(noise)
    done = scribe(home, server, *draft_here(server))
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout == NOTE + "\n"
    (backup,) = (home / "config").glob("settings.json.corrupt-*")
    assert backup.read_bytes() == noise
    assert f"scribe: The settings file was damaged; it was kept as {backup.name}" in done.stderr


# --- item 2: "local_only" of the wrong type -----------------------------------------------------


@pytest.mark.parametrize("local_only", ["true", 1, "yes"])
def test_local_only_of_the_wrong_type_never_lets_the_transcript_leave(
    home: Path, server: OpenAIServer, local_only: object
) -> None:
    write_settings(
        home,
        {
            "privacy": {"local_only": local_only},
            "notes": {"preset": "custom", "base_url": REMOTE, "model": "note-model"},
        },
    )
    done = scribe(home, server, "draft", "visit.txt")
    assert server.requests == []  # nothing reached "the remote host"
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert "privacy.local_only" in lines[0] and "local-only mode is on" in lines[0]
    assert lines[-1] == (
        "scribe: Local-only mode is on, so the transcript cannot be sent to 192.0.2.10:8080: "
        "nothing was sent. Turn it off in Settings, or use a local backend."
    )
    assert done.stdout == ""


@pytest.mark.parametrize("local_only", ["true", 1, True])
def test_local_only_holds_for_the_remote_speech_server_too(
    home: Path, server: OpenAIServer, local_only: object
) -> None:
    write_settings(
        home,
        {
            "privacy": {"local_only": local_only},
            "transcription": {"backend": "remote", "remote_url": REMOTE},
        },
    )
    done = scribe(home, server, "transcribe", str(SPEECH))
    assert server.requests == []
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "“Local only” is on" in done.stderr.splitlines()[-1]


def test_the_test_network_shows_what_would_leave_when_local_only_is_off(
    home: Path, server: OpenAIServer
) -> None:
    """The control: without local-only the draft goes to "the remote host" and the recorder sees
    it, so the tests above would see a leak."""
    write_settings(
        home,
        {
            "privacy": {"local_only": False},
            "notes": {"preset": "custom", "base_url": REMOTE, "model": "note-model"},
        },
    )
    done = scribe(home, server, "draft", "visit.txt")
    assert done.returncode == 0, done.stderr
    (request,) = server.chat_requests()
    assert request.headers["Host"] == "192.0.2.10:8080"
    assert "A cough for 3 days" in request.json["messages"][-1]["content"]


# --- item 3: credentials in a server address ----------------------------------------------------


def test_credentials_in_the_address_are_sent_right_and_never_logged(
    home: Path, server: OpenAIServer
) -> None:
    logs = home / "logs"
    logs.mkdir(mode=0o755)
    os.chmod(logs, 0o755)
    (logs / "scribe.log").write_text("an older run\n", encoding="utf-8")
    os.chmod(logs / "scribe.log", 0o644)
    url = f"http://dr.martin:pw-S3CRET-1@127.0.0.1:{server.port}/v1?api-key=KEY-S3CRET-2&x=1"
    args = ["-v", "draft", "visit.txt", "--backend", "custom", "--base-url", url,
            "--model", "note-model"]  # fmt: skip
    done = scribe(home, server, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout == NOTE + "\n"
    (request,) = server.chat_requests()
    assert request.path == "/v1/chat/completions"  # the query is not glued into the path
    assert request.query == "api-key=KEY-S3CRET-2&x=1"
    expected = base64.b64encode(b"dr.martin:pw-S3CRET-1").decode()
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["authorization"] == f"Basic {expected}"
    log = (logs / "scribe.log").read_text(encoding="utf-8")
    assert "draft request: backend=custom" in log  # the run was logged (at DEBUG: -v)
    for secret in ("pw-S3CRET-1", "KEY-S3CRET-2", expected):
        assert secret not in log and secret not in done.stderr
    assert stat.S_IMODE(logs.stat().st_mode) == 0o700
    assert stat.S_IMODE((logs / "scribe.log").stat().st_mode) == 0o600


# --- item 4: numbers out of range ---------------------------------------------------------------


def test_a_budget_of_zero_sends_one_request_not_thousands(home: Path, server: OpenAIServer) -> None:
    write_settings(home, {"notes": {"context_budget_tokens": 0}})
    done = scribe(home, server, *draft_here(server, "--no-repair"))  # count the drafting only
    assert len(server.chat_requests()) == 1  # the transcript fits the default budget
    assert done.returncode == 0, done.stderr
    assert done.stdout == NOTE + "\n"
    assert done.stderr.splitlines()[0] == (
        "scribe: These settings in the settings file were not valid, so their default values "
        "are used: notes.context_budget_tokens."
    )


@pytest.mark.parametrize("timeout", ["-1", "0", "NaN", "-Infinity"])
def test_a_request_timeout_out_of_range_is_ignored_and_the_draft_works(
    home: Path, server: OpenAIServer, timeout: str
) -> None:
    settings_file(home).write_text(
        '{"notes": {"request_timeout_s": ' + timeout + "}}", encoding="utf-8"
    )
    done = scribe(home, server, *draft_here(server))
    assert done.returncode == 0, done.stderr
    assert done.stdout == NOTE + "\n"
    assert "notes.request_timeout_s" in done.stderr.splitlines()[0]


# --- item 5: --base-url without --backend -------------------------------------------------------


def test_a_base_url_without_a_backend_means_that_server(home: Path, server: OpenAIServer) -> None:
    done = scribe(
        home, server, "draft", "visit.txt", "--base-url", server.base_url, "--model", "note-model"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == NOTE + "\n"
    assert len(server.chat_requests()) == 1
    assert "local note model" not in done.stderr.lower()  # the built-in model was not started


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), "No model is named for the note server at 127.0.0.1:{port}: add --model NAME."),
        (
            ("--backend", "builtin", "--model", "m"),
            "--base-url names a server, but --backend builtin runs on this computer without one: "
            "leave out one of the two.",
        ),
    ],
)
def test_a_base_url_that_cannot_be_used_is_a_clear_error(
    home: Path, server: OpenAIServer, extra: tuple[str, ...], message: str
) -> None:
    done = scribe(home, server, "draft", "visit.txt", "--base-url", server.base_url, *extra)
    assert done.returncode == 1
    assert done.stderr == f"scribe: {message.format(port=server.port)}\n"
    assert server.requests == []
