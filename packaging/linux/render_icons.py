"""Render the app icon SVG into the PNG sizes of the hicolor theme (and .ico / .icns for the bundles).

    python packaging/linux/render_icons.py

Reads ``resources/icons/companion.svg`` and writes, beside it in ``resources/icons/``::

    hicolor/scalable/apps/io.github.companion.Companion.svg   (a copy of the SVG)
    hicolor/<N>x<N>/apps/io.github.companion.Companion.png   (N in SIZES)
    companion.ico   (256 px, Windows)     companion.icns   (512 px, macOS)

The PNGs are committed; run this again whenever the SVG changes (a test checks they are current).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ICONS = ROOT / "resources" / "icons"
SVG = BUNDLE_ICONS / "companion.svg"
HICOLOR = BUNDLE_ICONS / "hicolor"
APP_ID = "io.github.companion.Companion"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int):
    """The SVG drawn at ``size`` x ``size`` on a transparent, premultiplied ARGB image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts and image plugins)
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written = [scalable]
    for size in SIZES:
        out = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(SVG, size).save(str(out), "PNG"):
            raise SystemExit(f"render_icons: cannot write {out}")
        written.append(out)
    BUNDLE_ICONS.mkdir(parents=True, exist_ok=True)
    for name, fmt, size in (("companion.ico", "ICO", 256), ("companion.icns", "ICNS", 512)):
        out = BUNDLE_ICONS / name
        if render(SVG, size).save(str(out), fmt):
            written.append(out)
        else:
            print(f"render_icons: this Qt cannot write {fmt}; {out} not made", file=sys.stderr)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
