"""The faster-whisper backend and `scribe transcribe` with the real bundled Whisper base."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jiwer
import numpy as np
import pytest

from desktop.__main__ import main
from desktop.asr.base import DecodeOptions, ModelUnavailable
from desktop.asr.whisper_local import LocalWhisper
from desktop.audio.file_source import read_audio
from desktop.config import TranscriptionSettings
from desktop.paths import AppPaths
from desktop.progress import LOADING_SPEECH_MODEL, Progress

pytestmark = pytest.mark.integration

JFK = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)


def _words(text: str) -> str:
    return re.sub(r"[^\w' ]+", " ", text.lower()).strip()


def wer(reference: str, hypothesis: str) -> float:
    return float(jiwer.wer(_words(reference), _words(hypothesis)))


def test_jfk_is_transcribed(whisper_base: LocalWhisper, data_dir: Path) -> None:
    audio = read_audio(data_dir / "jfk_16k_mono.wav")
    result = whisper_base.transcribe(audio, DecodeOptions(offset_s=100.0))
    assert result.language == "en"
    assert wer(JFK, result.text) <= 0.05
    assert result.segments[0].start >= 100.0
    assert result.segments[-1].end <= 100.0 + len(audio) / 16000 + 0.5


def test_language_detection(whisper_base: LocalWhisper, data_dir: Path) -> None:
    language, probability = whisper_base.detect_language(read_audio(data_dir / "jfk_16k_mono.wav"))
    assert language == "en" and probability > 0.5


def test_silence_and_noise_give_no_text(whisper_base: LocalWhisper) -> None:
    rng = np.random.default_rng(7)
    silence = np.zeros(16000 * 8, dtype=np.float32)
    noise = (rng.standard_normal(16000 * 8) * 0.05).astype(np.float32)
    for audio in (silence, noise):
        for vad in (True, False):
            text = whisper_base.transcribe(audio, DecodeOptions(language="en", vad=vad)).text
            assert text == "", (vad, text)


def test_claps_do_not_become_a_looped_word(whisper_base: LocalWhisper) -> None:
    """Without VAD, base hears claps as "The Debt Debt Debt..." (one segment per window)."""
    rng = np.random.default_rng(1)
    claps = np.zeros(10 * 16000, dtype=np.float32)
    for start in range(0, len(claps), 4000):
        claps[start : start + 200] = rng.standard_normal(200) * 0.5
    result = whisper_base.transcribe(claps, DecodeOptions(language="en", vad=False))
    spoken = _words(result.text).split()
    assert len(spoken) == len(set(spoken)), result.text


def test_auto_device_falls_back_to_cpu_with_a_notice(
    whisper_base_dir: Path, paths: AppPaths
) -> None:
    seen: list[Progress] = []
    settings = TranscriptionSettings(model=str(whisper_base_dir), device="auto")
    model = LocalWhisper.from_settings(settings, paths=paths, progress=seen.append)
    assert model.device.device == "cpu" and model.device.compute_type == "int8"
    assert "CPU" in model.notice
    assert [p.stage for p in seen] == [LOADING_SPEECH_MODEL]


def test_unsupported_compute_type_is_explained(whisper_base_dir: Path) -> None:
    with pytest.raises(ModelUnavailable, match="compute type"):
        LocalWhisper.load(str(whisper_base_dir), label="x", device="cpu", compute_type="int3")


def test_cli_first_run_joins_with_progress_then_reuses(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audio = str(data_dir / "jfk_16k_mono.wav")
    assert main(["transcribe", audio]) == 0
    out, err = capsys.readouterr()
    assert wer(JFK, out) <= 0.05
    assert "Preparing the speech model" in err and "100 %" in err
    assert main(["transcribe", audio, "--language", "en"]) == 0
    out2, err2 = capsys.readouterr()
    assert wer(JFK, out2) <= 0.05
    assert err2 == ""


def test_cli_json_has_segments_with_times(
    whisper_base_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["transcribe", str(data_dir / "jfk_16k_mono.wav"), "--model", str(whisper_base_dir)]
    assert main([*argv, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["language"] == "en"
    assert wer(JFK, payload["text"]) <= 0.05
    starts = [s["start"] for s in payload["segments"]]
    assert starts == sorted(starts)
    assert all(0 <= s["start"] < s["end"] <= 11.5 for s in payload["segments"])


def test_cli_live_replay_prints_the_committed_transcript(
    whisper_base_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["transcribe", str(data_dir / "jfk_16k_mono.wav"), "--model", str(whisper_base_dir)]
    assert main([*argv, "--live", "--speed", "0", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["language"] == "en"
    assert wer(JFK, payload["text"]) <= 0.2
    assert len(payload["segments"]) >= 2  # one per utterance
    assert all(0 <= s["start"] < s["end"] <= 11.1 for s in payload["segments"])


def test_quick_window_finals_say_each_short_word_once(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    from desktop.asr.vad import Segmenter, SileroDetector

    audio = read_audio(data_dir / "sr_english_one_two_three_16k.wav")
    segmenter = Segmenter(detector=SileroDetector())
    pieces = [u for i in range(0, len(audio), 1600) for u in segmenter.push(audio[i : i + 1600])]
    last = segmenter.flush()
    pieces += [last] if last is not None else []
    assert len(pieces) == 3  # "one" / "two" / "three", cut at the pauses
    said = []
    for piece in pieces:
        options = DecodeOptions(language="en", quick_window=True, offset_s=piece.start_s)
        result = whisper_base.transcribe(piece.audio, options)
        assert len(result.segments) == 1
        assert result.segments[0].start == pytest.approx(piece.start_s, abs=0.01)
        said += _words(result.text).split()
    assert said in (["1", "2", "3"], ["one", "two", "three"])


def test_quick_window_finals_keep_up_with_a_fast_talker(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    from tests.support.audio import faster

    # JFK at 2.3 times his pace: 22 words in 4.8 s. The decode budget used to stop at "ask
    # what you can do" (CTranslate2 generates half the max_length it is given).
    audio = faster(read_audio(data_dir / "jfk_16k_mono.wav"), 2.3)
    options = DecodeOptions(language="en", beam_size=5, quick_window=True)
    assert _words(whisper_base.transcribe(audio, options).text).endswith("for your country")


def test_language_probabilities_of_short_utterances_rank_the_spoken_language_first(
    whisper_base: LocalWhisper, data_dir: Path
) -> None:
    # What "auto" weighs live: one utterance at a time, the shortest ones included.
    french = read_audio(data_dir / "sr_french_dictee_16k.wav")
    english = read_audio(data_dir / "sr_english_one_two_three_16k.wav")[: int(0.8 * 16000)]
    for audio, spoken, other in ((french, "fr", "en"), (english, "en", "fr")):
        scores = whisper_base.language_probabilities(audio)
        # Far ahead of the app's other language ("one" alone: English 0.47, French 0.005).
        assert scores[spoken] > 0.3 and scores[other] < scores[spoken] / 10, (spoken, scores)


def test_cli_auto_language_picks_french(
    whisper_base_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "transcribe",
        str(data_dir / "sr_french_dictee_16k.wav"),
        "--model",
        str(whisper_base_dir),
    ]
    assert main([*argv, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["language"] == "fr"
    assert "dict" in _words(payload["text"])


def test_cli_transcribes_what_a_truncated_wav_holds_and_says_it_is_truncated(
    whisper_base_dir: Path, data_dir: Path, tmp_path: Path
) -> None:
    """``head -c 96044 jfk.wav`` (3 s of the 11 s its header announces), in its own process with
    the real model: the words that are there, and a warning; before, a cut file gave nothing
    and exit 0 when too little was left, and no word about the cut in any case."""
    import os
    import subprocess
    import sys

    cut = tmp_path / "visit.wav"
    cut.write_bytes((data_dir / "jfk_16k_mono.wav").read_bytes()[: 44 + 3 * 32000])
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), SCRIBE_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "transcribe", str(cut), "--model", str(whisper_base_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "fellow americans" in _words(done.stdout)
    assert "visit.wav is truncated or damaged" in done.stderr and "only 3.0 s" in done.stderr
