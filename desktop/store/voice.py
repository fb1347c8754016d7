"""The doctor's enrolled voice (a 256-number voice print), kept in the store sealed like the
encounters' text, with when it was recorded. Never kept unencrypted: without the store key
(no keychain) enrolment is refused with ``VoiceNotProtected``.

Threads: any thread (the store serialises its own access): the settings dialog's worker saves,
the speaker-labelling worker reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from desktop.store.encounters import EncounterStore
from desktop.store.sqlite_file import StoreError

KEY = "doctor_voice"
_AAD = "voice:doctor"


class VoiceNotProtected(StoreError):
    """The voice would be kept unencrypted (no key in the system keychain): refused."""


@dataclass(frozen=True)
class DoctorVoice:
    vector: np.ndarray  # unit vector (``desktop.speakers.encoder``)
    enrolled_at: float  # seconds since the epoch


def save_doctor_voice(store: EncounterStore, voice: DoctorVoice) -> None:
    if not store.encrypted:
        raise VoiceNotProtected(
            "Your voice is kept only encrypted, and the system keychain that holds the key is "
            "not available: enrolment is off."
        )
    payload = json.dumps(
        {"vector": [round(float(x), 7) for x in voice.vector], "at": voice.enrolled_at}
    )
    sealed = store.cipher.seal(payload, aad=_AAD)
    with store.db.tx() as c:
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (KEY, sealed))


def load_doctor_voice(store: EncounterStore) -> DoctorVoice | None:
    rows = store.db.read("SELECT value FROM meta WHERE key = ?", (KEY,))
    if not rows:
        return None
    data = json.loads(store.cipher.open(rows[0][0], aad=_AAD))
    return DoctorVoice(np.asarray(data["vector"], dtype=np.float32), float(data["at"]))


def forget_doctor_voice(store: EncounterStore) -> None:
    with store.db.tx() as c:
        c.execute("DELETE FROM meta WHERE key = ?", (KEY,))
