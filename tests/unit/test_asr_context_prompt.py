"""How a short-window decode is told about its context: the context's text ends the prompt, and
one forced timestamp says where the new utterance starts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from desktop.asr.whisper_window import (
    MAX_LENGTH,
    _after_prefix,
    _past,
    _prefix,
    _stopped_at,
    max_length,
    with_context,
)


def test_a_prompt_that_already_ends_with_the_context_is_kept() -> None:
    prompt = "amoxicillin. The cough started last week. Any fever?"
    assert with_context(prompt, "last week. Any fever?") == prompt


def test_a_context_longer_than_the_prompt_replaces_the_shared_end() -> None:
    # The live prompt holds the last ~200 characters; the context's text may reach further back.
    assert (
        with_context("Cetirizine. fever? No, not really.", "Any fever? No, not really.")
        == "Cetirizine. Any fever? No, not really."
    )
    assert with_context("No, not really.", "Any fever? No, not really.") == (
        "Any fever? No, not really."
    )


def test_unrelated_text_is_followed_by_the_context() -> None:
    assert with_context("The cough started.", "Hello.") == "The cough started. Hello."
    assert with_context("", "Hello.") == "Hello."


def test_the_forced_token_is_the_timestamp_where_the_context_ends() -> None:
    tokenizer = SimpleNamespace(timestamp_begin=1000, no_timestamps=999)
    assert _prefix(tokenizer, 2 * 16_000 + 3_200, timestamps=True) == [1000 + 110]  # 2.20 s
    assert _prefix(tokenizer, 0, timestamps=True) == []
    assert _prefix(tokenizer, 16_000, timestamps=False) == [999]


def test_the_forced_timestamp_is_taken_off_the_answer() -> None:
    assert _after_prefix([1110, 5, 6, 1180], [1110]) == [5, 6, 1180]
    assert _after_prefix([5, 6], [999]) == [5, 6]  # <|notimestamps|> is not returned
    assert _after_prefix([5, 6], []) == [5, 6]


def test_only_segments_that_end_in_the_new_audio_are_kept() -> None:
    tb = 1000  # the first timestamp token; the context ends at tb + 130 (2.60 s)
    repeat = [5, 6, 7, tb + 130]  # the context said again, ending where the context ended
    new = [tb + 131, 8, 9, tb + 180]
    assert _past(repeat + new, tb + 135, tb) == new
    assert _past(repeat, tb + 135, tb) == []
    assert _past([8, 9], tb + 135, tb) == [8, 9]  # cut short before its end time: kept


def test_an_answer_that_only_repeats_the_context_counts_as_nothing_new() -> None:
    from desktop.asr.whisper_window import _echoes

    assert _echoes(" and so my fellow Americans.", "And so my fellow Americans,")
    assert _echoes("Americans.", "And so my fellow Americans,")
    assert _echoes("1, 2, 3.", "1.")  # the context's last words said again first
    assert _echoes("fellow Americans, ask not", "And so my fellow Americans,")
    assert not _echoes(" ask not.", "And so my fellow Americans,")
    assert not _echoes("2, 3.", "1.")
    assert not _echoes("fellow citizens", "And so my fellow Americans,")  # not in that order
    assert not _echoes("", "And so my fellow Americans,")


def test_only_words_inside_the_context_may_have_been_said_again() -> None:
    from desktop.asr.whisper_window import _within

    assert _within(" Yeah.", "All right, yeah, right.")
    assert _within("Americans.", "And so my fellow Americans,")
    assert not _within("1, 2, 3.", "1.")  # opens with the context, then goes on: an echo
    assert not _within("", "1.")


def test_an_answer_ending_on_a_closed_segment_says_where_it_stopped() -> None:
    # <|0.00|> words <|6.00|><|6.00|>: Whisper expects the next window to go on from 6.00 s.
    assert _stopped_at([1000, 5, 6, 1300, 1300], 1000, context_s=0.0) == 6.0
    # The times count from the start of the new audio, after the context.
    assert _stopped_at([1110, 5, 1300, 1300], 1000, context_s=2.2) == 3.8


def test_an_answer_ending_on_a_single_timestamp_or_on_text_heard_it_all() -> None:
    assert _stopped_at([1000, 5, 6, 1300], 1000, context_s=0.0) is None  # nothing after 6.00
    assert _stopped_at([1000, 5, 6], 1000, context_s=0.0) is None  # cut by the length budget
    assert _stopped_at([], 1000, context_s=0.0) is None


@pytest.mark.parametrize("prompt", [3, 4, 60, 125])
@pytest.mark.parametrize("new", [1, 14, 28, 90, 200])
def test_max_length_leaves_room_for_every_new_token(prompt: int, new: int) -> None:
    # CTranslate2's Whisper generates min(max_length / 2, max_length - prompt) new tokens.
    length = max_length(prompt, new)
    assert min(length // 2, length - prompt) >= new
    assert length <= MAX_LENGTH
