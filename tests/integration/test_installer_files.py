"""The installer files agree with each other and produce a real package.

- ``installer/linux/make_deb`` packs a (stand-in) one-folder app with the real dpkg-deb: the
  control fields, dependencies, menu entry, icons and launcher are checked in the .deb;
- the icons are the sizes their names say, the .icns is well formed;
- the Windows and macOS files (which cannot be built here) point at files that exist, use the
  executable names of the spec, and declare the microphone;
- ``scribe serve-llm``: the command that starts the note server, frozen or not, and its options.
"""

from __future__ import annotations

import argparse
import ast
import configparser
import plistlib
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import COMMANDS, serve_llm
from desktop.notes.local_process import child_command

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ICONS = ROOT / "resources" / "icons"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def fake_app(tmp_path: Path) -> Path:
    """A one-folder app stand-in: an executable that answers --version like the real one."""
    app = tmp_path / "dist" / "scribe"
    (app / "_internal").mkdir(parents=True)
    exe = app / "scribe"
    exe.write_text(f"#!/bin/sh\necho 'scribe {__version__}'\n", encoding="utf-8")
    exe.chmod(0o755)
    (app / "_internal" / "data.txt").write_text("payload\n", encoding="utf-8")
    return app


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is Debian's")
def test_make_deb_builds_a_package_with_dependencies_menu_entry_and_icons(
    fake_app: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [str(INSTALLER / "linux" / "make_deb"), str(fake_app), str(out)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    deb = Path(done.stdout.strip().splitlines()[-1])
    assert deb.is_file() and deb.name.startswith(f"scribe_{__version__}_")

    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "scribe"
    assert field("Version") == __version__
    depends = field("Depends")
    for lib in ("libportaudio2", "libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4"):
        assert lib in depends
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/scribe/scribe",
        "./opt/scribe/_internal/data.txt",
        "./usr/bin/scribe",
        "./usr/share/applications/scribe.desktop",
        "./usr/share/icons/hicolor/256x256/apps/scribe.png",
        "./usr/share/icons/hicolor/scalable/apps/scribe.svg",
        "./usr/share/doc/scribe/copyright",
    ):
        assert re.search(rf" {re.escape(path)}$", listing, re.MULTILINE), path
    assert re.search(r"^-rwxr-xr-x root/root .* \./usr/bin/scribe$", listing, re.MULTILINE)


def test_make_deb_refuses_a_missing_build(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(INSTALLER / "linux" / "make_deb"), str(tmp_path / "nothing"), str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode != 0
    assert not list(tmp_path.glob("*.deb"))


def test_desktop_entry_launches_scribe_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "resources" / "scribe.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "scribe"
    assert section["Icon"] == "scribe"
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")


def test_icons_have_the_sizes_their_names_say() -> None:
    pngs = sorted(ICONS.glob("scribe-*.png"))
    assert {int(p.stem.split("-")[1]) for p in pngs} >= {16, 32, 48, 64, 128, 256, 512}
    for png in pngs:
        n = int(png.stem.split("-")[1])
        assert png_size(png) == (n, n), png.name
    ico = (ICONS / "scribe.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 5


def test_icns_is_well_formed() -> None:
    data = (ICONS / "scribe.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, []
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert b"ic10" in kinds and b"icp4" in kinds  # 1024 px and 16 px


def spec_source() -> str:
    return (INSTALLER / "scribe.spec").read_text(encoding="utf-8")


def test_spec_is_python_and_names_the_executables_the_installers_use() -> None:
    source = spec_source()
    ast.parse(source)
    assert 'program("scribe-gui", console=False)' in source  # Windows: the Start menu target
    assert 'program("Scribe", console=False)' in source  # macOS: Scribe.app/Contents/MacOS/Scribe
    iss = (INSTALLER / "windows" / "scribe.iss").read_text(encoding="utf-8")
    assert r'Filename: "{app}\scribe-gui.exe"' in iss
    assert "PrivilegesRequired=lowest" in iss
    assert "CurUninstallStepChanged" in iss and "DelTree" in iss
    for key in ("SetupIconFile", "InfoBeforeFile"):
        rel = re.search(rf"^{key}=(.+)$", iss, re.MULTILINE)
        assert rel, key
        assert (INSTALLER / "windows" / rel.group(1).replace("\\", "/")).is_file(), key


def test_macos_bundle_declares_the_microphone() -> None:
    source = spec_source()
    assert '"NSMicrophoneUsageDescription"' in source
    entitlements = plistlib.loads((INSTALLER / "macos" / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.device.audio-input"] is True
    assert "entitlements.plist" in source


def test_serve_llm_is_a_registered_subcommand_forwarding_its_options() -> None:
    assert COMMANDS["serve-llm"].module == "desktop.cli.serve_llm"
    parser = argparse.ArgumentParser()
    serve_llm.add_arguments(parser)
    args = parser.parse_args(["--model", "m.gguf", "--port", "8123", "--model_alias", "x"])
    assert serve_llm.server_argv(args) == [
        "--model", "m.gguf", "--port", "8123", "--model_alias", "x",
    ]  # fmt: skip
    with pytest.raises(SystemExit):
        parser.parse_args(["--port", "1"])  # --model is required


def test_child_command_runs_the_module_from_source_and_the_executable_when_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert child_command("/py") == ["/py", "-m", "desktop.notes.llama_child"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child_command("/py") == [sys.executable, "serve-llm"]
