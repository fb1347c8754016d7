"""The session layer: one consultation at a time, between the UI and the core packages.

The ``Controller`` (the only object the UI talks to) and the parts it drives: the speech model,
the recording under way, the documents, past encounters, the worker threads. Most modules here
use Qt (signals, threads); ``services``, ``journal``, ``states`` and ``replay`` do not, and the
import contracts keep them so (``pyproject.toml``).
"""
