"""The transcription backend registry."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.asr.base import DecodeOptions, RemoteTranscriptionError, TranscriptionError
from desktop.asr.fake import FakeTranscriber
from desktop.asr.registry import BACKENDS, create_transcriber
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths


def test_registry_names_every_backend() -> None:
    assert set(BACKENDS) == {"local", "remote", "fake"}


def test_fake_backend_from_settings(paths: AppPaths) -> None:
    t = create_transcriber(TranscriptionSettings(backend="fake", language="fr"), paths=paths)
    assert isinstance(t, FakeTranscriber)
    assert t.detect_language(np.zeros(10, np.float32)) == ("fr", 1.0)
    assert t.transcribe(np.zeros(8000, np.float32), DecodeOptions()).language == "fr"


def test_unknown_backend_is_one_sentence(paths: AppPaths) -> None:
    with pytest.raises(TranscriptionError, match="unknown") as err:
        create_transcriber(TranscriptionSettings(backend="carrier-pigeon"), paths=paths)
    assert str(err.value).count(".") == 1


def test_remote_without_address_says_so(paths: AppPaths) -> None:
    with pytest.raises(RemoteTranscriptionError, match="address"):
        create_transcriber(TranscriptionSettings(backend="remote", remote_url=""), paths=paths)


def test_local_with_offline_hub_name_fails_clearly(paths: AppPaths) -> None:
    with pytest.raises(TranscriptionError, match="offline"):
        create_transcriber(TranscriptionSettings(backend="local", model="medium"), paths=paths)
