"""The built-in note server's child process: ``python -m desktop.notes.llama_child ARGS``.

It runs llama.cpp's OpenAI-compatible server (``llama_cpp.server``) with the arguments it is
given, and exits as soon as its standard input reaches end-of-file: Scribe holds the other end of
that pipe, and the system closes it when Scribe exits in any way (even killed), so the server never
outlives the app. (Linux's PR_SET_PDEATHSIG would fire when the *thread* that started the child
ends, i.e. after the first draft's worker thread, so it cannot be used here.)

Scribe also writes lines on that pipe: ``spare-cores on`` while no recording is under way (the
server may then use the cores nobody else is using, ``desktop.notes.spare_cores``), ``spare-cores
off`` when one starts. Unknown lines are ignored.

Threads (in the child process only): a daemon thread reads stdin and ends the process on EOF;
another follows the free cores; the main thread runs the server.
"""

from __future__ import annotations

import os
import runpy
import sys
import threading

from desktop.notes.spare_cores import SPARE_CORES_OFF, SPARE_CORES_ON, SpareCores

MISSING_ENGINE = "SCRIBE-CHILD: llama_cpp is not installed"


def _listen_to_parent(spare: SpareCores) -> None:
    try:
        for line in sys.stdin.buffer:
            message = line.decode("ascii", "replace").strip()
            if message in (SPARE_CORES_ON, SPARE_CORES_OFF):
                spare.allow(message == SPARE_CORES_ON)
                print(f"SCRIBE-CHILD: {message}", flush=True)  # in the server's log
    finally:
        os._exit(0)


def _base_threads(argv: list[str]) -> int:
    try:
        return max(1, int(argv[argv.index("--n_threads") + 1]))
    except (ValueError, IndexError):
        return 1


def _set_threads(threads: int) -> bool:
    """Give the loaded model ``threads`` for its next steps (False while none is loaded)."""
    from llama_cpp.server import app

    proxy = app._llama_proxy
    model = None if proxy is None else proxy._current_model
    if model is None:
        return False
    model._ctx.set_n_threads(threads, threads)
    print(f"SCRIBE-CHILD: {threads} thread(s)", flush=True)
    return True


def main() -> None:
    spare = SpareCores(base=_base_threads(sys.argv), apply=_set_threads)
    threading.Thread(
        target=_listen_to_parent, args=(spare,), name="parent-watch", daemon=True
    ).start()
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        print(MISSING_ENGINE, flush=True)
        sys.exit(3)
    threading.Thread(
        target=spare.run, args=(threading.Event(),), name="spare-cores", daemon=True
    ).start()
    sys.argv = ["llama_cpp.server", *sys.argv[1:]]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
