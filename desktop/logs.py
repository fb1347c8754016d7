"""Logging to a rotating file in the log dir. Logs hold ids, lengths and error types only:
never transcript or note text, names or keys."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from desktop.paths import AppPaths

LOG_FILE = "scribe.log"
_OURS = "_scribe_handler"  # marks the handlers setup_logging added


def setup_logging(paths: AppPaths, *, verbose: bool = False, console: bool = False) -> None:
    """Send logs to ``paths.log_dir``; calling it again (another SCRIBE_HOME) moves them there."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
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
    for noisy in ("httpx", "httpcore", "faster_whisper", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
