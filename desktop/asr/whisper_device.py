"""Load a faster-whisper model on the device the settings ask for.

``device="auto"`` uses CUDA only when a GPU is there AND a tiny decode on it succeeds (missing
cuDNN/cuBLAS libraries only show up then); otherwise the CPU, with a logged message and a
``notice`` the UI may show. ``compute_type="default"`` means int8 on the CPU, float16 on a GPU.

Threads: called from the worker thread that loads the speech model; nothing here starts threads.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from desktop.asr.base import ModelUnavailable
from desktop.pcm import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)


def decode_threads(cores: int | None = None) -> int:
    """CPU threads for decoding: half the cores (1 to 4). Whisper base's matrices are small, so
    more threads mostly wait on each other: on 2 cores, 1 thread decoded the live finals of a
    consultation in 8.4 s instead of 15.8 s (CPU 10.6 instead of 18.7 s) and 60 s offline in
    the same time for 25 % less CPU. The other cores stay free for the window, the audio and
    the note model."""
    return max(1, min(4, (cores or os.cpu_count() or 2) // 2))


@dataclass(frozen=True)
class LoadedDevice:
    device: str  # "cpu" | "cuda"
    compute_type: str
    notice: str = ""  # one sentence when the wish could not be met ("" = as asked)


def load_model(
    folder: str, device: str, compute_type: str, *, threads: int = 0
) -> tuple[WhisperModel, LoadedDevice]:
    """The model in ``folder`` on the wanted device, and where it really went (``threads``: CPU
    threads, 0 = ``decode_threads()``)."""
    wanted = device if device in ("auto", "cpu", "cuda") else "auto"
    model: WhisperModel | None = None
    notice = ""
    if wanted in ("auto", "cuda"):
        model, notice = _try_cuda(folder, compute_type)
        if model is None and wanted == "cuda":
            notice = notice or "The graphics card could not be used; using the CPU."
    chosen = LoadedDevice("cuda", _compute("cuda", compute_type), notice)
    if model is None:
        if notice:
            log.info("speech model: %s", notice)
        chosen = LoadedDevice("cpu", _compute("cpu", compute_type), notice)
        model = _load(folder, "cpu", chosen.compute_type, threads or decode_threads())
    return model, chosen


def _compute(device: str, compute_type: str) -> str:
    if compute_type and compute_type != "default":
        return compute_type
    return "float16" if device == "cuda" else "int8"


def _load(folder: str, device: str, compute_type: str, threads: int) -> WhisperModel:
    from faster_whisper import WhisperModel

    try:
        return WhisperModel(folder, device=device, compute_type=compute_type, cpu_threads=threads)
    except ValueError as exc:  # CTranslate2: unsupported compute type on this device
        raise ModelUnavailable(
            f"The compute type {compute_type} is not supported on this computer; "
            "choose 'default' in Settings."
        ) from exc
    except (RuntimeError, OSError, MemoryError) as exc:
        log.warning("speech model load failed: %s", type(exc).__name__)
        raise ModelUnavailable(
            "The speech model could not be loaded (its files are damaged or not a "
            "faster-whisper model)."
        ) from exc


def _try_cuda(folder: str, compute_type: str) -> tuple[WhisperModel | None, str]:
    """A model on the GPU if one really works, else (None, why not)."""
    try:
        import ctranslate2

        if ctranslate2.get_cuda_device_count() < 1:
            return None, "No usable graphics card was found; using the CPU."
    except Exception:  # a broken CUDA install can fail in many ways
        return None, "No usable graphics card was found; using the CPU."
    try:
        from faster_whisper import WhisperModel

        model = WhisperModel(folder, device="cuda", compute_type=_compute("cuda", compute_type))
        segments, _info = model.transcribe(
            np.zeros(SAMPLE_RATE, dtype=np.float32), language="en", beam_size=1
        )
        list(segments)
    except Exception as exc:  # missing cuDNN/cuBLAS, out of GPU memory...
        log.warning("CUDA unusable (%s); falling back to the CPU", type(exc).__name__)
        return None, "The graphics card could not be used for speech; using the CPU."
    return model, ""
