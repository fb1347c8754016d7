"""The one audio format inside Scribe: float32 mono samples at 16 kHz.

A neutral module, so that capture (``desktop.audio``), recognition (``desktop.asr``), speaker
tools and the store share the type without depending on each other. No Qt.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

SAMPLE_RATE = 16_000
Audio = npt.NDArray[np.float32]
