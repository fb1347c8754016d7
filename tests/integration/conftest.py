"""Integration fixtures: real models and servers, prepared once per test run.

Shared file (speech-to-text and audio engineers): add fixtures, do not change existing ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.paths import AppPaths

# --- speech to text ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def whisper_base_dir(shared_cache: Path) -> Path:
    """The bundled Whisper base, joined from its registry packages once per run."""
    from desktop.asr.locator import prepare_bundled

    cache_paths = AppPaths(
        config_dir=shared_cache / "config",
        data_dir=shared_cache / "data",
        cache_dir=shared_cache / "cache",
        log_dir=shared_cache / "logs",
    )
    return prepare_bundled(paths=cache_paths)


@pytest.fixture(scope="session")
def whisper_base(whisper_base_dir: Path):  # type: ignore[no-untyped-def]
    """The bundled model loaded on the CPU (int8), shared by every test of the run."""
    from desktop.asr.whisper_local import LocalWhisper

    return LocalWhisper.load(str(whisper_base_dir), label="Whisper base (bundled)", device="cpu")


# --- audio capture: the PulseAudio virtual microphone ---------------------------------------------


@pytest.fixture(scope="session")
def _virtual_mic_session():  # type: ignore[no-untyped-def]
    """Start (or reuse) PulseAudio with a null sink of this run's own, kept awake throughout."""
    from tests.integration.virtual_mic import VirtualMicUnavailable, private_virtual_mic, release

    try:
        mic = private_virtual_mic()
    except VirtualMicUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")
    awake = mic.keep_awake()
    yield mic
    awake.terminate()
    awake.wait(timeout=10)
    release(mic)


@pytest.fixture
def virtual_mic(_virtual_mic_session, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The virtual mic, with this test's PulseAudio clients (PortAudio streams opened in this
    process, and subprocesses that inherit the environment) recording its monitor."""
    for key, value in _virtual_mic_session.env().items():
        monkeypatch.setenv(key, value)
    return _virtual_mic_session


class TranscriptionServer:
    """A real OpenAI-compatible ``/v1/audio/transcriptions`` server on 127.0.0.1.

    It transcribes with the given local model and answers ``verbose_json``. ``mode`` makes it
    fail the way real servers do: "unauthorized" (401), "not_found" (404), "error" (500),
    "hang" (never answers until ``release`` is set). Threads: http.server runs each request on
    its own thread; the test thread only sets ``mode`` and reads ``requests``.
    """

    KEY = "test-key"

    def __init__(self, model: object) -> None:
        import http.server
        import threading

        self.model = model
        self.mode = "ok"
        self.requests: list[dict[str, str]] = []
        self.release = threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                owner.handle(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, request: object) -> None:
        from email.parser import BytesParser
        from email.policy import HTTP

        req = request  # http.server.BaseHTTPRequestHandler
        length = int(req.headers.get("Content-Length", "0"))  # type: ignore[attr-defined]
        body = req.rfile.read(length)  # type: ignore[attr-defined]
        if self.mode == "hang":
            self.release.wait(30)
            return
        if req.path != "/v1/audio/transcriptions" or self.mode == "not_found":  # type: ignore[attr-defined]
            return self._answer(req, 404, {"error": {"message": "not found"}})
        auth = req.headers.get("Authorization", "")  # type: ignore[attr-defined]
        if self.mode == "unauthorized" or auth != f"Bearer {self.KEY}":
            return self._answer(req, 401, {"error": {"message": "invalid api key"}})
        if self.mode == "error":
            return self._answer(req, 500, {"error": {"message": "server exploded"}})
        head = f"Content-Type: {req.headers['Content-Type']}\r\n\r\n".encode()  # type: ignore[attr-defined]
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        fields: dict[str, bytes] = {}
        for part in message.iter_parts():  # type: ignore[attr-defined]
            fields[part.get_param("name", header="content-disposition")] = part.get_payload(
                decode=True
            )
        self.requests.append(
            {k: v.decode("utf-8", "replace") for k, v in fields.items() if k != "file"}
        )
        self._answer(req, 200, self._transcribe(fields))

    def _transcribe(self, fields: dict[str, bytes]) -> dict[str, object]:
        import tempfile

        from desktop.asr.base import DecodeOptions
        from desktop.audio.file_source import read_audio

        with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
            tmp.write(fields["file"])
            tmp.flush()
            audio = read_audio(Path(tmp.name))
        language = fields.get("language", b"").decode() or None
        prompt = fields.get("prompt", b"").decode()
        result = self.model.transcribe(audio, DecodeOptions(language=language, prompt=prompt))  # type: ignore[attr-defined]
        segments = [
            {
                "id": i,
                "seek": 0,
                "start": s.start,
                "end": s.end,
                "text": " " + s.text,
                "tokens": [],
                "temperature": 0.0,
                "avg_logprob": -0.2,
                "compression_ratio": 1.2,
                "no_speech_prob": 0.01,
            }
            for i, s in enumerate(result.segments)
        ]
        return {
            "task": "transcribe",
            "language": result.language,
            "duration": len(audio) / 16000,
            "text": result.text,
            "segments": segments,
        }

    @staticmethod
    def _answer(req: object, status: int, payload: dict[str, object]) -> None:
        import json

        data = json.dumps(payload).encode()
        req.send_response(status)  # type: ignore[attr-defined]
        req.send_header("Content-Type", "application/json")  # type: ignore[attr-defined]
        req.send_header("Content-Length", str(len(data)))  # type: ignore[attr-defined]
        req.end_headers()  # type: ignore[attr-defined]
        req.wfile.write(data)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def transcription_server(whisper_base):  # type: ignore[no-untyped-def]
    server = TranscriptionServer(whisper_base)
    yield server
    server.close()


@pytest.fixture
def asr_server(transcription_server: TranscriptionServer):  # type: ignore[no-untyped-def]
    """The session's transcription server, reset to answering normally for this test."""
    transcription_server.mode = "ok"
    transcription_server.requests.clear()
    yield transcription_server
    transcription_server.release.set()  # wake a request left hanging by a timeout test
    transcription_server.release.clear()
