"""Notices: one sentence the core tells the doctor when it repaired or worked around something.

A notice is not an error: the work went on (defaults were used, a damaged file was set aside, the
default microphone records instead). The core writes the English sentence (``text``: the
command line, the logs and ``scribe doctor`` use it) with a stable ``kind`` and the ``names`` it
holds (a backup file name, device names); the window shows the sentence of that kind in the
interface language with the same names (``desktop.ui.messages.notice_message``).
"""

from __future__ import annotations

from dataclasses import dataclass

# Kind codes, and the names each one carries, in order.
SETTINGS_UNREADABLE = "settings_unreadable"  # ()
SETTINGS_DAMAGED = "settings_damaged"  # (backup file name,)
STORE_DAMAGED = "store_damaged"  # (backup file name,)
STORE_UNDECRYPTABLE = "store_undecryptable"  # (backup file name,)
STORE_NEWER = "store_newer"  # (backup file name,)
STORE_OLDER_ENCRYPTED = "store_older_encrypted"  # ()
STORE_EMPTY = "store_empty"  # (backup file name,)
STORE_SALVAGED = "store_salvaged"  # (backup file name, number of encounters saved)
MICROPHONE_NOT_FOUND = "microphone_not_found"  # (chosen microphone, default microphone)
MICROPHONE_NOT_OPENED = "microphone_not_opened"  # (chosen microphone, default microphone)
# Settings the file held with a wrong type or out of range (issue 21).
SETTINGS_IGNORED = "settings_ignored"  # (the settings' names, comma-separated,)
LOCAL_ONLY_FORCED = "local_only_forced"  # ()


@dataclass(frozen=True)
class Notice:
    kind: str
    text: str  # the English sentence, names included
    names: tuple[str, ...] = ()  # file or device names, never transcript or note text
