"""MicrophoneSource over a fake sounddevice: formats, faults, fallbacks, draining.

The test thread plays PortAudio's part: ``stream.push`` runs the source's callback.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from desktop.audio.capture import MicrophoneSource
from desktop.audio.errors import AudioSystemError, MicrophoneLost, NoMicrophone
from desktop.cancel import CancelToken
from desktop.notices import MICROPHONE_NOT_FOUND, MICROPHONE_NOT_OPENED, Notice
from tests.support.fake_sounddevice import FakeSoundDevice, device


def _tone(rate: int, seconds: float, channels: int, freq: float = 440.0) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    mono = (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.repeat(mono[:, None], channels, axis=1)


def _push(sd: FakeSoundDevice, audio: np.ndarray, block: int) -> None:
    for start in range(0, len(audio), block):
        sd.stream.push(audio[start : start + block])


def _collect(source: MicrophoneSource) -> np.ndarray:
    blocks = list(source.blocks(CancelToken()))
    assert all(b.dtype == np.float32 and b.ndim == 1 for b in blocks)
    return np.concatenate(blocks) if blocks else np.zeros(0, np.float32)


def _one_mic(name: str = "USB Mic", **kwargs: object) -> FakeSoundDevice:
    return FakeSoundDevice([device(name, **kwargs)])  # type: ignore[arg-type]


def test_opens_at_the_native_format_and_delivers_16_khz_mono() -> None:
    sd = _one_mic(rate=44_100, inputs=2)
    source = MicrophoneSource(sd=sd)
    source.open()
    assert (sd.stream.samplerate, sd.stream.channels) == (44_100, 2)
    assert (source.stream_rate, source.stream_channels, source.description) == (
        44_100,
        2,
        "USB Mic",
    )
    _push(sd, _tone(44_100, 2.0, 2), 2_205)
    source.stop()
    audio = _collect(source)
    assert len(audio) == 32_000  # every frame pushed, converted, nothing dropped
    segment = audio[4_000:20_000]
    peak_hz = np.argmax(np.abs(np.fft.rfft(segment))) * 16_000 / len(segment)
    assert abs(peak_hz - 440) <= 1
    assert sd.stream.closed and not sd.stream.active


def test_many_channels_are_opened_as_two_and_one_stays_one() -> None:
    sd = _one_mic(inputs=32)
    MicrophoneSource(sd=sd).open()
    assert sd.stream.channels == 2
    sd = _one_mic(inputs=1)
    MicrophoneSource(sd=sd).open()
    assert sd.stream.channels == 1


def test_a_refused_native_rate_falls_back_to_a_common_one() -> None:
    sd = FakeSoundDevice([device("Mic", rate=22_050)], refuse={(0, 22_050)})
    source = MicrophoneSource(sd=sd)
    source.open()
    assert source.stream_rate == 48_000
    assert [s.samplerate for s in sd.streams] == [22_050, 48_000]
    assert sd.streams[0].closed


def test_the_callback_counts_overflows_and_enqueues_a_copy() -> None:
    sd = _one_mic(rate=16_000, inputs=1)
    source = MicrophoneSource(sd=sd, measure_callbacks=True)
    source.open()
    block = np.full((1_600, 1), 0.25, dtype=np.float32)
    sd.stream.push(block, overflow=True)
    block[:] = 0.0  # PortAudio reuses its buffer: the queued block must be a copy
    sd.stream.push(block)
    sd.stream.push(block, overflow=True)
    source.stop()
    audio = _collect(source)
    assert source.overflows == 2
    assert source.longest_callback_s > 0
    np.testing.assert_allclose(audio[:1_600], 0.25)
    np.testing.assert_allclose(audio[1_600:], 0.0)


def test_no_input_device_at_all() -> None:
    sd = FakeSoundDevice([device("HDMI", inputs=0, outputs=2)], default_input=-1)
    with pytest.raises(NoMicrophone) as caught:
        list(MicrophoneSource(sd=sd).blocks(CancelToken()))
    assert str(caught.value) == "No microphone was found: connect one, or check it is switched on."
    assert sd.streams == []


def test_a_chosen_device_that_is_gone_falls_back_to_the_default_and_says_so() -> None:
    sd = FakeSoundDevice([device("Built-in"), device("default", inputs=32)], default_input=1)
    source = MicrophoneSource(device="Jabra Speak 510", sd=sd)
    source.open()
    assert sd.stream.device == 1
    assert source.notice == Notice(
        MICROPHONE_NOT_FOUND,
        'The microphone "Jabra Speak 510" was not found, so the default microphone "default" '
        "is recording instead.",
        ("Jabra Speak 510", "default"),
    )


def test_a_chosen_device_that_fails_to_open_falls_back_to_the_default() -> None:
    sd = FakeSoundDevice([device("Built-in"), device("USB")], default_input=0, refuse={1})
    source = MicrophoneSource(device="USB", sd=sd)
    source.open()
    assert sd.stream.device == 0
    assert source.description == "Built-in"
    assert source.notice is not None
    assert (source.notice.kind, source.notice.names) == (MICROPHONE_NOT_OPENED, ("USB", "Built-in"))
    assert 'The microphone "USB" could not be opened' in source.notice.text


def test_a_chosen_device_that_is_present_is_used_without_notice() -> None:
    sd = FakeSoundDevice([device("Built-in"), device("USB")], default_input=0)
    source = MicrophoneSource(device="USB", sd=sd)
    source.open()
    assert (sd.stream.device, source.notice) == (1, None)


def test_portaudio_errors_opening_the_default_are_one_clear_sentence() -> None:
    sd = FakeSoundDevice([device("Built-in")], refuse={0})
    with pytest.raises(AudioSystemError) as caught:
        MicrophoneSource(sd=sd).open()
    assert str(caught.value) == (
        'The microphone "Built-in" could not be opened (it may be in use by another program).'
    )
    assert all(s.closed for s in sd.streams)


def test_portaudio_failing_to_list_devices() -> None:
    sd = FakeSoundDevice([device("Built-in")], fail_listing=True)
    with pytest.raises(AudioSystemError):
        list(MicrophoneSource(sd=sd).blocks(CancelToken()))


def test_unplugged_mid_recording_keeps_everything_then_raises() -> None:
    sd = _one_mic(rate=48_000, inputs=1)
    source = MicrophoneSource(sd=sd)
    source.open()
    _push(sd, _tone(48_000, 1.5, 1), 4_800)
    sd.stream.end()  # the device vanished: PortAudio finishes the stream by itself
    got: list[np.ndarray] = []
    with pytest.raises(MicrophoneLost) as caught:
        for block in source.blocks(CancelToken()):
            got.append(block)
    assert sum(len(b) for b in got) == 24_000
    assert "everything recorded until then is kept" in str(caught.value)
    assert sd.stream.closed


def test_a_device_that_goes_quiet_without_an_error_is_detected_as_lost() -> None:
    sd = _one_mic(rate=16_000, inputs=1)
    ticks = itertools.count(0.0, 1.0)  # each look at the clock: one more second
    source = MicrophoneSource(sd=sd, stall_timeout_s=3.0, poll_s=0.001, clock=lambda: next(ticks))
    source.open()
    sd.stream.push(np.zeros((1_600, 1), np.float32))
    got: list[np.ndarray] = []
    with pytest.raises(MicrophoneLost):
        for block in source.blocks(CancelToken()):
            got.append(block)
    assert sum(len(b) for b in got) == 1_600
    assert sd.stream.aborted and sd.stream.closed


def test_stop_drains_what_is_queued_even_if_stopping_the_stream_fails() -> None:
    sd = FakeSoundDevice([device("Mic", rate=16_000, inputs=1)], fail_stop=True)
    source = MicrophoneSource(sd=sd)
    source.open()
    _push(sd, _tone(16_000, 0.5, 1), 800)
    source.stop()
    assert len(_collect(source)) == 8_000
    assert sd.stream.closed


def test_cancel_stops_and_drains_too() -> None:
    sd = _one_mic(rate=16_000, inputs=1)
    source = MicrophoneSource(sd=sd)
    source.open()
    _push(sd, _tone(16_000, 0.3, 1), 1_600)
    cancel = CancelToken()
    blocks = source.blocks(cancel)
    first = next(blocks)
    cancel.cancel()
    rest = list(blocks)
    assert len(first) + sum(len(b) for b in rest) == 4_800


def test_stopped_before_it_started_opens_nothing() -> None:
    sd = _one_mic()
    source = MicrophoneSource(sd=sd)
    source.stop()
    assert list(source.blocks(CancelToken())) == []
    assert sd.streams == []


def test_pause_and_resume_only_flip_a_flag() -> None:
    source = MicrophoneSource(sd=_one_mic())
    source.pause()
    assert source.paused
    source.resume()
    assert not source.paused
