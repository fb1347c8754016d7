"""Text guards against Whisper's invented credits and decoding loops."""

from __future__ import annotations

import pytest

from desktop.asr.guards import clean_text, collapse_repeats, is_credit, overfull


@pytest.mark.parametrize(
    "text",
    [
        "Sous-titres réalisés par la communauté d'Amara.org",
        "Sous-titrage ST' 501",
        "Thanks for watching!",
        "Thank you so much for watching.",
        "Merci d'avoir regardé cette vidéo !",
        "Subtitles by the Amara.org community",
        "Please subscribe to my channel.",
        "Transcribed by ESO, translated by —",
    ],
)
def test_subtitle_credits_are_recognised(text: str) -> None:
    assert is_credit(text)
    assert clean_text(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, doctor.",
        "I watched my blood pressure for three weeks.",
        "Merci docteur, à la semaine prochaine.",
        "The patient subscribes to a gym and runs twice a week.",
        "",
    ],
)
def test_ordinary_speech_is_kept(text: str) -> None:
    assert not is_credit(text)
    assert clean_text(text) == text.strip()


def test_looped_phrase_is_kept_once() -> None:
    looped = "I have a headache. " + "It hurts here. " * 6 + "Since Monday."
    assert collapse_repeats(looped) == "I have a headache. It hurts here. Since Monday."


def test_looped_word_is_kept_once_but_a_short_repeat_stays() -> None:
    assert collapse_repeats("no no no no no no no pain") == "no pain"
    assert collapse_repeats("No, no, no, it is fine.") == "No, no, no, it is fine."
    assert collapse_repeats("twice twice") == "twice twice"


def test_repeat_ignores_case_and_punctuation() -> None:
    assert collapse_repeats("Okay. okay, OKAY! Okay. Fine") == "Okay. Fine"


def test_a_long_phrase_said_twice_running_is_a_loop_but_short_ones_are_not() -> None:
    doubled = "What your country can do for you. What your country can do for you."
    assert collapse_repeats(doubled) == "What your country can do for you."
    assert collapse_repeats("Ask not. Ask not.") == "Ask not. Ask not."
    assert (
        collapse_repeats("Take two tablets, then two more.") == "Take two tablets, then two more."
    )


def test_segments_looping_across_windows_keep_the_first() -> None:
    from desktop.asr.base import Segment
    from desktop.asr.guards import drop_looped_segments

    looped = [Segment(0, 1, "The"), *(Segment(i, i + 1, "Debt.") for i in range(1, 6))]
    assert [s.text for s in drop_looped_segments(looped)] == ["The", "Debt."]
    said_twice = [Segment(0, 1, "Yes."), Segment(1, 2, "yes"), Segment(2, 3, "Fine.")]
    assert drop_looped_segments(said_twice) == tuple(said_twice)


def test_more_text_than_the_audio_holds_is_overfull() -> None:
    echo = "M-M-H-M And a little dizziness, and we just talked a lot about a lot of"
    assert overfull(echo, 1.5)  # 53 letters in 1.5 s
    assert not overfull(echo, 2.5)
    assert not overfull("Come with me and we'll get you checked out.", 1.96)  # fast English
    assert not overfull("Qu'est-ce que je me fais plus mal ?", 1.2)  # fast French
    assert not overfull("", 0.1)
