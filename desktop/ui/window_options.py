"""What the main window needs from the settings: ``WindowOptions`` (``app/`` builds it).

Threads: none (a frozen dataclass).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ui.actions import Shortcuts


@dataclass(frozen=True)
class WindowOptions:
    """What the window needs from the settings (``app/`` builds it)."""

    note_language: str = "en"
    template_id: str = "soap"
    transcript_language: str = "auto"
    microphone: str = ""  # device name; "" = the system default
    local_model_label: str = ""  # non-empty: drafts come from the built-in local model
    caps_headings: bool = False
    clear_clipboard_after_s: int = 0
    compact: bool = False
    always_on_top: bool = False
    draft_on_stop: bool = True  # at Stop, the chosen document drafts itself
    shortcuts: Shortcuts = field(default_factory=Shortcuts)
