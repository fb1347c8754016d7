"""The streaming resampler: exact lengths, block-size independence, fidelity, anti-aliasing."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.audio.resample import Resampler, to_mono


def _tone(freq: float, rate: int, seconds: float, amp: float = 0.5) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _run(resampler: Resampler, signal: np.ndarray, sizes: list[int]) -> np.ndarray:
    parts, pos, i = [], 0, 0
    while pos < len(signal):
        step = sizes[i % len(sizes)]
        parts.append(resampler.process(signal[pos : pos + step]))
        pos, i = pos + step, i + 1
    parts.append(resampler.flush())
    return np.concatenate(parts)


def _rms_db(x: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.square(x.astype(np.float64)))) + 1e-12)


@pytest.mark.parametrize("rate", [8_000, 16_000, 22_050, 44_100, 48_000, 96_000, 44_056])
def test_any_rate_gives_the_exact_length_and_a_faithful_tone(rate: int) -> None:
    signal = _tone(1000, rate, 2.0)
    out = _run(Resampler(rate=rate), signal, [rate // 20])
    assert len(out) == -(-len(signal) * 16_000 // rate)
    expected = _tone(1000, 16_000, len(out) / 16_000)
    middle = slice(400, len(out) - 400)
    assert np.max(np.abs(out[middle] - expected[middle])) < 1e-3


def test_block_sizes_do_not_change_the_output() -> None:
    signal = np.random.default_rng(1).standard_normal(44_100 * 2).astype(np.float32) * 0.1
    whole = _run(Resampler(rate=44_100), signal, [len(signal)])
    ragged = _run(Resampler(rate=44_100), signal, [1, 7, 441, 2205, 13, 4096])
    np.testing.assert_allclose(ragged, whole, atol=1e-6)


def test_positions_are_exact_so_long_recordings_do_not_drift() -> None:
    resampler = Resampler(rate=44_100)
    block = np.zeros(4_410, dtype=np.float32)  # 0.1 s, as a device delivers it
    produced = 0
    for i in range(1, 601):
        produced += resampler.process(block).size
        # Never more than the filter's look-ahead behind the exact count.
        assert 0 <= i * 1_600 - produced <= 20
    assert produced + resampler.flush().size == 60 * 16_000


@pytest.mark.parametrize("rate", [44_100, 48_000])
def test_content_above_8_khz_is_removed_not_folded_back(rate: int) -> None:
    out = _run(Resampler(rate=rate), _tone(9_000, rate, 1.0), [rate // 10])
    assert _rms_db(out[400:-400]) - _rms_db(_tone(9_000, rate, 1.0)) < -60


def test_16_khz_passes_through_unchanged() -> None:
    signal = _tone(440, 16_000, 0.5)
    resampler = Resampler(rate=16_000)
    np.testing.assert_array_equal(resampler.process(signal), signal)
    assert resampler.flush().size == 0


def test_stereo_is_averaged_to_mono_as_float32() -> None:
    stereo = np.array([[0.5, 0.1], [-0.2, 0.2]], dtype=np.float64)
    mono = to_mono(stereo)
    assert mono.dtype == np.float32
    np.testing.assert_allclose(mono, [0.3, 0.0], atol=1e-7)
    np.testing.assert_array_equal(to_mono(stereo[:, :1]), np.array([0.5, -0.2], dtype=np.float32))


def test_bad_rates_are_refused() -> None:
    with pytest.raises(ValueError):
        Resampler(rate=0)
