"""Icons follow the theme, stay sharp, and fixed colours stay fixed."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton

from companion.ui import theme
from tests.ui.helpers import colour_close, opaque_colors

# --- C1: icons follow the active palette -------------------------------------------------------------


def test_icons_follow_the_theme_without_being_rebuilt(themed):
    from companion.ui.icons import icon

    play = icon("play")
    themed("dark")
    dark = opaque_colors(play.pixmap(24, 24).toImage())
    assert dark and all(colour_close(c, QColor(theme.DARK.text)) for c in dark)
    themed("light")
    light = opaque_colors(play.pixmap(24, 24).toImage())
    assert light and all(colour_close(c, QColor(theme.LIGHT.text)) for c in light)


def test_a_button_built_in_the_dark_theme_has_a_dark_icon_in_the_light_theme(qtbot, themed):
    from companion.ui.icons import icon

    themed("dark")
    b = QToolButton()
    qtbot.addWidget(b)
    b.setIcon(icon("next"))
    b.setIconSize(QSize(24, 24))
    b.resize(40, 40)
    b.show()
    themed("light")
    darkest = min(opaque_colors(b.grab().toImage()), key=lambda c: c.lightness())
    assert darkest.lightness() < 80, "the icon must be dark on the light background"


def test_fixed_colour_icons_stay_fixed(themed):
    from companion.ui.icons import icon

    themed("light")
    white = opaque_colors(icon("play", "#ffffff").pixmap(24, 24).toImage())
    assert white and all(colour_close(c, QColor("#ffffff")) for c in white)


def test_icons_are_sharp_at_high_dpi(qapp):  # a QPixmap needs the application (first test of a worker)
    from companion.ui.icons import icon

    pm = icon("play").pixmap(QSize(24, 24), 2.0)
    assert pm.devicePixelRatio() == 2.0
    assert pm.size() == QSize(48, 48)
