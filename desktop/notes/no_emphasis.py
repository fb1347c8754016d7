"""Plain text from the built-in model: the tokens that write Markdown emphasis ("**") are
forbidden in its answers (llama.cpp's ``logit_bias``).

The rules ask for plain text without asterisks; the built-in model writes "**SUBJECTIVE:**" and
"- **Reason for the Visit:** …" all the same. The document cleans them for display, but each of
those tokens is time the doctor waits after Stop: about 7 % of a note's tokens. Forbidden, the
model writes plain headings and lines. Measured (``bench/draft.py``, three ACI-Bench dialogues,
the same code with and without): 8 % fewer tokens per note, ROUGE-1 42.5 → 46.0.

The ids depend on the model's vocabulary, so the running server is asked
(``/extras/tokenize``, ``/extras/detokenize``): a candidate counts only when it is one token of
its own that reads back as exactly that text. A token that also writes anything else (a colon, a
space, a letter) is never forbidden, whatever the model. Any failure: nothing is forbidden and the
draft is written as before.

Runs on the thread that starts the server (a worker).
"""

from __future__ import annotations

import logging

from desktop.notes.http_abort import httpx

log = logging.getLogger(__name__)

# How Markdown emphasis is written, each alone or next to what usually touches it.
CANDIDATES = (
    "**", " **", ":**", "**:", "**\n", "**\n\n", ".**", "**,", "***", " ***", "****", "__",
)  # fmt: skip
BIAS = -100.0  # llama.cpp: never sampled


def emphasis_bias(root_url: str, *, timeout_s: float = 5.0) -> dict[str, float]:
    """``logit_bias`` for the llama.cpp server at ``root_url`` ("http://127.0.0.1:PORT"): the
    ids of the candidates that are tokens of their own; {} when the server cannot say."""
    try:
        with httpx.Client(base_url=root_url, timeout=timeout_s, trust_env=False) as client:
            prefix = _tokens(client, "")  # a beginning-of-text token the server adds, if any
            bias: dict[str, float] = {}
            for text in CANDIDATES:
                ids = _tokens(client, text)
                if ids[: len(prefix)] == prefix:
                    ids = ids[len(prefix) :]
                if len(ids) == 1 and _text(client, ids) == text:
                    bias[str(ids[0])] = BIAS
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        log.info("notes: the server's vocabulary was not read (%s); emphasis allowed", exc)
        return {}
    log.info("notes: %d emphasis token(s) forbidden", len(bias))
    return bias


def _tokens(client: httpx.Client, text: str) -> list[int]:
    response = client.post("/extras/tokenize", json={"input": text})
    response.raise_for_status()
    return [int(t) for t in response.json()["tokens"]]


def _text(client: httpx.Client, ids: list[int]) -> str:
    response = client.post("/extras/detokenize", json={"tokens": ids})
    response.raise_for_status()
    return str(response.json()["text"])
