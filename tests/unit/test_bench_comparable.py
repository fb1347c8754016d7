"""The live-transcript bench's WER counts meaning, not Whisper's spelling of the moment."""

from __future__ import annotations

from bench.comparable import comparable


def test_spellings_of_the_same_speech_become_one() -> None:
    assert comparable("Okay, alright then.") == comparable("OK, all right then")
    assert comparable("about five weeks") == comparable("about 5 weeks")
    assert comparable("a fifty-eight year old") == comparable("a 58-year-old")
    assert comparable("Mm-hmm. Yes.") == comparable("M-M-H-M, yes") == ["yes"]
    assert comparable("Euh, cinq jours") == comparable("5 jours")


def test_different_words_stay_different() -> None:
    assert comparable("fifteen milligrams") != comparable("fifty milligrams")
    assert comparable("the left knee") != comparable("the right knee")
    assert comparable("one tablet") == ["one", "tablet"]  # "one" may be a pronoun: kept
    assert comparable("ohm") == ["ohm"]
