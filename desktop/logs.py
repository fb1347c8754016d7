"""Logging to a rotating file in the log dir. Logs hold ids, lengths and error types only:
never transcript or note text, names or keys."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from desktop.paths import AppPaths

LOG_FILE = "scribe.log"


def setup_logging(paths: AppPaths, *, verbose: bool = False, console: bool = False) -> None:
    root = logging.getLogger()
    if getattr(root, "_scribe_configured", False):
        return
    level = logging.DEBUG if verbose else logging.INFO
    root.setLevel(level)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / LOG_FILE, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(fmt)
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(fmt)
        root.addHandler(stream)
    for noisy in ("httpx", "httpcore", "faster_whisper", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    root._scribe_configured = True  # type: ignore[attr-defined]
