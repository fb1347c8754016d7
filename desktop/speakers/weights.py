"""The voice encoder's weights, read from Resemblyzer's ``pretrained.pt`` without PyTorch.

The file is PyTorch's older (pre-1.6, non-zip) format: a few small pickles (magic number,
protocol version, system info), the pickle of the checkpoint (tensors refer to storages by key
through ``persistent_load``), the pickle of the storage keys in order, then each storage as an
int64 element count followed by its raw little-endian elements.

The checkpoint is read by a restricted unpickler: it admits only the names that rebuild tensors
(``torch._utils._rebuild_tensor_v2``, the ``torch.*Storage`` types) and ``OrderedDict``; any other
global (the usual way a pickle runs code) fails with ``WeightsError``. Storages become numpy arrays.

Where the file comes from: the ``Resemblyzer==0.1.4`` wheel (Apache-2.0), installed with
``--no-deps`` (its own code needs torch: we never import it, we only read its data file).
"""

from __future__ import annotations

import importlib.metadata
import pickle
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from desktop.errors import ScribeError

DISTRIBUTION = "Resemblyzer"
WEIGHTS_FILE = "resemblyzer/pretrained.pt"
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_DTYPES = {
    "FloatStorage": np.float32,
    "DoubleStorage": np.float64,
    "HalfStorage": np.float16,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "ShortStorage": np.int16,
    "CharStorage": np.int8,
    "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}


class WeightsError(ScribeError):
    """The voice encoder's weights are missing, damaged, or not what we expect."""


def locate_weights(distribution: str = DISTRIBUTION) -> Path:
    """The installed ``pretrained.pt``, or ``WeightsError`` saying how to install it."""
    try:
        dist = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        dist = None
    path = None if dist is None else Path(str(dist.locate_file(WEIGHTS_FILE)))
    if path is None or not path.is_file():
        raise WeightsError(
            "The voice model for telling speakers apart is not installed "
            f"(pip install --no-deps {DISTRIBUTION}==0.1.4); the transcript stays unlabelled."
        )
    return path


@dataclass(frozen=True)
class _StorageRef:
    key: str
    dtype: Any
    numel: int


@dataclass(frozen=True)
class _TensorRef:
    storage: _StorageRef
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor(storage: _StorageRef, offset: int, size: Any, stride: Any, *_: Any) -> Any:
    return _TensorRef(storage, int(offset), tuple(size), tuple(stride))


class _StorageType:
    def __init__(self, name: str) -> None:
        self.dtype = _DTYPES[name]


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return OrderedDict
        if module == "torch._utils" and name in ("_rebuild_tensor_v2", "_rebuild_tensor"):
            return _rebuild_tensor
        if module == "torch" and name in _DTYPES:
            return _StorageType(name)
        raise WeightsError(f"The voice model file holds an unexpected object ({module}.{name}).")

    def persistent_load(self, pid: Any) -> Any:
        if not isinstance(pid, tuple) or not pid or pid[0] != "storage":
            raise WeightsError("The voice model file holds an unexpected reference.")
        storage_type, key, _location, numel = pid[1:5]
        if not isinstance(storage_type, _StorageType):
            raise WeightsError("The voice model file holds an unexpected storage.")
        return _StorageRef(str(key), storage_type.dtype, int(numel))


def load_state(path: Path) -> dict[str, np.ndarray]:
    """The model's tensors (``checkpoint["model_state"]``) as float32 numpy arrays, by name."""
    try:
        with open(path, "rb") as fh:
            return parse_state(fh)
    except OSError as exc:
        raise WeightsError(f"The voice model file cannot be read ({exc}).") from exc


def parse_state(fh: BinaryIO) -> dict[str, np.ndarray]:
    """``load_state`` over an open file (tests build small files in memory)."""
    try:
        checkpoint, storages = _read_legacy(fh)
        state = checkpoint.get("model_state") if isinstance(checkpoint, dict) else None
        if not isinstance(state, dict):
            raise WeightsError("The voice model file has no model_state.")
        return {
            str(name): _materialise(ref, storages)
            for name, ref in state.items()
            if isinstance(ref, _TensorRef)
        }
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, KeyError, IndexError) as exc:
        raise WeightsError(f"The voice model file cannot be read ({exc}).") from exc


def _read_legacy(fh: BinaryIO) -> tuple[Any, dict[str, np.ndarray]]:
    header = _Unpickler(fh)
    if header.load() != LEGACY_MAGIC:
        raise WeightsError("The voice model file is not in the expected format.")
    header.load()  # protocol version
    header.load()  # system info (endianness, type sizes)
    refs: dict[str, _StorageRef] = {}
    unpickler = _Unpickler(fh)
    checkpoint = unpickler.load()
    _collect_storages(checkpoint, refs)
    keys = _Unpickler(fh).load()
    storages: dict[str, np.ndarray] = {}
    for key in keys:
        ref = refs.get(str(key))
        numel = int(np.frombuffer(fh.read(8), dtype="<i8")[0])
        dtype = np.dtype(ref.dtype if ref is not None else np.uint8).newbyteorder("<")
        data = fh.read(numel * dtype.itemsize)
        if len(data) != numel * dtype.itemsize:
            raise WeightsError("The voice model file is truncated.")
        storages[str(key)] = np.frombuffer(data, dtype=dtype)
    return checkpoint, storages


def _collect_storages(obj: Any, refs: dict[str, _StorageRef]) -> None:
    if isinstance(obj, _TensorRef):
        refs[obj.storage.key] = obj.storage
    elif isinstance(obj, dict):
        for value in obj.values():
            _collect_storages(value, refs)
    elif isinstance(obj, list | tuple):
        for value in obj:
            _collect_storages(value, refs)


def _materialise(ref: _TensorRef, storages: dict[str, np.ndarray]) -> np.ndarray:
    flat = storages[ref.storage.key]
    last = ref.offset + sum((n - 1) * st for n, st in zip(ref.size, ref.stride, strict=True))
    if min(ref.size, default=1) < 1 or min(ref.stride, default=0) < 0 or last >= len(flat):
        raise WeightsError("The voice model file holds a tensor outside its storage.")
    item = flat.dtype.itemsize
    view = np.lib.stride_tricks.as_strided(
        flat[ref.offset :], shape=ref.size, strides=tuple(s * item for s in ref.stride)
    )
    return np.array(view, dtype=np.float32)
