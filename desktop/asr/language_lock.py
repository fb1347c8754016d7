"""Which language the live transcript is in, for "auto": weighed per utterance, then locked.

Whisper base hears robotic or accented speech as the wrong language now and then, so "auto"
chooses only among the app's languages (English, French), adds up each utterance's evidence
(speech seconds × probability) until one language clearly leads or enough speech was heard, and
then keeps it for the whole encounter. Threads: called from the live transcription's worker.
"""

from __future__ import annotations

import logging

from desktop.asr.base import Transcriber
from desktop.pcm import SAMPLE_RATE, Audio

log = logging.getLogger(__name__)

LOCK_MARGIN = 2.0  # "auto" locks once the best language leads by this many confident seconds
LOCK_AFTER_S = 20.0  # ... or after this much speech whatever the margin
LANGUAGES = ("en", "fr")  # what "auto" chooses from (the languages the app offers)
MIN_WEIGHED_S = 1.0  # once a language leads, shorter utterances ("Yes.", "No."; counted from the
# utterance's start, its pre-roll included) are not weighed: their evidence is small and unsure (a
# lone "three": English 0.30), and each weigh is an encoder pass (three short words: three weighs
# were 0.29 of 1.73 CPU-s)


class LanguageLock:
    def __init__(self, *, language: str, languages: tuple[str, ...] = LANGUAGES) -> None:
        self.language: str | None = None if language in ("", "auto") else language
        self._candidates = languages
        self._evidence: dict[str, float] = {}  # language -> speech seconds × probability
        self._heard_s = 0.0

    def weigh(self, transcriber: Transcriber, audio: Audio, speech_s: float) -> str | None:
        """The language for this utterance (locking it once the evidence suffices)."""
        if self.language is not None:
            return self.language
        if self._evidence and speech_s < MIN_WEIGHED_S:
            return self._leader()
        probabilities = getattr(transcriber, "language_probabilities", None)
        if callable(probabilities):
            scores = dict(probabilities(audio))
        else:
            language, probability = transcriber.detect_language(audio)
            scores = {language: probability}
        for language in self._candidates or tuple(scores):
            self._evidence[language] = self._evidence.get(language, 0.0) + speech_s * float(
                scores.get(language, 0.0)
            )
        self._heard_s += speech_s
        ranked = sorted(self._evidence.values(), reverse=True)
        best = self._leader()
        margin = ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)
        if margin >= LOCK_MARGIN or self._heard_s >= LOCK_AFTER_S:
            self.language = best
            log.info("language locked: %s after %.1f s of speech", best, self._heard_s)
        return best

    def _leader(self) -> str:
        return max(self._evidence, key=lambda k: self._evidence[k])


def pick_language(
    transcriber: Transcriber, audio: Audio, languages: tuple[str, ...] = LANGUAGES
) -> str | None:
    """For a whole recording in "auto": the likeliest of the app's languages (its first 30 s),
    or None (let the backend detect) when the backend gives no probabilities."""
    probabilities = getattr(transcriber, "language_probabilities", None)
    if not callable(probabilities) or not languages:
        return None
    scores = probabilities(audio[: 30 * SAMPLE_RATE])
    return max(languages, key=lambda language: float(scores.get(language, 0.0)))
