"""The states the Controller reports through ``state_changed`` (the UI enables buttons from these).

Plain strings, no Qt: the Controller (``desktop.controller``) moves between them on the GUI thread.
"""

from __future__ import annotations

IDLE = "idle"
PREPARING = "preparing"  # loading the speech model before recording
RECORDING = "recording"
PAUSED = "paused"
CATCHING_UP = "catching_up"  # stopped; the transcriber finishes what was captured
RECOVERING = "recovering"  # transcribing the rest of an encounter a crash interrupted
