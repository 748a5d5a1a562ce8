"""SVG icons from ``resources/icons``, tinted to the theme and sharp at any DPI.

``icon(name)`` follows the active palette: its engine reads the application palette's
button-text colour each time it paints, so a theme switch re-tints every icon without
rebuilding a widget. ``icon(name, "#ffffff")`` keeps a fixed colour (e.g. on accent buttons).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from companion.core.resources import icon_dir

ICON_DIR = icon_dir()
_PIXMAPS: dict[tuple, QPixmap] = {}
_CLONES: list[QIconEngine] = []


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _renderer(name: str, color: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace("#000000", color).encode("utf-8")))


def palette_color(mode: QIcon.Mode = QIcon.Mode.Normal) -> QColor:
    """The colour a palette-following icon is drawn with in ``mode``."""
    pal = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return pal.color(QPalette.ColorRole.PlaceholderText)
    if mode == QIcon.Mode.Selected:
        return pal.color(QPalette.ColorRole.HighlightedText)
    return pal.color(QPalette.ColorRole.ButtonText)


class TintedIconEngine(QIconEngine):
    """Draws one SVG in a fixed colour, or in the palette's text colour at paint time."""

    def __init__(self, name: str, color: str | None = None, on_color: str | None = None) -> None:
        super().__init__()
        self.name = name
        self.color = color
        self.on_color = on_color  # a checked button's glyph: a colour, or "accent" (the palette's highlight)

    def _color(self, mode: QIcon.Mode, state: QIcon.State = QIcon.State.Off) -> str:
        if state == QIcon.State.On and self.on_color and mode != QIcon.Mode.Disabled:
            if self.on_color == "accent":
                return QGuiApplication.palette().color(QPalette.ColorRole.Highlight).name()
            return self.on_color
        return self.color or palette_color(mode).name()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _renderer(self.name, self._color(mode, state)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        color = self._color(mode, state)
        w, h = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        key = (self.name, color, w, h, scale)
        pm = _PIXMAPS.get(key)
        if pm is None:
            pm = QPixmap(w, h)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            _renderer(self.name, color).render(p, QRectF(0, 0, w, h))
            p.end()
            pm.setDevicePixelRatio(scale)
            if len(_PIXMAPS) > 2000:
                _PIXMAPS.clear()
            _PIXMAPS[key] = pm
        return QPixmap(pm)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        copy = TintedIconEngine(self.name, self.color, self.on_color)
        _CLONES.append(copy)  # Qt owns the copy; keep its Python half alive with it
        return copy

    def key(self) -> str:
        return "companion-tinted-svg"


@cache
def icon(name: str, color: str | None = None, on_color: str | None = None) -> QIcon:
    """The icon ``name``: in the active palette's text colour, or always in ``color`` when given;
    with ``on_color`` ("accent" or a colour) a checked button shows its glyph in that colour."""
    return QIcon(TintedIconEngine(name, color, on_color))


def app_icon() -> QIcon:
    path = ICON_DIR / "companion.svg"
    return QIcon(str(path)) if path.exists() else icon("music-note", "#7c5cff")
