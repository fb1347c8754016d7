"""LocalWhisper with its short-window decodes answered from a script: the final's decisions
(context, rests, echoes) tested without a model."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from desktop.asr.whisper_device import LoadedDevice
from desktop.asr.whisper_local import LocalWhisper
from desktop.asr.whisper_window import WindowResult
from desktop.pcm import SAMPLE_RATE


class ScriptedWindows(LocalWhisper):
    """LocalWhisper whose short-window decodes answer from a script (no model)."""

    def __init__(self, answers: list[WindowResult]) -> None:
        super().__init__(model=None, label="scripted", device=LoadedDevice("cpu", "int8"))  # type: ignore[arg-type]
        self.answers = answers
        self.calls: list[tuple[float, float, str]] = []  # (audio s, context s, context text)

    def _window(self, samples, options, prompt, context, context_text):  # type: ignore[no-untyped-def]
        context_s = 0.0 if context is None else len(context) / SAMPLE_RATE
        self.calls.append((len(samples) / SAMPLE_RATE, context_s, context_text))
        return self.answers.pop(0)


def answer(
    text: str, stopped: float | None = None, *, said_again: str = "", no_speech: float = 0.01
) -> WindowResult:
    return WindowResult(
        text, "en", no_speech, -0.2 if no_speech < 0.5 else -0.8, stopped, said_again
    )


def speech(seconds: float) -> np.ndarray:
    """``seconds`` of real speech (the JFK clip, repeated as needed): a scripted answer is then
    given for audio that has something to hear, as a real one would be (``asr.silence``)."""
    with wave.open(str(Path(__file__).parents[1] / "data" / "jfk_16k_mono.wav")) as clip:
        pcm = np.frombuffer(clip.readframes(clip.getnframes()), dtype="<i2")
    audio = pcm.astype(np.float32) / 32768.0
    wanted = int(seconds * SAMPLE_RATE)
    return np.tile(audio, wanted // len(audio) + 1)[:wanted]
