"""What each setting may hold, and what a value from the settings file that does not fit becomes.

``checked`` takes one value read from ``settings.json`` and its declared type (from the dataclass
in ``desktop.config``) and returns it, or ``INVALID`` when it is of the wrong type, out of its
range (``BOUNDS``: the settings dialog's own limits), not a finite number, or a string that
cannot be saved again (a lone surrogate, a NUL). ``fallback`` says what an invalid value becomes:
the field's default, except for the privacy settings in ``SAFE``, where the value that keeps the
consultation on this computer wins whatever the file says. The loader then tells the doctor
which settings it ignored (``desktop.notices.SETTINGS_IGNORED`` and ``LOCAL_ONLY_FORCED``).

Settings are named as in the file: ``"section.field"`` (``"privacy.local_only"``).
"""

from __future__ import annotations

import math
import types
import typing
from typing import Any, Final

INVALID: Final = object()

# The inclusive range of each number; the settings dialog offers the same ranges.
BOUNDS: dict[str, tuple[float, float]] = {
    "notes.context_budget_tokens": (1000, 200_000),
    "notes.request_timeout_s": (1.0, 3600.0),
    "privacy.keep_days": (1, 3650),
    "privacy.audio_keep_hours": (1, 24 * 365),
    "privacy.clear_clipboard_after_s": (0, 3600),
}

# Privacy settings: what an invalid value becomes (the safe choice, not the default), so a
# hand-edited ``"local_only": "true"`` or ``1`` keeps the transcript here instead of sending it.
SAFE: dict[str, Any] = {
    "privacy.local_only": True,
    "privacy.delete_audio_after_copy": True,
    "privacy.allow_unencrypted_store": False,
}


def checked(name: str, tp: Any, value: Any) -> Any:
    """``value`` as the type ``tp`` of setting ``name``, or ``INVALID``."""
    value = _typed(tp, value)
    if value is INVALID:
        return INVALID
    bounds = BOUNDS.get(name)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return INVALID
    return value


def fallback(name: str, default: Any) -> Any:
    """What setting ``name`` holds when the file's value is invalid."""
    return SAFE.get(name, default)


def _typed(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is tuple:
        (item_type, *_rest) = typing.get_args(tp)
        if isinstance(value, list) and all(_typed(item_type, v) is not INVALID for v in value):
            return tuple(value)
        return INVALID
    if origin in (typing.Union, types.UnionType):
        return _one_of(typing.get_args(tp), value)
    return _plain(tp, value)


def _one_of(options: tuple[Any, ...], value: Any) -> Any:
    if value is None:
        return None if type(None) in options else INVALID
    for option in options:
        if option is not type(None) and _typed(option, value) is not INVALID:
            return _typed(option, value)
    return INVALID


def _plain(tp: Any, value: Any) -> Any:
    if isinstance(value, bool) or tp is bool:  # JSON true/false for a flag, never 1 or "true"
        return value if tp is bool and isinstance(value, bool) else INVALID
    if tp is float and isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            return INVALID
        return number if math.isfinite(number) else INVALID
    if tp is int:
        return value if isinstance(value, int) else INVALID
    if tp is str:
        return value if isinstance(value, str) and _savable(value) else INVALID
    return value if isinstance(value, tp) else INVALID


def _savable(text: str) -> bool:
    """Whether the string can be written back to the UTF-8 file and used as a name or address."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\\ud800" in the JSON)
        return False
    return True
