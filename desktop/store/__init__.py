"""The encounter store: history, crash recovery, retention, encryption at rest (no Qt)."""

from desktop.store.crypto import StoreKeyError
from desktop.store.database import EncounterNotFound, StoreError
from desktop.store.encounters import EncounterStore
from desktop.store.models import DocumentVersion, EncounterSummary, Recovery
from desktop.store.opening import OpenResult, open_store

__all__ = [
    "DocumentVersion",
    "EncounterNotFound",
    "EncounterStore",
    "EncounterSummary",
    "OpenResult",
    "Recovery",
    "StoreError",
    "StoreKeyError",
    "open_store",
]
