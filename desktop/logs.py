"""Logging to a rotating file in the log dir. Logs hold ids, lengths and error types only:
never transcript or note text, names or keys.

The log folder is the user's only (700) and each log file too (600), like the database: they are
created so, and a folder or file left looser by an older version is tightened. Every line our
handlers write is redacted (``desktop.redact``: credentials in a server address, a key in a
query string), and the HTTP libraries' own loggers are kept at WARNING (``httpx2``/``httpcore2``
for the current ``openai`` client, ``httpx``/``httpcore`` for older ones, and ``openai``).
"""

from __future__ import annotations

import contextlib
import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

from desktop.paths import AppPaths
from desktop.redact import RedactingFormatter

LOG_FILE = "scribe.log"
_OURS = "_scribe_handler"  # marks the handlers setup_logging added
QUIET = ("httpx", "httpx2", "httpcore", "httpcore2", "openai", "faster_whisper")
DIR_MODE = 0o700
FILE_MODE = 0o600


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A ``RotatingFileHandler`` whose files (the new one after each rollover too) are 600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)  # an existing file left readable by others
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def make_private(log_dir: Path) -> None:
    """Create ``log_dir`` as 700, and tighten it and every file in it (older logs) if looser."""
    log_dir.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a file system without Unix modes
        os.chmod(log_dir, DIR_MODE)
    for path in log_dir.iterdir():
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mode & 0o077:
                os.chmod(path, FILE_MODE)


def setup_logging(paths: AppPaths, *, verbose: bool = False, console: bool = False) -> None:
    """Send logs to ``paths.log_dir``; calling it again (another SCRIBE_HOME) moves them there."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = RedactingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    try:
        make_private(paths.log_dir)
        handlers.append(
            PrivateRotatingFileHandler(
                paths.log_dir / LOG_FILE, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    except OSError:
        console = True  # no log file: at least say it on stderr
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(fmt)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    for noisy in QUIET:
        logging.getLogger(noisy).setLevel(logging.WARNING)
