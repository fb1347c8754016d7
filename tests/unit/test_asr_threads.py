"""How many CPU threads the local speech model decodes with."""

from __future__ import annotations

from desktop.asr.whisper_device import decode_threads


def test_half_the_cores_from_one_to_four() -> None:
    assert [decode_threads(n) for n in (1, 2, 3, 4, 8, 16, 64)] == [1, 1, 1, 2, 4, 4, 4]


def test_this_machine_gets_at_least_one() -> None:
    assert decode_threads() >= 1
