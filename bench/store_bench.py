"""Encounter store timings on this machine; prints JSON.

    .venv/bin/python bench/store_bench.py [--encounters 1000]

Measures (encrypted store, synchronous=FULL, in a temp dir): one committed-segment append and
one document autosave (median / p95 ms), opening a store of N encounters × 40 segments
(integrity check included), the history list, retention deleting half of them (VACUUM
included), and sealing / reading an hour of encrypted audio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.asr.base import Segment
from desktop.pcm import SAMPLE_RATE
from desktop.secrets import Secrets
from desktop.store import EncounterStore
from desktop.store import opening as store_opening
from desktop.store.audio_crypt import EncryptedAudioWriter, read_encrypted_audio
from desktop.store.retention import DAY, RetentionPolicy, apply_retention
from tests.support.memory_keyring import MemoryKeyring

SENTENCE = "the patient describes a dry cough for three weeks, worse at night, no fever"


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def _open(root: Path, secrets: Secrets) -> EncounterStore:
    result = store_opening.open_store(root / "scribe.db", audio_dir=root / "audio", secrets=secrets)
    store = result.store
    assert store is not None
    return store


def run(encounters: int) -> dict[str, object]:
    secrets = Secrets(keyring_backend=MemoryKeyring(), environ={})
    out: dict[str, object] = {"encounters": encounters}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = _open(root, secrets)
        store.create(encounter_id="live", started_at=time.time(), language="en", audio_path=None)
        appends, saves = [], []
        for i in range(200):
            t = time.perf_counter()
            store.append_segments("live", [Segment(i * 3.0, i * 3.0 + 3.0, SENTENCE)])
            appends.append(time.perf_counter() - t)
            t = time.perf_counter()
            store.save_document("live", "soap", SENTENCE * (1 + i // 10))
            saves.append(time.perf_counter() - t)
        out["append_segment"] = _ms(appends)
        out["save_document"] = _ms(saves)

        now = time.time()
        for n in range(encounters):
            eid = f"e{n}"
            store.create(
                encounter_id=eid, started_at=now - n * 3600, language="en", audio_path=None
            )
            store.append_segments(eid, [Segment(k, k + 1, SENTENCE) for k in range(40)])
            store.save_document(eid, "soap", SENTENCE * 20)
            store.finish(eid, at=now - n * 3600 + 900)
        store.close()
        out["db_mb"] = round((root / "scribe.db").stat().st_size / 1e6, 2)

        t = time.perf_counter()
        store = _open(root, secrets)
        out["open_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        store.list_recent(limit=100)
        out["list_recent_100_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        report = apply_retention(
            store, now=now + DAY, policy=RetentionPolicy(keep_days=max(1, encounters // 48))
        )
        out["retention_s"] = round(time.perf_counter() - t, 3)
        out["retention_deleted"] = report.encounters_deleted
        store.close()

        audio = (np.random.default_rng(1).standard_normal(SAMPLE_RATE) * 0.1).astype(np.float32)
        cipher = store.cipher
        t = time.perf_counter()
        writer = EncryptedAudioWriter(path=root / "hour.scra", cipher=cipher)
        for _ in range(3600):
            writer.write(audio)
        writer.close()
        out["seal_1h_audio_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        got = read_encrypted_audio(root / "hour.scra", cipher=cipher)
        out["read_1h_audio_s"] = round(time.perf_counter() - t, 2)
        out["audio_mb_per_hour"] = round((root / "hour.scra").stat().st_size / 1e6, 1)
        assert len(got.samples) == 3600 * SAMPLE_RATE
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--encounters", type=int, default=1000)
    print(json.dumps(run(parser.parse_args().encounters), indent=2))


if __name__ == "__main__":
    main()
