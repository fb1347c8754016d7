"""A final whose decode stopped early (a closed segment, then the end, with speech to come) gets
the rest of its audio decoded again, heard after what came before it, as offline's seek does."""

from __future__ import annotations

import pytest

from desktop.asr import whisper_local
from desktop.asr.base import DecodeOptions
from desktop.asr.whisper_local import LocalWhisper
from tests.support.scripted_windows import ScriptedWindows, answer, speech


def _final(model: LocalWhisper, seconds: float) -> str:
    audio = speech(seconds)
    options = DecodeOptions(language="en", vad=False, quick_window=True)
    return model.transcribe(audio, options).text


def test_the_rest_after_an_early_stop_is_decoded_after_what_was_heard() -> None:
    model = ScriptedWindows(
        [answer(" I'm just so tired, and", stopped=6.0), answer(" fatigued and I feel kinda.")]
    )
    assert _final(model, 7.9) == "I'm just so tired, and fatigued and I feel kinda."
    assert model.calls[1] == (pytest.approx(1.9), pytest.approx(6.0), "I'm just so tired, and")


def test_a_decode_that_heard_it_all_is_not_repeated() -> None:
    model = ScriptedWindows([answer(" Yes, I am.")])
    assert _final(model, 3.0) == "Yes, I am."
    assert len(model.calls) == 1


def test_a_stop_within_the_last_half_second_is_the_end_of_the_speech() -> None:
    # The utterance keeps 0.2 s of padding after the speech: stopping there loses nothing.
    model = ScriptedWindows([answer(" Yes, I am.", stopped=3.0 - whisper_local.REST_S + 0.1)])
    assert _final(model, 3.0) == "Yes, I am."
    assert len(model.calls) == 1


def test_a_rest_with_nothing_in_it_keeps_the_firstanswer() -> None:
    model = ScriptedWindows([answer(" No.", stopped=1.0), answer("")])
    assert _final(model, 4.0) == "No."
    assert len(model.calls) == 2


def test_rests_are_decoded_a_bounded_number_of_times() -> None:
    answers = [answer(f" part {i}", stopped=1.0) for i in range(1, 6)]
    model = ScriptedWindows(answers)
    text = _final(model, 10.0)
    assert len(model.calls) == 1 + whisper_local.MAX_RESTS
    assert text == " ".join(f"part {i}" for i in range(1, 2 + whisper_local.MAX_RESTS))
    # Each rest starts where the one before stopped: 1.0 s, then 2.0 s into the utterance.
    assert [round(c[1], 2) for c in model.calls[1:]] == [1.0, 2.0]
