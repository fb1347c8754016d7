"""The root of Scribe's own error tree.

Foreign exceptions (PortAudio, CTranslate2, openai, sqlite3, OSError...) are mapped to these at
the boundary of each backend. ``str(error)`` is always one clear sentence a doctor can act on; it
never contains transcript text, note text or secrets.
"""


class ScribeError(Exception):
    """Anything that goes wrong that the user should be told about in one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(ScribeError):
    """Settings or data directories cannot be read or written."""


class LocalOnlyRefused(ConfigError):
    """ "Local only" is on, and a backend is not on this machine: nothing was sent."""
