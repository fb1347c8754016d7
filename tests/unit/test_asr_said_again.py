"""A final whose decode in context only said words of its context: Whisper echoing its prompt
over silence, or a reply that really repeats it. Heard alone, the utterance tells them apart."""

from __future__ import annotations

from desktop.asr.base import DecodeOptions
from tests.support.scripted_windows import ScriptedWindows, answer, speech


def _final(model: ScriptedWindows, seconds: float = 0.8) -> str:
    audio = speech(seconds)
    context = speech(4.0)
    options = DecodeOptions(
        language="en",
        vad=False,
        quick_window=True,
        context=context,
        context_text="All right, yeah, right.",
    )
    return model.transcribe(audio, options).text


def test_a_reply_that_repeats_the_context_is_kept_when_the_utterance_is_speech() -> None:
    # Alone, Whisper heard the patient's short "Yeah." as "You guys."
    model = ScriptedWindows([answer("", said_again=" Yeah."), answer(" You guys.")])
    assert _final(model) == "Yeah."
    assert [c[1] for c in model.calls] == [4.0, 0.0]  # in context, then alone


def test_an_echo_over_silence_gives_nothing() -> None:
    model = ScriptedWindows([answer("", said_again=" right."), answer("")])
    assert _final(model) == ""


def test_an_echo_over_noise_gives_nothing() -> None:
    model = ScriptedWindows([answer("", said_again=" right."), answer(" You", no_speech=0.7)])
    assert _final(model) == ""


def test_an_answer_that_opened_with_the_context_is_replaced_by_the_utterance_alone() -> None:
    # "1." then "2, 3." came out "1, 2 3": not a repetition, the decode said the context again.
    model = ScriptedWindows([answer(""), answer(" 2, 3.")])
    assert _final(model) == "2, 3."


def test_new_words_after_the_context_need_no_second_decode() -> None:
    model = ScriptedWindows([answer(" Any fever?")])
    assert _final(model) == "Any fever?"
    assert len(model.calls) == 1


def test_an_answer_too_long_for_its_audio_is_replaced_by_the_utterance_alone() -> None:
    # After new words, the context said again: 53 letters in 1.5 s, not speakable.
    echo = " M-M-H-M And a little dizziness, and we just talked a lot about a lot of"
    model = ScriptedWindows([answer(echo), answer(" Mm-hmm.")])
    assert _final(model, seconds=1.5) == "Mm-hmm."
    assert [c[1] for c in model.calls] == [4.0, 0.0]  # in context, then alone


def test_fast_speech_is_not_taken_for_an_echo() -> None:
    # The fastest utterance of the Piper consultations: 33 letters in 1.96 s.
    model = ScriptedWindows([answer(" Come with me and we'll get you checked out.")])
    assert _final(model, seconds=1.96) == "Come with me and we'll get you checked out."
    assert len(model.calls) == 1
