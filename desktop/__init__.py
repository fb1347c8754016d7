"""Scribe: a desktop consultation scribe."""

import os

# numpy's BLAS on one thread (before numpy loads; a user's own setting wins): the app's numpy
# work (the voice encoder, resampling) is small and must not crowd the live transcription on a
# 2-core laptop; the heavy models have their own runtimes (CTranslate2, ONNX, llama.cpp).
# threadpoolctl, limiting it from the labelling thread instead, crashed the process when another
# thread was loading a library at the same moment.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
APP_NAME = "Scribe"
