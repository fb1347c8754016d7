"""Reading PyTorch's legacy checkpoint format without torch, and refusing anything else."""

from __future__ import annotations

import io
import pickle
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from desktop.speakers.encoder import VoiceEncoder
from desktop.speakers.weights import (
    LEGACY_MAGIC,
    WeightsError,
    load_state,
    locate_weights,
    parse_state,
)


@pytest.fixture
def fake_torch(monkeypatch: pytest.MonkeyPatch) -> types.SimpleNamespace:
    """Stand-ins named like torch's rebuild function and storage type, so pickle can write
    the same globals a real checkpoint holds (torch itself is not installed)."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    def _rebuild_tensor_v2(*args: object) -> None: ...

    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2  # type: ignore[attr-defined]
    float_storage = type("FloatStorage", (), {"__module__": "torch"})
    torch.FloatStorage = float_storage  # type: ignore[attr-defined]
    torch._utils = utils  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "torch._utils", utils)
    return types.SimpleNamespace(rebuild=_rebuild_tensor_v2, storage=float_storage)


class _Tensor:
    def __init__(self, fake: types.SimpleNamespace, key: str, offset: int, size, stride) -> None:
        self.args = (_Storage(fake, key), offset, size, stride, False, {})
        self.fake = fake

    def __reduce__(self):
        return (self.fake.rebuild, self.args)


class _Storage:
    def __init__(self, fake: types.SimpleNamespace, key: str) -> None:
        self.fake, self.key = fake, key


class _Writer(pickle.Pickler):
    def persistent_id(self, obj: object):
        if isinstance(obj, _Storage):
            return ("storage", obj.fake.storage, obj.key, "cpu", 0)
        return None


def _legacy_file(checkpoint: object, storages: dict[str, np.ndarray]) -> bytes:
    out = io.BytesIO()
    for header in (LEGACY_MAGIC, 1001, {"little_endian": True}):
        pickle.dump(header, out, protocol=2)
    _Writer(out, protocol=2).dump(checkpoint)
    pickle.dump(list(storages), out, protocol=2)
    for data in storages.values():
        out.write(np.int64(data.size).tobytes())
        out.write(data.astype("<f4").tobytes())
    return out.getvalue()


def test_tensors_are_rebuilt_from_their_storages_with_offset_and_strides(fake_torch) -> None:
    flat = np.arange(10, dtype=np.float32)
    checkpoint = {
        "step": 7,
        "model_state": {
            "a": _Tensor(fake_torch, "0", 2, (2, 3), (3, 1)),
            "t": _Tensor(fake_torch, "0", 0, (3, 2), (1, 3)),  # a transposed view
        },
    }
    state = parse_state(io.BytesIO(_legacy_file(checkpoint, {"0": flat})))
    np.testing.assert_array_equal(state["a"], flat[2:8].reshape(2, 3))
    np.testing.assert_array_equal(state["t"], flat[:6].reshape(2, 3).T)


def test_a_pickle_that_would_run_code_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()
    header = b"".join(
        pickle.dumps(h, protocol=2) for h in (LEGACY_MAGIC, 1001, {"little_endian": True})
    )
    with pytest.raises(WeightsError, match=r"unexpected object \(os.system\)"):
        parse_state(io.BytesIO(header + evil))
    assert not marker.exists()


def test_a_file_that_is_not_a_checkpoint_is_refused() -> None:
    with pytest.raises(WeightsError, match="not in the expected format"):
        parse_state(io.BytesIO(pickle.dumps({"model_state": {}}, protocol=2)))
    with pytest.raises(WeightsError, match="cannot be read"):
        parse_state(io.BytesIO(b"PK\x03\x04 not a pickle"))


def test_a_truncated_file_is_refused(fake_torch) -> None:
    checkpoint = {"model_state": {"a": _Tensor(fake_torch, "0", 0, (4,), (1,))}}
    data = _legacy_file(checkpoint, {"0": np.ones(4, dtype=np.float32)})
    with pytest.raises(WeightsError, match="truncated"):
        parse_state(io.BytesIO(data[:-3]))


def test_a_tensor_reaching_outside_its_storage_is_refused(fake_torch) -> None:
    checkpoint = {"model_state": {"a": _Tensor(fake_torch, "0", 2, (4,), (1,))}}
    data = _legacy_file(checkpoint, {"0": np.ones(4, dtype=np.float32)})
    with pytest.raises(WeightsError, match="outside its storage"):
        parse_state(io.BytesIO(data))


def test_missing_weights_say_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(WeightsError, match=r"not installed \(pip install --no-deps Resemblyzer"):
        locate_weights("no-such-distribution-x")
    with pytest.raises(WeightsError, match="cannot be read"):
        load_state(tmp_path / "absent.pt")


def test_a_checkpoint_without_the_encoder_tensors_is_refused(fake_torch) -> None:
    checkpoint = {"model_state": {"linear.bias": _Tensor(fake_torch, "0", 0, (4,), (1,))}}
    state = parse_state(io.BytesIO(_legacy_file(checkpoint, {"0": np.ones(4, np.float32)})))
    with pytest.raises(WeightsError, match="lacks"):
        VoiceEncoder(state)
