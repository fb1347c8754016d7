"""Trust checks: each note sentence linked to its evidence in the transcript, risky content
(numbers, drugs, laterality, negation, allergies) flagged, omissions listed. No Qt, no LLM."""

from desktop.trust.core import check
from desktop.trust.model import (
    KINDS,
    SEVERITY,
    FactKind,
    Flag,
    FlagKind,
    SentenceLink,
    Severity,
    TrustReport,
)

__all__ = [
    "KINDS",
    "SEVERITY",
    "FactKind",
    "Flag",
    "FlagKind",
    "SentenceLink",
    "Severity",
    "TrustReport",
    "check",
]
