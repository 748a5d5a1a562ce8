"""The style sheet: sidebar states, check and combo boxes, borders, disabled menu rows."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton

from companion.ui import theme
from tests.ui.helpers import centre_colour, colour_close


def test_sidebar_current_page_hover_and_focus_are_distinct(qtbot, themed):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    themed("dark")
    bar = QWidget()
    bar.setObjectName("sidebar")
    qtbot.addWidget(bar)
    v = QVBoxLayout(bar)
    current, hovered, focused = (QToolButton(text=t) for t in ("Home", "Search", "Library"))
    for b in (current, hovered, focused):
        b.setCheckable(True)
        b.setMinimumWidth(160)
        v.addWidget(b)
    current.setChecked(True)
    bar.show()
    qtbot.waitExposed(bar)
    bar.activateWindow()
    qtbot.waitUntil(bar.isActiveWindow)  # focus events go to an active window only
    hovered.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    focused.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(focused.hasFocus)
    c = theme.current()
    assert colour_close(centre_colour(current), QColor(theme.mix(c.sidebar, c.accent, 0.16)), 6)
    assert not colour_close(centre_colour(hovered), centre_colour(current), 6), (
        "hover must not look like the current page"
    )
    assert not colour_close(centre_colour(focused), centre_colour(current), 6), (
        "focus must not look like the current page"
    )
    accent = QColor(c.accent)
    ring = focused.grab().toImage()
    assert any(
        colour_close(ring.pixelColor(x, ring.height() // 2), accent, 60)
        for x in range(ring.width() - 3, ring.width())
    )


# --- C7: check boxes and combo boxes fit the theme ---------------------------------------------------


def test_check_boxes_have_a_visible_box_and_a_filled_checked_state(qtbot, themed):
    from PySide6.QtWidgets import QCheckBox

    for name in ("dark", "light"):
        c = themed(name)
        box = QCheckBox("Private session")
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        img = box.grab().toImage()
        column = [img.pixelColor(x, img.height() // 2) for x in range(0, 24)]
        assert any(colour_close(p, QColor(c.muted), 40) for p in column), (
            f"{name}: the box has a visible border"
        )
        box.setChecked(True)
        img = box.grab().toImage()
        column = [img.pixelColor(x, img.height() // 2) for x in range(0, 24)]
        assert any(colour_close(p, QColor(c.accent), 30) for p in column), (
            f"{name}: a checked box is accent-filled"
        )


def test_combo_boxes_use_the_theme_surface(qtbot, themed):
    from PySide6.QtWidgets import QComboBox

    for name in ("dark", "light"):
        c = themed(name)
        combo = QComboBox()
        combo.addItems(["system", "dark", "light"])
        combo.resize(240, combo.sizeHint().height())
        qtbot.addWidget(combo)
        combo.show()
        qtbot.waitExposed(combo)
        img = combo.grab().toImage()
        assert colour_close(img.pixelColor(img.width() // 2, 3), QColor(c.surface), 12), name


def test_light_borders_and_empty_stars_stand_out_from_the_light_bars():
    border, bar = QColor(theme.LIGHT.border), QColor(theme.LIGHT.sidebar)
    assert bar.lightness() - border.lightness() >= 30


# --- QA (session 2) C8: disabled menu rows look disabled ----------------------------------------------


def test_disabled_menu_items_are_muted(qtbot, themed):
    from PySide6.QtWidgets import QMenu

    c = themed("dark")
    menu = QMenu()
    qtbot.addWidget(menu)
    off = menu.addAction("Nothing playing")
    off.setEnabled(False)
    on = menu.addAction("Saturday morning")
    menu.popup(menu.pos())
    qtbot.waitExposed(menu)
    img = menu.grab().toImage()

    def ink(action) -> list[QColor]:
        r = menu.actionGeometry(action)
        return [
            img.pixelColor(x, y)
            for x in range(r.left(), r.right())
            for y in range(r.top(), r.bottom())
            if colour_close(img.pixelColor(x, y), QColor(c.text), 60)
            or colour_close(img.pixelColor(x, y), QColor(c.muted), 30)
        ]

    bright = lambda colors: sum(1 for x in colors if colour_close(x, QColor(c.text), 30))  # noqa: E731
    assert bright(ink(on)) > 20
    assert bright(ink(off)) == 0, "the disabled row is drawn in the muted colour"
    menu.close()
