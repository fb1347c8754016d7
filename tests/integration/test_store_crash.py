"""Crash recovery with real parts: a child process records real speech from the virtual
microphone into the encrypted store (real PortAudio/PulseAudio, real Whisper base, real SQLite),
commits the first stretch of transcript, and is killed with SIGKILL. A new start finds the
interrupted encounter, reads the audio up to the crash, transcribes the rest, and the words are
checked; no transcript word is readable in any file on disk.

Run as ``python test_store_crash.py child HOME KEYFILE MODEL_DIR`` it is the child.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from desktop.asr.base import DecodeOptions
from desktop.asr.whisper_local import LocalWhisper
from desktop.cancel import CancelToken
from desktop.pcm import SAMPLE_RATE
from desktop.secrets import Secrets
from desktop.store import EncounterStore
from desktop.store import opening as store_opening
from desktop.store.recovery import recover_job
from tests.integration.virtual_mic import VirtualMic, VirtualMicUnavailable, ensure_virtual_mic
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
ENCOUNTER = "crash-visit"
COMMIT_AT_S = 5.0  # the child commits the transcript of the first 5 s, then keeps recording
SINK = "scribe_store_mic"  # a sink of our own: other tests' speech never mixes in
WAIT_S = 120.0  # upper bound on any single wait (a hung child fails the test, never hangs it)


class FileKeyring(MemoryKeyring):
    """A keychain shared by two processes of this test (a JSON file in the test's temp dir)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        if path.exists():
            for name, value in json.loads(path.read_text()).items():
                super().set_password("Scribe", name, value)

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        data = json.loads(self._path.read_text()) if self._path.exists() else {}
        data[username] = password
        self._path.write_text(json.dumps(data))


def _open(home: Path, keyfile: Path) -> EncounterStore:
    secrets = Secrets(keyring_backend=FileKeyring(keyfile), environ={})
    result = store_opening.open_store(home / "scribe.db", audio_dir=home / "audio", secrets=secrets)
    assert result.store is not None and result.encrypted, result
    return result.store


def child(home: Path, keyfile: Path, model_dir: str) -> None:
    from desktop.audio.capture import MicrophoneSource

    model = LocalWhisper.load(model_dir, label="Whisper base", device="cpu")
    store = _open(home, keyfile)
    path = store.audio_path_for(ENCOUNTER)
    store.create(encounter_id=ENCOUNTER, started_at=time.time(), language="en", audio_path=path)
    recorder = store.open_recorder(path)
    blocks: list[np.ndarray] = []
    total, reported, committed = 0, 0, False
    for block in MicrophoneSource().blocks(CancelToken()):
        if not total:
            print("RECORDING", flush=True)  # the stream is open: the parent may play now
        recorder.write(block)
        blocks.append(block)
        total += len(block)
        if total // (SAMPLE_RATE // 2) > reported:  # every half second
            reported = total // (SAMPLE_RATE // 2)
            print(f"AUDIO {total / SAMPLE_RATE:.2f}", flush=True)
        if not committed and total >= COMMIT_AT_S * SAMPLE_RATE:
            window = np.concatenate(blocks)[: int(COMMIT_AT_S * SAMPLE_RATE)]
            result = model.transcribe(window, DecodeOptions(language="en"))
            store.append_segments(ENCOUNTER, list(result.segments))
            store.mark_transcribed(ENCOUNTER, COMMIT_AT_S)
            committed = True
            print(f"COMMITTED {len(result.segments)}", flush=True)


def _reader(stream: object, out: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line.strip())
    out.put("EOF")


class Child:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        self.audio_s = 0.0
        threading.Thread(target=_reader, args=(proc.stdout, self.lines), daemon=True).start()

    def wait_for(self, wanted: str, *, audio_s: float = 0.0) -> None:
        """Read the child's lines until ``wanted`` (and ``audio_s`` seconds recorded)."""
        deadline = time.monotonic() + WAIT_S
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line != "EOF", f"the child died: {self.proc.stderr.read()[-2000:]}"  # type: ignore[union-attr]
            if line.startswith("AUDIO "):
                self.audio_s = float(line.split()[1])
            if line.startswith(wanted) and self.audio_s >= audio_s:
                return

    def drain(self) -> None:
        while not self.lines.empty():
            line = self.lines.get_nowait()
            if line.startswith("AUDIO "):
                self.audio_s = float(line.split()[1])


def _words(text: str) -> set[str]:
    return {w.strip(".,!?;:").lower() for w in text.split()}


@pytest.fixture
def mic() -> VirtualMic:
    try:
        return ensure_virtual_mic(SINK)
    except VirtualMicUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")


def test_sigkill_mid_visit_then_recover(
    tmp_path: Path,
    mic: VirtualMic,
    whisper_base_dir: Path,
    whisper_base: LocalWhisper,
    data_dir: Path,
) -> None:
    home, keyfile = tmp_path / "data", tmp_path / "keychain.json"
    env = {**os.environ, **mic.env(), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, __file__, "child", str(home), str(keyfile), str(whisper_base_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    child_proc = Child(proc)
    try:
        child_proc.wait_for("RECORDING")
        player = mic.play(data_dir / "jfk_16k_mono.wav")
        child_proc.wait_for("COMMITTED")
        assert player.wait(timeout=WAIT_S) == 0
        child_proc.drain()
        # Everything played is now captured; wait for 2 s more to be sealed, then kill -9.
        child_proc.wait_for("AUDIO", audio_s=max(child_proc.audio_s + 2.0, 13.0))
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=WAIT_S)
    assert proc.returncode == -signal.SIGKILL
    recorded_s = child_proc.audio_s

    store = _open(home, keyfile)  # the next start
    (interrupted,) = store.interrupted()
    assert interrupted.id == ENCOUNTER and not interrupted.finished
    rec = store.recovery(ENCOUNTER)
    assert rec.audio_path is not None and rec.audio_encrypted
    # The first 5 s were transcribed; Whisper may time the last word a little past the end of
    # the window it was given (5.33 s seen), and recovery resumes after the later of the two.
    last_end = max((seg.end for seg in rec.encounter.segments), default=0.0)
    assert rec.transcribed_until_s == max(COMMIT_AT_S, last_end)
    assert COMMIT_AT_S <= rec.transcribed_until_s < COMMIT_AT_S + 1.0
    committed_words = _words(rec.encounter.transcript_text)
    assert {"fellow", "americans"} <= committed_words, rec.encounter.transcript_text

    audio = store.read_audio(rec.audio_path)
    assert recorded_s - 1.0 <= len(audio) / SAMPLE_RATE <= recorded_s + 0.01  # ≤ 1 s lost
    job = recover_job(store, ENCOUNTER, transcriber=whisper_base, cancel=CancelToken())
    fractions: list[float] = []
    try:  # drive the generator as desktop.session.workers.Worker does
        while True:
            fractions.append(next(job).fraction)
    except StopIteration as stop:
        recovered = stop.value
    assert recovered is not None and recovered.complete and fractions[-1] == 1.0
    assert store.interrupted() == []
    full = store.load(ENCOUNTER).transcript_text
    assert {"fellow", "americans", "country", "ask", "you", "for"} <= _words(full), full
    assert full.lower().rstrip(".").endswith("for your country"), full
    store.close()

    on_disk = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    for word in ("Americans", "americans", "country", "fellow"):
        assert word.encode() not in on_disk


if __name__ == "__main__" and sys.argv[1:2] == ["child"]:
    child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4])
