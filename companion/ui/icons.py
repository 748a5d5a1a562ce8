"""SVG icons from ``companion/resources/icons``, tinted to the theme and sharp at any DPI."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def icon(name: str, color: str = "#e8e8ec") -> QIcon:
    """The icon ``name`` filled with ``color``, rendered at 1x, 2x and 3x of the common sizes."""
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("#000000", color).encode("utf-8")))
    out = QIcon()
    for size in (16, 20, 24, 32, 48, 64, 96):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p, QRectF(0, 0, size, size))
        p.end()
        out.addPixmap(pm)
    return out


def app_icon() -> QIcon:
    path = ICON_DIR / "companion.svg"
    return QIcon(str(path)) if path.exists() else icon("music-note", "#7c5cff")
