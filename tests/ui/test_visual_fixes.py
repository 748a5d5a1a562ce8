"""Visual fixes from the QA pass (findings C1-C10, D1, D14), checked by rendering offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QToolButton

from companion.core.taste.rows import RowItem
from companion.ui import theme


@pytest.fixture
def themed(qtbot):
    """Yields a function that applies a theme; the dark theme is back afterwards."""
    app = QApplication.instance()
    yield lambda name: theme.apply(app, name)
    theme.apply(app, "dark")


def _opaque_colors(image: QImage) -> list[QColor]:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255]


def _close(a: QColor, b: QColor, tol: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tol


def _item(**kw) -> RowItem:
    base = dict(item_id=1, path="/x.ogg", kind="music", title="Aurora II", artist="Northern Lights", reason="r")
    base.update(kw)
    return RowItem(**base)


# --- C1: icons follow the active palette -------------------------------------------------------------

def test_icons_follow_the_theme_without_being_rebuilt(themed):
    from companion.ui.icons import icon

    play = icon("play")
    themed("dark")
    dark = _opaque_colors(play.pixmap(24, 24).toImage())
    assert dark and all(_close(c, QColor(theme.DARK.text)) for c in dark)
    themed("light")
    light = _opaque_colors(play.pixmap(24, 24).toImage())
    assert light and all(_close(c, QColor(theme.LIGHT.text)) for c in light)


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
    darkest = min(_opaque_colors(b.grab().toImage()), key=lambda c: c.lightness())
    assert darkest.lightness() < 80, "the icon must be dark on the light background"


def test_fixed_colour_icons_stay_fixed(themed):
    from companion.ui.icons import icon

    themed("light")
    white = _opaque_colors(icon("play", "#ffffff").pixmap(24, 24).toImage())
    assert white and all(_close(c, QColor("#ffffff")) for c in white)


def test_icons_are_sharp_at_high_dpi():
    from companion.ui.icons import icon

    pm = icon("play").pixmap(QSize(24, 24), 2.0)
    assert pm.devicePixelRatio() == 2.0
    assert pm.size() == QSize(48, 48)


# --- C2: a focused card shows its art with a ring, not a purple square -------------------------------

class _NoArt:
    def pixmap(self, _key):  # noqa: ANN001
        return None


def test_focused_home_card_keeps_its_art_and_draws_only_a_ring(qtbot):
    from companion.ui.home.delegate import MUSIC_ART, TEXT_HEIGHT, CardDelegate
    from companion.ui.home.model import RowModel

    model = RowModel((_item(),), frozenset(), {})
    delegate = CardDelegate(_NoArt(), "music")
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, MUSIC_ART.width(), MUSIC_ART.height() + TEXT_HEIGHT)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.current().window))
    p = QPainter(image)
    delegate.paint(p, option, model.index(0, 0))
    p.end()
    image.save("/tmp/test_focused_card.png")
    accent = QColor(theme.current().accent)
    # well inside the art, away from the quick-action buttons: placeholder art, not accent
    for x, y in ((30, 60), (84, 100), (130, 120)):
        assert not _close(image.pixelColor(x, y), accent, 30), (x, y)
    # the ring itself is accent-coloured
    assert _close(image.pixelColor(MUSIC_ART.width() // 2, 1), accent, 60)
