"""The states the Controller reports through ``state_changed`` (the UI enables buttons from these).

A ``StrEnum``, no Qt: each state is also its plain string (``SessionState.IDLE == "idle"``), so the
signal carries it as ``str``. The Controller (``desktop.session.controller``) moves between them on
the GUI thread.
"""

from __future__ import annotations

from enum import StrEnum


class SessionState(StrEnum):
    IDLE = "idle"
    PREPARING = "preparing"  # loading the speech model before recording
    RECORDING = "recording"
    PAUSED = "paused"
    CATCHING_UP = "catching_up"  # stopped; the transcriber finishes what was captured
    RECOVERING = "recovering"  # transcribing the rest of an encounter a crash interrupted
