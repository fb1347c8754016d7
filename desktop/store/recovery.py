"""Finishing an encounter interrupted by a crash: transcribe the audio the transcript had not
reached, store it piece by piece, then mark the encounter finished.

``recover_job`` is a generator for ``desktop.session.workers.Worker`` (it runs on that worker
thread; the store serialises its own access). Each piece is stored as soon as it is transcribed,
with how far the audio has been transcribed, so a cancelled (or crashed) recovery resumes where it
stopped, without repeating a word.
"""

from __future__ import annotations

import logging
from collections.abc import Generator

import numpy as np

from desktop.asr.base import DecodeOptions, Transcriber
from desktop.cancel import CancelToken
from desktop.encounter import Encounter
from desktop.pcm import SAMPLE_RATE, Audio
from desktop.progress import RECOVERING_TRANSCRIPT, Progress
from desktop.store.encounters import EncounterStore

log = logging.getLogger(__name__)

PIECE_S = 30.0  # transcribe this much at a time (Whisper's own window)
SEEK_S = 5.0  # end each piece at the quietest moment of its last SEEK_S seconds
FRAME_S = 0.1
PROMPT_CHARS = 200


def _cut(audio: Audio, start: int, piece: int, seek: int) -> int:
    """End of the piece starting at ``start``: its quietest 0.1 s in the last ``seek`` samples."""
    end = start + piece
    if end >= len(audio):
        return len(audio)
    frame = int(FRAME_S * SAMPLE_RATE)
    window = audio[end - seek : end]
    frames = window[: len(window) // frame * frame].reshape(-1, frame)
    quietest = int(np.argmin(np.mean(frames.astype(np.float64) ** 2, axis=1)))
    return end - seek + quietest * frame + frame // 2


def recover_job(
    store: EncounterStore,
    encounter_id: str,
    *,
    transcriber: Transcriber,
    cancel: CancelToken,
    piece_s: float = PIECE_S,
) -> Generator[Progress, None, Encounter | None]:
    """Yield progress while transcribing the rest; return the finished encounter (None when
    cancelled). Raises ``AudioFileError`` (audio unreadable), ``TranscriptionError`` or
    ``StoreError``: the encounter then stays interrupted, and can be retried or deleted."""
    rec = store.recovery(encounter_id)
    audio: Audio = np.zeros(0, dtype=np.float32)
    if rec.audio_path is not None:
        audio = store.read_audio(rec.audio_path)
    total = len(audio)
    position = min(total, round(rec.transcribed_until_s * SAMPLE_RATE))
    language = rec.encounter.language or None
    prompt = rec.encounter.transcript_text[-PROMPT_CHARS:]
    piece = max(int(piece_s * SAMPLE_RATE), int(2 * SEEK_S * SAMPLE_RATE))
    seek = int(SEEK_S * SAMPLE_RATE)
    log.info("recovery: %s, %.1f s of %.1f s to transcribe", encounter_id,
             (total - position) / SAMPLE_RATE, total / SAMPLE_RATE)  # fmt: skip
    yield Progress(RECOVERING_TRANSCRIPT, position / total if total else 1.0)
    while position < total:
        if cancel.is_cancelled():
            return None
        end = _cut(audio, position, piece, seek)
        result = transcriber.transcribe(
            audio[position:end],
            DecodeOptions(language=language, prompt=prompt, offset_s=position / SAMPLE_RATE),
        )
        if language is None and result.language:
            language = result.language
            store.set_language(encounter_id, language)
        store.append_segments(encounter_id, list(result.segments))
        store.mark_transcribed(encounter_id, end / SAMPLE_RATE)
        prompt = (prompt + " " + result.text).strip()[-PROMPT_CHARS:]
        position = end
        yield Progress(RECOVERING_TRANSCRIPT, position / total)
    if cancel.is_cancelled():
        return None
    heard_s = max(total / SAMPLE_RATE, rec.transcribed_until_s)
    store.finish(encounter_id, at=rec.encounter.started_at + heard_s)  # when the visit ended
    log.info("recovery: %s finished", encounter_id)
    return store.load(encounter_id)
