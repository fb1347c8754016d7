"""Reference embeddings from the original Resemblyzer 0.1.4 (PyTorch), for the numpy port's test.

Never part of the product (PyTorch is not a Scribe dependency). Run once in a throwaway venv:

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 librosa webrtcvad scipy "setuptools<70"
    /tmp/torchenv/bin/pip install --no-deps resemblyzer==0.1.4
    /tmp/torchenv/bin/python bench/resemblyzer_reference.py tests/data/*.wav \
        > tests/data/resemblyzer_reference.json

Input: 16 kHz mono WAVs. Each clip is volume-normalised as Resemblyzer's ``preprocess_wav`` does
(its webrtcvad silence trimming is left out: the app cuts speech with its own VAD), then
embedded with the default rate (1.3 partials/s) and coverage. Partials are kept for the first clip.
"""

import json
import sys
import wave
from pathlib import Path

import librosa
import numpy as np
import torch
from resemblyzer import VoiceEncoder
from resemblyzer.audio import normalize_volume
from resemblyzer.hparams import audio_norm_target_dBFS


def read(path: str) -> np.ndarray:
    with wave.open(path) as w:
        pcm = w.readframes(w.getnframes())
    return np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768


def main() -> None:
    encoder = VoiceEncoder("cpu", verbose=False)
    out: dict[str, object] = {
        "source": f"resemblyzer 0.1.4, torch {torch.__version__}, librosa {librosa.__version__}: "
        "VoiceEncoder('cpu').embed_utterance(normalize_volume(wav, -30, increase_only=True), "
        "return_partials=True), default rate 1.3 and min_coverage 0.75; rounded to 6 digits",
        "clips": {},
    }
    clips: dict[str, object] = {}
    for i, path in enumerate(sys.argv[1:]):
        wav = normalize_volume(read(path), audio_norm_target_dBFS, increase_only=True)
        embed, partials, _ = encoder.embed_utterance(wav, return_partials=True)
        clip: dict[str, object] = {"embedding": [round(float(x), 6) for x in embed]}
        if i == 0:
            clip["partials"] = [[round(float(x), 6) for x in p] for p in partials]
        clips[Path(path).name] = clip
    out["clips"] = clips
    print(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
