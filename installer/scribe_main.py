"""Entry point of the frozen build (PyInstaller runs this file as ``__main__``).

The same executable opens the window (no arguments) or runs a subcommand (``scribe transcribe``,
``scribe doctor``...), including the hidden ``scribe serve-llm`` the app uses to start its local
note server (a frozen build has no ``python -m``).
"""

import logging
import multiprocessing
import sys

from desktop.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    logging.captureWarnings(True)
    sys.exit(main())
