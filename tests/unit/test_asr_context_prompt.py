"""The prompt a local final keeps when the context's text is forced as the decoder's prefix."""

from __future__ import annotations

from desktop.asr.whisper_local import _before


def test_the_context_text_leaves_the_prompt() -> None:
    prompt = "amoxicillin. The cough started last week. Any fever?"
    assert _before(prompt, "Any fever?") == "amoxicillin. The cough started last week."


def test_a_context_longer_than_the_prompt_leaves_only_what_precedes_it() -> None:
    # The live prompt holds the last ~200 characters; the context's text may reach further back.
    assert _before("fever. No, not really.", "Any fever at all? No, not really.") == "fever."
    assert _before("No, not really.", "Any fever at all? No, not really.") == ""


def test_unrelated_text_is_kept_whole() -> None:
    assert _before("The cough started last week", "Hello.") == "The cough started last week"
