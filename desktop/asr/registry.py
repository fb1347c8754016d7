"""The transcription backends, by the name stored in ``TranscriptionSettings.backend``.

An explicit dict: to add a backend, add one entry. Each factory imports its backend lazily, so
choosing the remote backend never loads faster-whisper (and vice versa).
Threads: ``create_transcriber`` runs on the worker thread that prepares transcription.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.asr.base import Transcriber, TranscriptionError
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths
from desktop.progress import ProgressFn

# (settings, paths, progress, api_key) -> a loaded backend
BackendFactory = Callable[[TranscriptionSettings, AppPaths, "ProgressFn | None", str], Transcriber]


def _local(
    settings: TranscriptionSettings, paths: AppPaths, progress: ProgressFn | None, api_key: str
) -> Transcriber:
    from desktop.asr.whisper_local import LocalWhisper

    return LocalWhisper.from_settings(settings, paths=paths, progress=progress)


def _remote(
    settings: TranscriptionSettings, paths: AppPaths, progress: ProgressFn | None, api_key: str
) -> Transcriber:
    from desktop.asr.remote import RemoteTranscriber

    return RemoteTranscriber.from_settings(
        settings, paths=paths, progress=progress, api_key=api_key
    )


def _fake(
    settings: TranscriptionSettings, paths: AppPaths, progress: ProgressFn | None, api_key: str
) -> Transcriber:
    from desktop.asr.fake import FakeTranscriber

    return FakeTranscriber(
        language=settings.language if settings.language in ("en", "fr") else "en"
    )


BACKENDS: dict[str, BackendFactory] = {
    "local": _local,
    "remote": _remote,
    "fake": _fake,
}


def create_transcriber(
    settings: TranscriptionSettings,
    *,
    paths: AppPaths,
    progress: ProgressFn | None = None,
    api_key: str = "",
) -> Transcriber:
    """Build (and load) the backend the settings name; errors are TranscriptionError subclasses.

    ``api_key`` (from the keychain, remote backend only) is never stored in settings or logs.
    """
    factory = BACKENDS.get(settings.backend)
    if factory is None:
        raise TranscriptionError(
            f'The transcription backend "{settings.backend}" is unknown; choose one in Settings.'
        )
    return factory(settings, paths, progress, api_key)
