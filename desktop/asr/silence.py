"""Is there anything to hear in this audio? Asked of the audio itself, never of the words.

What Whisper invents over silence differs from one CPU to the next: "You" here, "C'est la
première fois que j'ai dit que j" on an AMD EPYC, with no-speech probabilities and log-probs
that let it through Whisper's own rule. So a decode's text is kept only when the audio it came
from holds something to hear, judged by two witnesses that do not invent words:

- the energy: an RMS under ``SILENT_DBFS`` is digital silence or a muted microphone (the
  quietest real speech in the shared clips, attenuated 50 dB, is still at -74 dBFS);
- the VAD (Silero, the one that cuts the live utterances) on the same samples, brought to one
  level first (``VAD_LEVEL_DBFS``): no frame reaching ``NO_SPEECH_VAD`` (the live VAD's own
  "this is a pause" level) means no speech. Silero alone on a short window of quiet speech is
  unsure until its state has heard some of it: "And so my fellow Americans" 45 dB down scored
  0.16 on its own window (0.90 once levelled), though the live VAD had cut it as speech. Levelled,
  the live utterances of the shared clips 40-45 dB down scored 0.70 or more; the test noises
  (white, brown, 50 Hz hum, claps, dither) 0.25 at most.

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
VAD_LEVEL_DBFS = -20.0  # the RMS level the VAD hears a window at

DetectorFactory = Callable[[], SpeechDetector]


def rms_dbfs(samples: Audio) -> float:
    if samples.size == 0:
        return -math.inf
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * math.log10(rms) if rms > 0 else -math.inf


def highest_speech_probability(samples: Audio, detector: SpeechDetector) -> float:
    """The VAD's highest frame probability over ``samples`` brought to ``VAD_LEVEL_DBFS`` (the
    last frame padded)."""
    level = rms_dbfs(samples)
    if not math.isfinite(level):
        return 0.0
    gain = 10.0 ** ((VAD_LEVEL_DBFS - level) / 20.0)
    levelled = np.clip(np.asarray(samples, dtype=np.float32) * gain, -1.0, 1.0)
    padded = np.pad(levelled, (0, -len(levelled) % FRAME)).astype(np.float32, copy=False)
    return float(np.max(detector.probabilities(padded)))


def nothing_to_hear(samples: Audio, *, detector: DetectorFactory | None = SileroDetector) -> bool:
    """True when ``samples`` are silence (energy) or hold no speech (the VAD; ``detector=None``
    when a VAD already chose the samples): text decoded from them was invented."""
    if rms_dbfs(samples) < SILENT_DBFS:
        return True
    if detector is None:
        return False
    return highest_speech_probability(samples, detector()) < NO_SPEECH_VAD
