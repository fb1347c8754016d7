"""Input device listing and lookup, over a fake sounddevice module."""

from __future__ import annotations

from types import ModuleType

import pytest

from desktop.audio import devices as devmod
from desktop.audio.devices import (
    InputDevice,
    find_device,
    list_input_devices,
    load_sounddevice,
)
from desktop.audio.errors import AudioSystemError, PortAudioMissing
from desktop.cli.devices import format_devices
from tests.support.fake_sounddevice import FakeSoundDevice, device


def _laptop() -> FakeSoundDevice:
    return FakeSoundDevice(
        [
            device("HDA Intel PCH: ALC3246 Analog (hw:0,0)", inputs=2, outputs=2, rate=44_100),
            device("HDMI 0 (hw:0,3)", inputs=0, outputs=8),
            device("USB Headset: Audio (hw:2,0)", inputs=1, rate=48_000),
            device("default", inputs=32, outputs=32, rate=44_100),
        ],
        default_input=3,
    )


def test_lists_only_inputs_and_marks_the_default() -> None:
    found = list_input_devices(sd=_laptop())
    assert [d.name for d in found] == [
        "HDA Intel PCH: ALC3246 Analog (hw:0,0)",
        "USB Headset: Audio (hw:2,0)",
        "default",
    ]
    assert [d.is_default for d in found] == [False, False, True]
    usb = found[1]
    assert (usb.index, usb.channels, usb.samplerate, usb.hostapi) == (2, 1, 48_000, "ALSA")


def test_without_a_default_the_first_input_is_marked() -> None:
    sd = FakeSoundDevice([device("A", inputs=0), device("B"), device("C")], default_input=-1)
    assert [d.is_default for d in list_input_devices(sd=sd)] == [True, False]


def test_no_inputs_gives_an_empty_list() -> None:
    assert list_input_devices(sd=FakeSoundDevice([device("Speakers", inputs=0)])) == []


def test_a_portaudio_error_while_listing_is_one_clear_sentence() -> None:
    with pytest.raises(AudioSystemError) as caught:
        list_input_devices(sd=FakeSoundDevice([device("A")], fail_listing=True))
    assert str(caught.value) == "The list of microphones could not be read."


def test_missing_portaudio_library_is_mapped() -> None:
    def importer(name: str) -> ModuleType:
        raise OSError("PortAudio library not found")

    with pytest.raises(PortAudioMissing) as caught:
        load_sounddevice(importer)
    assert "PortAudio" in str(caught.value)
    assert str(caught.value).endswith(".")


def test_refresh_rescans_unless_a_stream_is_open() -> None:
    sd = _laptop()
    list_input_devices(sd=sd, refresh=True)
    assert sd.rescans == 1
    devmod.stream_opened(sd)
    try:
        list_input_devices(sd=sd, refresh=True)
    finally:
        devmod.stream_closed(sd)
    assert sd.rescans == 1


def test_find_by_exact_name_then_ignoring_the_alsa_port_then_unique_part() -> None:
    found = list_input_devices(sd=_laptop())
    assert find_device(found, "default") is found[2]
    # Replugged into another USB port: the "(hw:N,M)" suffix changed.
    assert find_device(found, "USB Headset: Audio (hw:3,0)") is found[1]
    assert find_device(found, "usb headset") is found[1]
    assert find_device(found, "a") is None  # ambiguous
    assert find_device(found, "Blue Yeti") is None


def test_cli_listing_marks_the_default() -> None:
    text = format_devices(
        [
            InputDevice(
                index=0,
                name="pulse",
                channels=32,
                samplerate=44_100,
                hostapi="ALSA",
                is_default=False,
            ),
            InputDevice(
                index=1,
                name="default",
                channels=32,
                samplerate=44_100,
                hostapi="ALSA",
                is_default=True,
            ),
        ]
    )
    assert text.splitlines() == [
        "    0  pulse  (ALSA, 32 ch, 44100 Hz)",
        "*   1  default  (ALSA, 32 ch, 44100 Hz)",
    ]
