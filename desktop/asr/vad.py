"""Voice activity: cut a live stream of audio into utterances.

``Segmenter`` takes 16 kHz mono blocks of any size, asks a ``SpeechDetector`` for the speech
probability of each 32 ms frame, and returns every utterance that finished (speech followed by
a pause, or a long stretch cut at its quietest point). The open utterance is available for
partial decodes. Nothing is dropped but silence, and the times are exact sample positions from
the start of the stream.

Threads: none of its own; used by the live-transcription worker thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from desktop.pcm import SAMPLE_RATE, Audio

FRAME = 512  # Silero's frame: 32 ms at 16 kHz
Probabilities = npt.NDArray[np.float32]


class SpeechDetector(Protocol):
    def probabilities(self, frames: Audio) -> Probabilities:
        """Speech probability of each 512-sample frame; calls are contiguous in time."""
        ...


def load_vad_model() -> None:
    """Create the VAD's ONNX session now, on the calling thread: the app does it on the GUI
    thread at start-up. Created for the first time on a worker thread (the live transcription's
    first VAD) while the GUI thread ran Qt's event loop, it crashed the process now and then
    (a segmentation fault in the UI tests); once created it is shared (faster-whisper caches it)."""
    from faster_whisper.vad import get_vad_model

    get_vad_model()


class SileroDetector:
    """The Silero VAD that ships inside faster-whisper, run frame by frame as audio arrives.

    The model carries a recurrent state (h, c) from frame to frame and sees the 64 samples before
    each frame; both are kept between calls, so results equal one pass over the whole recording.
    """

    CONTEXT = 64

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(self.CONTEXT, dtype=np.float32)

    def probabilities(self, frames: Audio) -> Probabilities:
        if frames.size == 0:
            return np.zeros(0, dtype=np.float32)
        windows = np.asarray(frames, dtype=np.float32).reshape(-1, FRAME)
        contexts = np.concatenate([self._context[None], windows[:-1, -self.CONTEXT :]])
        self._context = windows[-1, -self.CONTEXT :].copy()
        batch = np.concatenate([contexts, windows], axis=1)
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        return np.asarray(out, dtype=np.float32).reshape(-1)


class EnergyDetector:
    """A deterministic stand-in for tests: a frame is speech when its RMS exceeds ``threshold``."""

    def __init__(self, *, threshold: float = 0.01) -> None:
        self.threshold = threshold

    def probabilities(self, frames: Audio) -> Probabilities:
        rms = np.sqrt(np.mean(frames.reshape(-1, FRAME) ** 2, axis=1))
        return (rms > self.threshold).astype(np.float32)


@dataclass(frozen=True)
class VadPolicy:
    threshold: float = 0.5  # a frame this likely to be speech starts or continues an utterance
    neg_threshold: float = 0.35  # below this a frame counts as pause
    min_silence_s: float = 0.5  # a pause this long ends the utterance
    pad_s: float = 0.2  # kept before and after the speech
    min_speech_s: float = 0.1  # shorter blips are clicks, not words
    max_utterance_s: float = 12.0  # longer speech is cut at its quietest point
    # Past this length a shorter pause (a breath between phrases) ends the utterance: its final
    # then comes at once instead of when the bound forces a cut, seconds after those words.
    long_after_s: float = 6.0
    long_min_silence_s: float = 0.15


@dataclass(frozen=True)
class Utterance:
    start: int  # first sample, counted from the start of the stream
    audio: Audio
    speech_end: int  # sample where speech stopped (the end of the last voiced frame)

    @property
    def start_s(self) -> float:
        return self.start / SAMPLE_RATE

    @property
    def end(self) -> int:
        return self.start + len(self.audio)


class Segmenter:
    def __init__(self, *, detector: SpeechDetector, policy: VadPolicy | None = None) -> None:
        self._detector = detector
        self._policy = policy or VadPolicy()
        self._buffer = np.zeros(0, dtype=np.float32)  # audio from sample _buffer_start on
        self._buffer_start = 0
        self._floor = 0  # an utterance's pre-roll never reaches before this sample
        self._remainder = np.zeros(0, dtype=np.float32)  # < one frame, not yet analysed
        self._analysed = 0  # samples analysed (multiple of FRAME)
        self._in_speech = False
        self._start = 0
        self._first_voiced = 0
        self._last_voiced = 0
        self._silence_from: int | None = None
        self._probs: list[float] = []  # per frame since _start (for cutting long utterances)

    @property
    def received(self) -> int:
        """Samples received so far."""
        return self._analysed + len(self._remainder)

    def push(self, block: Audio) -> list[Utterance]:
        """Add audio; return the utterances it finished (oldest first)."""
        data = np.concatenate([self._remainder, np.asarray(block, dtype=np.float32).reshape(-1)])
        whole = len(data) // FRAME * FRAME
        frames, self._remainder = data[:whole], data[whole:].copy()
        if whole == 0:
            return []
        self._buffer = np.concatenate([self._buffer, frames])
        done: list[Utterance] = []
        for i, p in enumerate(self._detector.probabilities(frames)):
            utterance = self._step(self._analysed + i * FRAME, float(p))
            if utterance is not None:
                done.append(utterance)
        self._analysed += whole
        self._trim()
        return done

    def open_utterance(self) -> Utterance | None:
        """The utterance being spoken now (for a partial decode), if any."""
        if not self._in_speech:
            return None
        return self._cut(self._start, self._analysed, self._last_voiced)

    def closing_utterance(self) -> Utterance | None:
        """The open utterance exactly as it will end if the pause now under way holds (None
        when no pause has begun, or the padding after the speech has not arrived yet)."""
        end = self._last_voiced + self._samples(self._policy.pad_s)
        if not self._in_speech or self._silence_from is None or self._analysed < end:
            return None
        return self._cut(self._start, end, self._last_voiced)

    def flush(self) -> Utterance | None:
        """End of stream: the open utterance, finished with whatever audio is left."""
        if self._remainder.size:
            self._buffer = np.concatenate([self._buffer, self._remainder])
            self._analysed += len(self._remainder)
            self._remainder = np.zeros(0, dtype=np.float32)
        if not self._in_speech:
            return None
        self._in_speech = False
        if self._last_voiced - self._first_voiced < self._samples(self._policy.min_speech_s):
            return None
        return self._cut(self._start, self._analysed, self._last_voiced)

    # --- the state machine, one frame at a time -------------------------------------------------

    def _step(self, pos: int, p: float) -> Utterance | None:
        policy = self._policy
        if not self._in_speech:
            if p >= policy.threshold:
                self._begin(max(pos - self._samples(policy.pad_s), self._floor), pos)
            return None
        self._probs.append(p)
        if p >= policy.threshold:
            self._last_voiced = pos + FRAME
            self._silence_from = None
        elif p < policy.neg_threshold and self._silence_from is None:
            self._silence_from = pos
        end = pos + FRAME
        pause = policy.min_silence_s
        if end - self._start >= self._samples(policy.long_after_s):
            pause = min(pause, policy.long_min_silence_s)
        if self._silence_from is not None and end - self._silence_from >= self._samples(pause):
            return self._end_at(min(self._last_voiced + self._samples(policy.pad_s), end))
        if end - self._start >= self._samples(policy.max_utterance_s):
            return self._split(end)
        return None

    def _begin(self, start: int, pos: int) -> None:
        self._in_speech = True
        self._start = start
        self._first_voiced = pos
        self._last_voiced = pos + FRAME
        self._silence_from = None
        self._probs = [1.0] * ((pos - start) // FRAME)  # the pre-roll (never a cut point)
        self._probs.append(1.0)

    def _end_at(self, end: int) -> Utterance | None:
        self._in_speech = False
        self._floor = end  # the next utterance's pre-roll never overlaps this one
        if self._last_voiced - self._first_voiced < self._samples(self._policy.min_speech_s):
            return None
        return self._cut(self._start, end, self._last_voiced)

    def _split(self, end: int) -> Utterance:
        """Cut a long utterance at its quietest frame in the second half; speech continues."""
        half = len(self._probs) // 2
        tail = self._probs[half:]
        quietest = half + int(np.argmin(tail)) if tail else len(self._probs) - 1
        cut = min(self._start + (quietest + 1) * FRAME, end)
        utterance = self._cut(self._start, cut, min(self._last_voiced, cut))
        self._probs = self._probs[quietest + 1 :]
        self._start = self._floor = cut
        self._first_voiced = cut
        return utterance

    def _cut(self, start: int, end: int, speech_end: int) -> Utterance:
        offset = self._buffer_start
        audio = self._buffer[start - offset : end - offset].copy()
        return Utterance(start=start, audio=audio, speech_end=speech_end)

    def _trim(self) -> None:
        """Forget audio no utterance can still use (keep a second of pre-roll when idle)."""
        keep_from = self._start if self._in_speech else self._analysed - self._samples(1.0)
        drop = keep_from - self._buffer_start
        if drop > 0:
            self._buffer = self._buffer[drop:]
            self._buffer_start += drop

    @staticmethod
    def _samples(seconds: float) -> int:
        return round(seconds * SAMPLE_RATE)
