"""Dark and light themes: one palette of named colours and one style sheet built from it."""

from __future__ import annotations

from dataclasses import dataclass, fields
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from companion.core.resources import resource


@dataclass(frozen=True)
class Colors:
    name: str
    window: str
    sidebar: str
    surface: str  # cards, bars
    raised: str  # hovered surfaces
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str


DARK = Colors(
    "dark", "#121216", "#0c0c0f", "#1c1c22", "#272730", "#f1f1f4", "#9a9aa6", "#8b6cff", "#ffffff", "#2a2a33"
)
LIGHT = Colors(
    "light", "#f6f6f8", "#ececf0", "#ffffff", "#e9e9f0", "#1a1a1f", "#5f5f6b", "#6a4cf0", "#ffffff", "#c8c8d2"
)  # borders and empty stars visible on the light bars

STYLE_DIR = resource("style")  # the style sheet and the images it names

_current: Colors = DARK


def current() -> Colors:
    return _current


def resolve(choice: str) -> Colors:
    """``system`` follows the platform's colour scheme; dark when it does not say."""
    if choice == "light":
        return LIGHT
    if choice == "dark":
        return DARK
    hints = QGuiApplication.styleHints()
    return LIGHT if hints.colorScheme() == Qt.ColorScheme.Light else DARK


def apply(app: QApplication, choice: str) -> Colors:
    global _current
    c = resolve(choice)
    _current = c
    app.setStyle("Fusion")
    pal = QPalette()
    for role, value in (
        (QPalette.ColorRole.Window, c.window),
        (QPalette.ColorRole.Base, c.surface),
        (QPalette.ColorRole.AlternateBase, c.raised),
        (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.WindowText, c.text),
        (QPalette.ColorRole.Button, c.surface),
        (QPalette.ColorRole.ButtonText, c.text),
        (QPalette.ColorRole.Highlight, c.accent),
        (QPalette.ColorRole.HighlightedText, c.accent_text),
        (QPalette.ColorRole.PlaceholderText, c.muted),
        (QPalette.ColorRole.ToolTipBase, c.raised),
        (QPalette.ColorRole.ToolTipText, c.text),
        (QPalette.ColorRole.Mid, c.border),
    ):
        pal.setColor(role, QColor(value))
    app.setPalette(pal)
    app.setStyleSheet(style_sheet(c))
    return c


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    ca, cb = QColor(a), QColor(b)
    return QColor(
        *(
            round(x + (y - x) * t)
            for x, y in zip((ca.red(), ca.green(), ca.blue()), (cb.red(), cb.green(), cb.blue()), strict=True)
        )
    ).name()


def style_sheet(c: Colors) -> str:
    """``resources/style/companion.qss`` with this palette's colours filled in."""
    values = {f.name: getattr(c, f.name) for f in fields(c)}
    values.update(
        hover=mix(c.sidebar, c.text, 0.05),  # a hovered nav item is quieter than the current page
        current=mix(c.sidebar, c.accent, 0.16),  # the current page: tinted, with an accent bar
        handle=mix(c.raised, c.muted, 0.35),  # scroll handles and slider grooves, visible in both themes
        private_bg=mix(c.sidebar, c.accent, 0.18),
        private_hover=mix(c.sidebar, c.accent, 0.3),
        primary_hover=QColor(c.accent).lighter(115).name(),
        soft_border=mix(c.border, c.muted, 0.45),
        check=(STYLE_DIR / "check.svg").as_posix(),
        chevron=(STYLE_DIR / "chevron-down.svg").as_posix(),
    )
    return Template((STYLE_DIR / "companion.qss").read_text(encoding="utf-8")).substitute(values)
