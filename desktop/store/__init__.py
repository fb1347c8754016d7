"""The encounter store: history, crash recovery, retention, encryption at rest (no Qt).

Start with ``open_store``; see each module's docstring for which thread may call what.
"""

from desktop.store.audio_crypt import EncryptedAudioWriter, read_encrypted_audio
from desktop.store.crypto import StoreKeyError
from desktop.store.encounters import EncounterStore
from desktop.store.models import Deleted, DocumentVersion, EncounterSummary, Recovery
from desktop.store.opening import OpenResult, open_store
from desktop.store.recovery import RECOVERING_TRANSCRIPT, recover_job
from desktop.store.retention import RetentionPolicy, RetentionReport, apply_retention
from desktop.store.sqlite_file import EncounterNotFound, StoreError

__all__ = [
    "RECOVERING_TRANSCRIPT",
    "Deleted",
    "DocumentVersion",
    "EncounterNotFound",
    "EncounterStore",
    "EncounterSummary",
    "EncryptedAudioWriter",
    "OpenResult",
    "Recovery",
    "RetentionPolicy",
    "RetentionReport",
    "StoreError",
    "StoreKeyError",
    "apply_retention",
    "open_store",
    "read_encrypted_audio",
    "recover_job",
]
