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


def test_only_segments_that_end_in_the_new_audio_are_kept() -> None:
    from desktop.asr.whisper_window import _past

    tb = 1000  # the first timestamp token; the context ends at tb + 130 (2.60 s)
    repeat = [5, 6, 7, tb + 130]  # the context said again, ending where the context ended
    new = [tb + 131, 8, 9, tb + 180]
    assert _past(repeat + new, tb + 135, tb) == new
    assert _past(repeat, tb + 135, tb) == []
    assert _past([8, 9], tb + 135, tb) == [8, 9]  # cut short before its end time: kept
