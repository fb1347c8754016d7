"""Regenerates the app icons from ``scribe.svg``; the results are committed, so building the
installers needs neither Qt's SVG renderer nor ImageMagick.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py

- ``scribe-<N>.png`` (16…512 px): the Linux hicolor theme, the window icon, the About box;
- ``scribe.ico`` (16…256, packed by ImageMagick's ``convert``): the Windows executable and setup;
- ``scribe.icns`` (16…1024, PNG entries): the macOS app bundle.

The SVG is rendered by Qt (ImageMagick's own SVG renderer draws a dark fringe on the edges).
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024))  # fmt: skip


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt a str
    return bytes(data.data())


def main() -> int:
    _app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(HERE / "scribe.svg"))
    pngs = {size: render(renderer, size) for size in {*PNG_SIZES, 1024}}
    for size in PNG_SIZES:
        (HERE / f"scribe-{size}.png").write_bytes(pngs[size])
    ico_inputs = [str(HERE / f"scribe-{size}.png") for size in ICO_SIZES]
    subprocess.run(["convert", *ico_inputs, str(HERE / "scribe.ico")], check=True)
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[n])) + pngs[n] for kind, n in ICNS_TYPES)
    (HERE / "scribe.icns").write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
