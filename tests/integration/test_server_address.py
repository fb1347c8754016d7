"""Issue 21, item 3, for the remote speech server too: an address with credentials and a query
(``http://user:password@host/v1?api-key=...``) reaches a real server on 127.0.0.1 as a Basic
header and a query string on the right path, and the error message names the host only."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from desktop.asr.base import DecodeOptions, RemoteTranscriptionError
from desktop.asr.remote import RemoteTranscriber
from desktop.pcm import SAMPLE_RATE
from tests.support.openai_server import OpenAIServer

pytestmark = pytest.mark.integration


def test_the_speech_server_gets_the_credentials_and_query_apart_from_the_path() -> None:
    with OpenAIServer() as server:  # it has no transcription route: it answers 404, recorded
        url = f"http://dr.martin:pw-S3CRET@127.0.0.1:{server.port}/v1/?api-key=KEY-S3CRET"
        transcriber = RemoteTranscriber(base_url=url, model="whisper-1")
        with pytest.raises(RemoteTranscriptionError) as failed:
            transcriber.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), DecodeOptions())
    (request,) = server.requests
    assert (request.method, request.path) == ("POST", "/v1/audio/transcriptions")
    assert request.query == "api-key=KEY-S3CRET"
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["authorization"] == "Basic " + base64.b64encode(b"dr.martin:pw-S3CRET").decode()
    assert "S3CRET" not in str(failed.value) and f"127.0.0.1:{server.port}" in str(failed.value)
