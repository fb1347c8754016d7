"""The settings for a command: loaded, with what the loader repaired said on stderr.

A damaged file set aside, a setting ignored because the file held a wrong value (``"local_only":
"true"``): each notice is one line on stderr before the command's own output, so the doctor
learns why the command did not do what the file seemed to say.
"""

from __future__ import annotations

import sys
from typing import TextIO

from desktop.config import Settings, load_settings
from desktop.paths import AppPaths


def load_and_tell(paths: AppPaths, *, err: TextIO | None = None) -> Settings:
    loaded = load_settings(paths.settings_file)
    out = err or sys.stderr
    for notice in loaded.notices:
        out.write(f"scribe: {notice.text}\n")
    out.flush()
    return loaded.settings
