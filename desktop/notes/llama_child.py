"""The built-in note server's child process: ``python -m desktop.notes.llama_child ARGS``.

It runs llama.cpp's OpenAI-compatible server (``llama_cpp.server``) with the arguments it is
given, and exits as soon as its standard input reaches end-of-file: Scribe holds the other end of
that pipe, and the system closes it when Scribe exits in any way (even killed), so the server never
outlives the app. (Linux's PR_SET_PDEATHSIG would fire when the *thread* that started the child
ends, i.e. after the first draft's worker thread, so it cannot be used here.)

Threads (in the child process only): a daemon thread blocks on stdin and ends the process on EOF;
the main thread runs the server.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading

MISSING_ENGINE = "SCRIBE-CHILD: llama_cpp is not installed"


def _exit_when_parent_leaves() -> None:
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)


def main() -> None:
    threading.Thread(target=_exit_when_parent_leaves, name="parent-watch", daemon=True).start()
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        print(MISSING_ENGINE, flush=True)
        sys.exit(3)
    sys.argv = ["llama_cpp.server", *sys.argv[1:]]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
