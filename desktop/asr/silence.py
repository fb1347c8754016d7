"""Is there anything to hear in this audio? Asked of the audio itself, never of the words.

What Whisper invents over silence differs from one CPU to the next: "You" here, "C'est la
première fois que j'ai dit que j" on an AMD EPYC, with no-speech probabilities and log-probs
that let it through Whisper's own rule. So a decode's text is kept only when the audio it came
from holds something to hear, judged by two witnesses that do not invent words:

- the energy: an RMS under ``SILENT_DBFS`` is digital silence or a muted microphone (the
  quietest real speech in the shared clips, attenuated 50 dB, is still at -74 dBFS);
- the VAD (Silero, the one that cuts the live utterances) on the same samples: no frame reaching
  ``NO_SPEECH_VAD`` (the live VAD's own "this is a pause" level) means no speech. Over the test
  noises (white, brown, 50 Hz hum, claps, silence) its highest frame was 0.25; over speech
  attenuated by up to 50 dB it was 0.83 or more.

Whisper's own no-speech probability stays the third witness (``whisper_local``).

Threads: the caller's (the transcription worker); a detector is made per call (the ONNX session
behind it is shared and loaded once).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from desktop.asr.vad import FRAME, SileroDetector, SpeechDetector, VadPolicy
from desktop.pcm import Audio

SILENT_DBFS = -85.0
NO_SPEECH_VAD = VadPolicy().neg_threshold

DetectorFactory = Callable[[], SpeechDetector]


def rms_dbfs(samples: Audio) -> float:
    if samples.size == 0:
        return -math.inf
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * math.log10(rms) if rms > 0 else -math.inf


def highest_speech_probability(samples: Audio, detector: SpeechDetector) -> float:
    """The VAD's highest frame probability over ``samples`` (the last frame padded)."""
    padded = np.pad(samples, (0, -len(samples) % FRAME)).astype(np.float32, copy=False)
    if padded.size == 0:
        return 0.0
    return float(np.max(detector.probabilities(padded)))


def nothing_to_hear(samples: Audio, *, detector: DetectorFactory | None = SileroDetector) -> bool:
    """True when ``samples`` are silence (energy) or hold no speech (the VAD; ``detector=None``
    when a VAD already chose the samples): text decoded from them was invented."""
    if rms_dbfs(samples) < SILENT_DBFS:
        return True
    if detector is None:
        return False
    return highest_speech_probability(samples, detector()) < NO_SPEECH_VAD
