"""Local transcription with faster-whisper (CTranslate2): the default backend.

The model is loaded on the device the settings ask for by ``whisper_device`` ("auto": CUDA when
it really works, else the CPU with a ``notice`` the UI may show). Live finals decode a short
window (``whisper_window``); everything else goes through faster-whisper's ``transcribe``.

Threads: ``from_settings`` (which may join the bundled model) and ``transcribe`` run on one worker
thread at a time; nothing here starts threads.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop.asr import whisper_window
from desktop.asr.base import (
    SAMPLE_RATE,
    Audio,
    DecodeOptions,
    ModelUnavailable,
    Segment,
    Transcript,
    TranscriptionError,
)
from desktop.asr.guards import clean_text, drop_looped_segments, overfull
from desktop.asr.locator import locate_model
from desktop.asr.silence import DetectorFactory, nothing_to_hear
from desktop.asr.vad import SileroDetector
from desktop.asr.whisper_answers import probably_not_speech, said_again, segment_or_none
from desktop.asr.whisper_device import LoadedDevice, load_model
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths
from desktop.progress import LOADING_SPEECH_MODEL, Progress, ProgressFn

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

REST_S = 0.5  # audio left after Whisper stopped early that is decoded again (offline's seek)
MAX_RESTS = 2  # ... at most this many times per utterance


class LocalWhisper:
    """A loaded faster-whisper model. Thread: one worker thread at a time."""

    name = "local"

    def __init__(
        self,
        *,
        model: WhisperModel,
        label: str,
        device: LoadedDevice,
        folder: str = "",
        speech_detector: DetectorFactory = SileroDetector,
    ) -> None:
        self._model = model
        self.label = label
        self.device = device
        self.folder = folder  # where it was loaded from ("" = not known)
        self._speech_detector = speech_detector  # the VAD that checks text is not invented
        self.window_decodes = 0  # short-window decodes so far (what the live tier costs)

    @property
    def faster_whisper(self) -> WhisperModel:
        """The loaded faster-whisper model itself, for benches that need its own API."""
        return self._model

    def decode_window(self, samples: np.ndarray, **kwargs: Any) -> whisper_window.WindowResult:
        """One short-window decode (``whisper_window.decode``) on this model, counted."""
        self.window_decodes += 1
        return whisper_window.decode(self._model, samples, **kwargs)

    @property
    def notice(self) -> str:
        return self.device.notice

    @classmethod
    def from_settings(
        cls,
        settings: TranscriptionSettings,
        *,
        paths: AppPaths,
        progress: ProgressFn | None = None,
    ) -> LocalWhisper:
        location = locate_model(settings.model, paths=paths, progress=progress)
        if progress is not None:
            progress(Progress(LOADING_SPEECH_MODEL, -1.0, location.label))
        return cls.load(
            location.path,
            label=location.label,
            device=settings.device,
            compute_type=settings.compute_type,
        )

    @classmethod
    def load(
        cls,
        folder: str,
        *,
        label: str,
        device: str = "auto",
        compute_type: str = "default",
        threads: int = 0,
    ) -> LocalWhisper:
        """Load a model folder on the wanted device (see ``whisper_device`` for "auto")."""
        started = time.monotonic()
        model, chosen = load_model(folder, device, compute_type, threads=threads)
        log.info(
            "speech model %s loaded on %s/%s in %.1f s",
            label,
            chosen.device,
            chosen.compute_type,
            time.monotonic() - started,
        )
        return cls(model=model, label=label, device=chosen, folder=folder)

    def background_copy(self) -> LocalWhisper:
        """A second instance of this model on one CPU thread, for work in the background (the
        second pass): its thread starts on the calling thread and inherits its priority.
        Raises ``ModelUnavailable`` when the model cannot be loaded again."""
        if not self.folder:
            raise ModelUnavailable("The speech model's folder is not known.")
        return LocalWhisper.load(
            self.folder,
            label=self.label,
            device=self.device.device,
            compute_type=self.device.compute_type,
            threads=1,
        )

    def transcribe(self, audio: Audio, options: DecodeOptions) -> Transcript:
        if options.quick_window and len(audio) <= whisper_window.MAX_S * SAMPLE_RATE:
            return self._short_window(audio, options)
        kwargs: dict[str, Any] = {
            "language": options.language,
            "initial_prompt": options.prompt or None,
            "hotwords": " ".join(options.hotwords) or None,
            "beam_size": options.beam_size,
            "vad_filter": options.vad,
        }
        kwargs.update(options.extra)
        samples = _as_input(audio)

        def speech_in(start: float, end: float) -> bool:
            part = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
            return part.size > 0 and not nothing_to_hear(part, detector=self._speech_detector)

        try:
            raw_segments, info = self._model.transcribe(samples, **kwargs)
            kept = [
                s
                for s in (segment_or_none(r, options.offset_s, speech_in) for r in raw_segments)
                if s is not None
            ]
        except (RuntimeError, ValueError, MemoryError, OSError) as exc:
            log.warning("speech decode failed: %s", type(exc).__name__)
            raise TranscriptionError("The speech model failed while transcribing.") from exc
        # With its VAD on, faster-whisper decoded only what Silero heard as speech.
        detector = None if options.vad else self._speech_detector
        if kept and nothing_to_hear(_as_input(audio), detector=detector):
            log.debug("decode: %d segments over no speech dropped", len(kept))
            kept = []
        return Transcript(drop_looped_segments(kept), info.language)

    def guess_tail(
        self,
        audio: Audio,
        *,
        language: str | None,
        prompt: str = "",
        context: Audio | None = None,
        context_text: str = "",
    ) -> str:
        """A cheap greedy guess at the text of an open utterance (for the tentative tail),
        heard after ``context`` (the audio of the utterances just before it, ``context_text``
        what they said) when given, as the finals are."""
        samples = _as_input(audio)
        try:
            if context is not None and context_text.strip():
                result = self.decode_window(
                    samples,
                    language=language,
                    prompt=prompt,
                    timestamps=True,  # a context is honoured only with timestamps
                    context=_as_input(context),
                    context_text=context_text,
                )
                text = clean_text(result.text)
                if text:
                    return text
            result = self.decode_window(samples, language=language, prompt=prompt)
        except (RuntimeError, ValueError, MemoryError) as exc:
            log.warning("tail guess failed: %s", type(exc).__name__)
            raise TranscriptionError("The speech model failed while transcribing.") from exc
        return clean_text(result.text)

    def detect_language(self, audio: Audio) -> tuple[str, float]:
        """Language of a stretch of speech (encoded in a short window: cheap)."""
        try:
            encoded = whisper_window.encode(self._model, _as_input(audio)[-30 * SAMPLE_RATE :])
            return whisper_window.detect(self._model, encoded)
        except (RuntimeError, ValueError, MemoryError) as exc:
            raise TranscriptionError("The speech model could not detect the language.") from exc

    def language_probabilities(self, audio: Audio) -> dict[str, float]:
        """Probability of every language Whisper knows for a stretch of speech, encoded in a short
        window: "auto" weighs each of the first utterances, and on a 2.7 s clip of three words
        a 10 s window made that a third of the CPU (the 5 s window ranked English and French
        the same on every utterance of the shared clips and both espeak consultations)."""
        samples = _as_input(audio)[-30 * SAMPLE_RATE :]
        try:
            encoded = whisper_window.encode(self._model, samples)
            return whisper_window.language_probabilities(self._model, encoded)
        except (RuntimeError, ValueError, MemoryError) as exc:
            raise TranscriptionError("The speech model could not detect the language.") from exc

    def _short_window(self, audio: Audio, options: DecodeOptions) -> Transcript:
        """One segment for a short stretch, encoded in a short window (see whisper_window)."""
        prompt = options.prompt or ", ".join(options.hotwords)  # the live prompt holds both
        samples = _as_input(audio)
        context = None
        if options.context is not None and options.context_text.strip():
            context = _as_input(options.context)
        try:
            result = self._window(samples, options, prompt, context, options.context_text)
            seconds = len(samples) / SAMPLE_RATE
            if context is not None and (
                not clean_text(result.text) or overfull(result.text, seconds)
            ):
                # Nothing new heard after the context, or the context said again after the new
                # words: hear the utterance alone.
                result = said_again(result, self._window(samples, options, prompt, None, ""))
            result = self._decode_rest(samples, options, prompt, result)
        except (RuntimeError, ValueError, MemoryError) as exc:
            log.warning("speech decode failed: %s", type(exc).__name__)
            raise TranscriptionError("The speech model failed while transcribing.") from exc
        text = clean_text(result.text)
        if text and text.split() != result.text.split():
            log.debug("quick decode looped; decoding the utterance in full")
            # One 30 s-window decode, without the temperature cascade (up to 6 more decodes).
            extra = {"temperature": 0.0, "condition_on_previous_text": False, **options.extra}
            return self.transcribe(
                audio, replace(options, quick_window=False, extra=extra, context=None)
            )
        if not text or probably_not_speech(result):
            return Transcript((), result.language)
        if nothing_to_hear(samples, detector=self._speech_detector):
            log.debug("quick decode over no speech dropped (%d chars)", len(text))
            return Transcript((), result.language)
        end = options.offset_s + len(samples) / SAMPLE_RATE
        return Transcript(
            (Segment(round(options.offset_s, 3), round(end, 3), text),), result.language
        )

    def _decode_rest(
        self,
        samples: np.ndarray,
        options: DecodeOptions,
        prompt: str,
        result: whisper_window.WindowResult,
    ) -> whisper_window.WindowResult:
        """The text of the whole utterance: Whisper sometimes closes a segment and stops with
        speech still to come, as if the next window would carry on (offline, it does: it seeks
        to that point and decodes again). Here the rest is decoded again, heard after what came
        before it ("...so tired, and" stopped 1.9 s early; the rest gave "fatigued and I feel
        kinda")."""
        for _ in range(MAX_RESTS):
            stopped = result.stopped_at_s
            if stopped is None or len(samples) / SAMPLE_RATE - stopped < REST_S:
                break
            cut = int(stopped * SAMPLE_RATE)
            heard = result.text.strip()
            rest = self._window(samples[cut:], options, prompt, samples[:cut], heard)
            more = rest.text.strip()
            if not clean_text(more):
                break
            rest_stopped = None if rest.stopped_at_s is None else stopped + rest.stopped_at_s
            result = replace(result, text=f" {heard} {more}", stopped_at_s=rest_stopped)
        return result

    def _window(
        self,
        samples: np.ndarray,
        options: DecodeOptions,
        prompt: str,
        context: np.ndarray | None,
        context_text: str,
    ) -> whisper_window.WindowResult:
        return self.decode_window(
            samples,
            language=options.language,
            prompt=prompt,
            beam_size=options.beam_size,
            timestamps=True,
            min_window_s=whisper_window.FINAL_MIN_WINDOW_S,
            context=context,
            context_text=context_text,
        )


def _as_input(audio: Audio) -> np.ndarray:
    samples = np.asarray(audio, dtype=np.float32).reshape(-1)
    if samples.size < SAMPLE_RATE // 10:  # Whisper needs a few frames; pad tiny inputs
        samples = np.pad(samples, (0, SAMPLE_RATE // 10 - samples.size))
    return samples
