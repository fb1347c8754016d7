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
    """Start (or reuse) PulseAudio with our own null sink, kept awake for the whole run."""
    from virtual_mic import VirtualMicUnavailable, ensure_virtual_mic

    try:
        mic = ensure_virtual_mic()
    except VirtualMicUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")
    awake = mic.keep_awake()
    yield mic
    awake.terminate()
    awake.wait(timeout=10)


@pytest.fixture
def virtual_mic(_virtual_mic_session, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The virtual mic, with this test's PulseAudio clients (PortAudio streams opened in this
    process, and subprocesses that inherit the environment) recording its monitor."""
    for key, value in _virtual_mic_session.env().items():
        monkeypatch.setenv(key, value)
    return _virtual_mic_session
