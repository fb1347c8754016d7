"""Remote transcription: any OpenAI-compatible ``/v1/audio/transcriptions`` server.

A clinic's shared GPU server (faster-whisper-server, vLLM...) or a hosted API, through the
``openai`` client. Used for finals only (``live_partials = False``): one request per finished
utterance, never one per second. Every failure becomes one RemoteTranscriptionError sentence.

Threads: ``transcribe`` runs on the live-transcription worker thread; the HTTP call blocks it.
"""

from __future__ import annotations

import io
import logging
import wave
from typing import Any

import numpy as np

from desktop.asr.base import (
    SAMPLE_RATE,
    Audio,
    DecodeOptions,
    RemoteTranscriptionError,
    Segment,
    Transcript,
)
from desktop.asr.guards import clean_text
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths
from desktop.progress import ProgressFn
from desktop.urls import host_of, split_address

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 60.0
# OpenAI answers a language name in verbose_json; most self-hosted servers answer the code.
_LANGUAGE_NAMES = {"english": "en", "french": "fr", "german": "de", "spanish": "es"}


class RemoteTranscriber:
    name = "remote"
    live_partials = False  # a request per second would flood a shared server

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str = "",
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        if not base_url.strip():
            raise RemoteTranscriptionError(
                "No transcription server address is set; enter it in Settings."
            )
        from openai import OpenAI

        address = split_address(base_url)
        self._host = host_of(base_url)
        self._model = model
        self._client = OpenAI(
            base_url=address.base_url,
            default_query=address.query or None,
            default_headers=address.auth_headers() or None,
            api_key=api_key or "not-needed",
            timeout=timeout_s,
            max_retries=0,  # the live policy decides what to do on failure, not the client
        )

    @classmethod
    def from_settings(
        cls,
        settings: TranscriptionSettings,
        *,
        paths: AppPaths,
        progress: ProgressFn | None = None,
        api_key: str = "",
    ) -> RemoteTranscriber:
        return cls(base_url=settings.remote_url, model=settings.remote_model, api_key=api_key)

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        prompt = " ".join(p for p in (options.prompt, ", ".join(options.hotwords)) if p)
        kwargs: dict[str, Any] = {"model": self._model, "response_format": "verbose_json"}
        if options.language:
            kwargs["language"] = options.language
        if prompt:
            kwargs["prompt"] = prompt[-800:]  # servers cap the prompt; keep its recent end
        result = self._call(audio, kwargs)
        language = _language_code(getattr(result, "language", None) or options.language or "")
        duration = len(audio) / SAMPLE_RATE
        raw = getattr(result, "segments", None) or []
        segments = [_segment(s, options.offset_s) for s in raw]
        if not raw:  # a server that gives text only: one segment for the whole stretch
            segments = [Segment(options.offset_s, options.offset_s + duration, result.text)]
        kept = tuple(
            Segment(s.start, s.end, text) for s in segments if (text := clean_text(s.text))
        )
        return Transcript(kept, language)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        result = self._call(audio, {"model": self._model, "response_format": "verbose_json"})
        return _language_code(getattr(result, "language", None) or ""), 1.0

    def _call(self, audio: Audio, kwargs: dict[str, Any]) -> Any:
        import openai

        try:
            return self._client.audio.transcriptions.create(
                file=("utterance.wav", _wav_bytes(audio), "audio/wav"), **kwargs
            )
        except openai.AuthenticationError as exc:
            raise self._error("refused the API key (401); check it in Settings", exc) from exc
        except openai.PermissionDeniedError as exc:
            raise self._error("refused access (403); check the API key in Settings", exc) from exc
        except openai.NotFoundError as exc:
            raise self._error(
                "has no such endpoint or model (404); check the address and model in Settings",
                exc,
            ) from exc
        except openai.APITimeoutError as exc:
            raise self._error("did not answer in time", exc) from exc
        except openai.APIConnectionError as exc:
            raise self._error("could not be reached", exc) from exc
        except openai.APIStatusError as exc:
            raise self._error(f"failed (error {exc.status_code}); try again later", exc) from exc
        except openai.OpenAIError as exc:
            raise self._error("sent an answer Scribe cannot read", exc) from exc

    def _error(self, what: str, exc: Exception) -> RemoteTranscriptionError:
        log.warning("remote transcription failed: %s", type(exc).__name__)
        return RemoteTranscriptionError(f"The transcription server at {self._host} {what}.")


def _segment(raw: Any, offset_s: float) -> Segment:
    get = raw.get if isinstance(raw, dict) else lambda key: getattr(raw, key, None)
    start = float(get("start") or 0.0)
    end = float(get("end") or start)
    return Segment(round(start + offset_s, 3), round(end + offset_s, 3), str(get("text") or ""))


def _language_code(language: str) -> str:
    code = language.strip().lower()
    return _LANGUAGE_NAMES.get(code, code)


def _wav_bytes(audio: Audio) -> bytes:
    pcm = (np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()
