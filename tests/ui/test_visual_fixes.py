"""Visual fixes from the QA pass (findings C1-C10, D1, D14), checked by rendering offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
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
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]


def _close(a: QColor, b: QColor, tol: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tol


def _item(**kw) -> RowItem:
    base = dict(
        item_id=1, path="/x.ogg", kind="music", title="Aurora II", artist="Northern Lights", reason="r"
    )
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
    def pixmap(self, _key):
        return None


def test_focused_home_card_keeps_its_art_and_draws_only_a_ring(qtbot):
    from companion.ui.home.delegate import MUSIC_ART, TEXT_HEIGHT, CardDelegate
    from companion.ui.home.model import RowModel

    model = RowModel((_item(),), frozenset(), {})
    delegate = CardDelegate(_NoArt(), "music")
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, MUSIC_ART.width(), MUSIC_ART.height() + TEXT_HEIGHT)
    option.state = (
        QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected
    )
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
    play = delegate.action_rects(option.rect)["play"]
    assert not _close(image.pixelColor(play.center().x(), play.center().y()), accent, 30), (
        "quick actions show under the pointer, not on a merely focused card"
    )
    option.state |= QStyle.StateFlag.State_MouseOver
    image.fill(QColor(theme.current().window))
    p = QPainter(image)
    delegate.paint(p, option, model.index(0, 0))
    p.end()
    assert _close(image.pixelColor(play.center().x() - 12, play.center().y()), accent, 40), "hover shows them"


# --- C3: the current page/tab, hover and keyboard focus look different ------------------------------


def _centre(widget) -> QColor:
    img = widget.grab().toImage()
    return img.pixelColor(img.width() - 6, img.height() // 2)


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
    assert _close(_centre(current), QColor(theme.mix(c.sidebar, c.accent, 0.16)), 6)
    assert not _close(_centre(hovered), _centre(current), 6), "hover must not look like the current page"
    assert not _close(_centre(focused), _centre(current), 6), "focus must not look like the current page"
    accent = QColor(c.accent)
    ring = focused.grab().toImage()
    assert any(
        _close(ring.pixelColor(x, ring.height() // 2), accent, 60)
        for x in range(ring.width() - 3, ring.width())
    )


def test_library_tabs_show_the_current_view_without_focus(qtbot, themed):
    from PySide6.QtCore import Qt

    from companion.ui.library.page import LibraryPage

    themed("dark")
    page = LibraryPage()
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tabs = {b.property("view"): b for b in page.buttons.buttons()}
    page.show_view("albums")
    page.filter.setFocus(Qt.FocusReason.OtherFocusReason)  # the tab has no focus now
    qtbot.waitUntil(page.filter.hasFocus)
    accent = QColor(theme.current().accent)
    assert _close(_centre(tabs["albums"]), accent, 30), "the current view's tab is filled with the accent"
    assert not _close(_centre(tabs["tracks"]), accent, 30)
    tabs["movies"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tabs["movies"].hasFocus)
    assert not _close(_centre(tabs["movies"]), accent, 30), "focus is a ring, not the current-view fill"
    assert _close(_centre(tabs["albums"]), accent, 30)


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
        assert any(_close(p, QColor(c.muted), 40) for p in column), f"{name}: the box has a visible border"
        box.setChecked(True)
        img = box.grab().toImage()
        column = [img.pixelColor(x, img.height() // 2) for x in range(0, 24)]
        assert any(_close(p, QColor(c.accent), 30) for p in column), f"{name}: a checked box is accent-filled"


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
        assert _close(img.pixelColor(img.width() // 2, 3), QColor(c.surface), 12), name


# --- C10: the Why-this popup has a frame and a plain Close button ------------------------------------


def test_why_popup_is_framed_and_its_close_button_has_no_stock_icon(qtbot, themed):
    from PySide6.QtWidgets import QPushButton

    from companion.ui.why import WhyDialog

    c = themed("dark")
    d = WhyDialog(_item(reasons=("you play this on weekend mornings",)), "Saturday morning")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    buttons = d.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Close"]
    assert all(b.icon().isNull() for b in buttons)
    img = d.grab().toImage()
    edge = img.pixelColor(0, img.height() // 2)
    assert not _close(edge, QColor(c.surface), 20) and not _close(edge, QColor(c.window), 20), (
        "a visible frame"
    )
    d.close_button.click()
    assert not d.isVisible()


# --- C4, D14: the queue panel -----------------------------------------------------------------------


class _Player:
    def __init__(self) -> None:
        from types import SimpleNamespace

        from PySide6.QtCore import QObject, Signal

        from companion.core.playqueue import QueueEntry

        class _Signals(QObject):
            queueChanged = Signal()
            currentChanged = Signal(object)

        self._s = _Signals()
        self.queueChanged, self.currentChanged = self._s.queueChanged, self._s.currentChanged
        self.queue = SimpleNamespace(
            entries=[
                QueueEntry(1, "/a.ogg", "music", "Aurora II", "Northern Lights", "Aurora", 201),
                QueueEntry(2, "/b.mp4", "video", "The Long Dark", None, None, 10),
                QueueEntry(3, "/c.ogg", "music", "Snowfield", "Northern Lights", "Aurora", 240),
            ],
            index=0,
        )
        self.removed: list[int] = []

    def remove(self, row: int) -> None:
        self.removed.append(row)
        del self.queue.entries[row]
        self.queueChanged.emit()


def test_queue_subtitle_has_no_dangling_separator():
    from companion.ui.queue_panel import entry_subtitle

    assert entry_subtitle("Northern Lights", 201) == "Northern Lights  ·  3:21"
    assert entry_subtitle(None, 10) == "0:10"
    assert entry_subtitle("", None) == ""


def test_queue_rows_are_roomy_and_the_selection_is_visible(qtbot, themed):
    from PySide6.QtCore import Qt

    from companion.ui.queue_panel import CurrentRole, QueuePanel, SubtitleRole

    c = themed("dark")
    player = _Player()
    panel = QueuePanel(player)
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    qtbot.waitExposed(panel)
    lst = panel.list
    assert lst.item(0).text() == "Aurora II" and lst.item(0).data(CurrentRole)
    assert lst.item(1).data(SubtitleRole) == "0:10"
    assert all(lst.visualItemRect(lst.item(i)).height() >= 48 for i in range(lst.count()))
    lst.setCurrentRow(1)
    img = lst.viewport().grab().toImage()
    sel, other = lst.visualItemRect(lst.item(1)), lst.visualItemRect(lst.item(2))
    highlight = QColor(theme.mix(c.surface, c.accent, 0.28))
    assert _close(img.pixelColor(sel.right() - 20, sel.center().y()), highlight, 12), (
        "the selected entry is shown"
    )
    assert not _close(img.pixelColor(other.right() - 20, other.center().y()), highlight, 12)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    assert player.removed == [1]
    qtbot.waitUntil(lambda: lst.count() == 2)
    assert lst.currentRow() == 1, "after Delete the next entry is selected, so Delete can go on"


# --- D1: plurals --------------------------------------------------------------------------------------


def test_counts_use_the_singular_for_one():
    from companion.ui.library.page import count
    from companion.ui.search_page import _count

    assert count(1, "track") == "1 track" and count(2400, "track") == "2,400 tracks"
    assert _count(1, "mix", "mixes") == "1 mix" and _count(24, "item", "items") == "24 items"


def test_light_borders_and_empty_stars_stand_out_from_the_light_bars():
    border, bar = QColor(theme.LIGHT.border), QColor(theme.LIGHT.sidebar)
    assert bar.lightness() - border.lightness() >= 30


def test_queue_shows_covers_from_the_windows_home(qtbot):
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from companion.ui.queue_panel import QueuePanel

    class _Art(QObject):
        ready = Signal(str)

        def pixmap(self, _key):
            pm = QPixmap(80, 80)
            pm.fill(QColor("#ff0000"))
            return pm

    window = QWidget()
    qtbot.addWidget(window)
    window.home = SimpleNamespace(art=_Art())
    panel = QueuePanel(_Player())
    QHBoxLayout(window).addWidget(panel)
    window.resize(300, 400)
    window.show()
    qtbot.waitExposed(window)
    assert panel.art is window.home.art
    lst = panel.list
    rect = lst.visualItemRect(lst.item(2))
    img = lst.viewport().grab().toImage()
    assert _close(img.pixelColor(rect.left() + 20, rect.center().y()), QColor("#ff0000"), 30)


# --- the shows tree has room to breathe ---------------------------------------------------------------


def test_shows_tree_rows_are_as_roomy_as_the_library_tables(qtbot):
    from companion.ui.library.shows import ROW_HEIGHT, ShowsTree
    from companion.ui.library_views import Table

    tree = ShowsTree()
    qtbot.addWidget(tree)
    cols = ("id", "Show", "Season", "Episode", "Title", "Time", "Rating", "Plays")
    tree.set_table(
        Table(
            cols,
            [
                (1, "Star Harbor", 1, 1, "Arrival", 480, None, 3),
                (2, "Star Harbor", 1, 2, "The Long Dark", 490, None, 0),
                (3, "Star Harbor", 2, 1, "Return", 500, None, 1),
            ],
        )
    )
    tree.resize(800, 400)
    tree.show()
    qtbot.waitExposed(tree)
    show = tree.topLevelItem(0)
    # QA session 2, C15: the count goes with the name; the Time column has the running time
    assert show.text(0) == "Star Harbor · 3 episodes" and show.child(0).text(0) == "Season 1 · 2 episodes"
    assert show.text(1) == "24:30" and show.child(0).text(1) == "16:10"
    rows = [show, show.child(0), show.child(0).child(0), show.child(1).child(0)]
    heights = [tree.visualItemRect(r).height() for r in rows]
    assert heights[0] > ROW_HEIGHT and all(h >= ROW_HEIGHT for h in heights[1:]), heights
    assert tree.columnWidth(0) > tree.columnWidth(1), "the titles get the room"


# --- QA (session 2) C2: a toggle that is on shows it -----------------------------------------------------


def test_now_playing_toggles_turn_accent_when_on(qtbot, themed):
    from companion.ui.nowplaying import tool

    c = themed("dark")
    for name in ("like", "shuffle", "repeat"):
        b = tool(name, name, checkable=True, size=18)
        qtbot.addWidget(b)
        b.resize(36, 36)
        b.show()
        qtbot.waitExposed(b)
        off = _opaque_colors(b.icon().pixmap(QSize(18, 18), QIcon.Mode.Normal, QIcon.State.Off).toImage())
        on = _opaque_colors(b.icon().pixmap(QSize(18, 18), QIcon.Mode.Normal, QIcon.State.On).toImage())
        assert off and all(_close(x, QColor(c.text)) for x in off), name
        assert on and all(_close(x, QColor(c.accent)) for x in on), name
        b.setChecked(True)
        shot = b.grab().toImage()
        accent = [
            shot.pixelColor(x, y)
            for x in range(shot.width())
            for y in range(shot.height())
            if _close(shot.pixelColor(x, y), QColor(c.accent), 30)
        ]
        assert len(accent) > 20, f"{name}: the checked button is drawn with an accent glyph"
    mute = tool("volume", "Mute", checkable=True, accent_when_on=False)
    qtbot.addWidget(mute)
    on = _opaque_colors(mute.icon().pixmap(QSize(18, 18), QIcon.Mode.Normal, QIcon.State.On).toImage())
    assert all(_close(x, QColor(c.text)) for x in on)


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
            if _close(img.pixelColor(x, y), QColor(c.text), 60)
            or _close(img.pixelColor(x, y), QColor(c.muted), 30)
        ]

    bright = lambda colors: sum(1 for x in colors if _close(x, QColor(c.text), 30))  # noqa: E731
    assert bright(ink(on)) > 20
    assert bright(ink(off)) == 0, "the disabled row is drawn in the muted colour"
    menu.close()


# --- QA (session 2) C10: the now-playing bar at the window's smallest size ------------------------------


def test_now_playing_bar_keeps_its_parts_apart_when_narrow(qtbot):
    from companion.ui.nowplaying import STARS_FROM_WIDTH, NowPlayingBar

    player = _Player()
    player.toggle = player.previous = player.next = lambda: None
    player.set_shuffle = player.set_volume = player.set_muted = lambda *_a: None
    player.volume = lambda: 0.8
    from PySide6.QtCore import QObject, Signal

    class _More(QObject):
        positionChanged = Signal(float)
        durationChanged = Signal(float)
        stateChanged = Signal(str)

    more = _More()
    player.positionChanged, player.durationChanged, player.stateChanged = (
        more.positionChanged,
        more.durationChanged,
        more.stateChanged,
    )

    class _Art(QObject):
        ready = Signal(str)

        def pixmap(self, _key):
            return None

    art = _Art()
    bar = NowPlayingBar(player, art)
    qtbot.addWidget(bar)
    bar.set_entry(player.queue.entries[0])
    bar.title.setText("A very long title that would push every control off the bar " * 3)
    bar._duration(3725.0)
    for width in (960, 1280):
        bar.resize(width, bar.height())
        bar.show()
        qtbot.waitExposed(bar)
        qtbot.wait(20)
        seek, total, elapsed = bar.seek.geometry(), bar.total.geometry(), bar.elapsed.geometry()
        seek_in_bar = bar.seek.parentWidget().mapTo(bar, seek.topLeft())
        total_in_bar = bar.total.parentWidget().mapTo(bar, total.topLeft())
        assert total_in_bar.x() >= seek_in_bar.x() + seek.width(), (
            f"{width}: the time sits beside the seek bar"
        )
        assert (
            bar.total.text() == "1:02:05"
            and bar.total.width() >= bar.total.fontMetrics().horizontalAdvance("1:02:05")
        )
        assert bar.stars.isVisible() == (width >= STARS_FROM_WIDTH)
        assert bar.title.text().startswith("A very long title") and bar.title.width() <= 262
        assert elapsed.width() > 0
