"""What one check of the doctor reports. Pure data, no Qt."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


CHECKS = ("data_dir", "keychain", "database", "microphone", "speech_model", "note_backend")


class Status(enum.Enum):
    PASS = "pass"
    WARN = "warn"  # works, but the doctor should know (shown, does not fail `scribe doctor`)
    FAIL = "fail"


@dataclass(frozen=True)
class CheckResult:
    check: (
        str  # microphone | speech_model | note_backend | keychain | database | data_dir | settings
    )
    status: Status
    code: str  # stable outcome code: "ok", "no_device", "silent", "insecure"...
    detail: str  # one English sentence: what was found
    fix: str = ""  # one English sentence: what to do ("" when nothing is needed)
    figure: float | None = None  # dBFS peak, real-time factor, or seconds, depending on check

    @property
    def ok(self) -> bool:
        return self.status is not Status.FAIL
