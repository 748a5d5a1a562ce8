"""The window makes the home at start and every other page on first use, connected as if made at start."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from companion.core.logfile import log_path
from companion.ui.window_pages import PAGE_NAMES


def test_only_the_home_is_made_at_start_and_a_page_works_when_first_shown(qtbot, built):
    w = built.window
    assert set(w.pages) == {"home"}  # the first screen: nothing else was built before it was painted
    made: list[str] = []
    w.pageMade.connect(lambda name, _page: made.append(name))
    qtbot.mouseClick(w.nav_buttons["library"], Qt.MouseButton.LeftButton)
    assert made == ["library"] and w.current_page == "library"
    # connected when made: the page asked for its table and the controller filled it in
    qtbot.waitUntil(lambda: w.library.model.rowCount() > 0, timeout=20_000)
    assert w.made_page("insights") is None  # asking whether a page is made does not make it
    w.focus_search()  # Ctrl+F: the search page is made, and its queries reach the taste engine
    qtbot.keyClicks(w.search.field, "night bus")
    qtbot.waitUntil(lambda: w.search.last_text == "night bus", timeout=20_000)
    assert w.search.model.rowCount() > 0


def test_the_remaining_pages_are_made_after_the_first_paint_and_connected(qtbot, built):
    w = built.window
    finished: list[bool] = []
    w.make_remaining_pages(lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert set(w.pages) == {"home", *PAGE_NAMES}
    assert all(w.stack.indexOf(page) >= 0 for page in w.pages.values())
    # the settings page made late is connected to the controller like the others
    assert not log_path(built.controller.backend.profile).exists()
    w.settings.openLog.emit()
    assert w.settings.data_status.text() == "Nothing has been logged yet"
    # and it follows the settings: one changed elsewhere (the tray) shows on the page
    built.settings.set("notify_track_change", not built.settings.value().notify_track_change)
    qtbot.waitUntil(lambda: w.settings.notify.isChecked() == built.settings.value().notify_track_change)


# --- Search as you type, settings that take effect, and the library page on the demo.


def test_search_shows_results_as_you_type(qtbot, built):
    w = built.window
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.current_page == "search"
    qtbot.keyClicks(w.search.field, "night bus")
    qtbot.waitUntil(lambda: w.search.last_text == "night bus", timeout=15_000)
    titles = {i.artist for i in w.search.model.items()}
    assert "Night Bus" in titles
    w.search.field.clear()
    qtbot.keyClicks(w.search.field, "chill vibes")
    qtbot.waitUntil(lambda: w.search.last_text == "chill vibes", timeout=15_000)
    assert w.search._strips or w.search.model.rowCount(), "an intent gives a mood mix or items"
    w.search.field.clear()
    qtbot.keyClicks(w.search.field, "zzqqxx")
    qtbot.waitUntil(lambda: w.search.last_text == "zzqqxx", timeout=15_000)
    assert w.search.model.rowCount() == 0 and "Nothing matches" in w.search.summary.text()


def test_settings_change_exploration_and_refresh_the_home(qtbot, built):
    w, c = built.window, built.controller
    w.show_page("settings")
    qtbot.waitUntil(lambda: w.settings.exploration.value() == 30, timeout=10_000)
    with qtbot.waitSignal(c.homeReady, timeout=20_000):
        w.settings.exploration.setValue(85)
    assert c.backend.settings().exploration == 0.85
    assert built.settings.value().exploration == 0.85  # what the player's settings provider sees
    w.settings.private.setChecked(True)
    qtbot.waitUntil(lambda: c.backend.settings().private_session, timeout=10_000)
    w.settings.theme.setCurrentText("light")
    from companion.ui import theme

    # in effect at once, applied to the window once stored (off the UI thread)
    qtbot.waitUntil(lambda: built.settings.value().theme == "light", timeout=10_000)
    qtbot.waitUntil(lambda: theme.current().name == "light", timeout=10_000)
    w.settings.theme.setCurrentText("dark")
    qtbot.waitUntil(lambda: theme.current().name == "dark", timeout=10_000)
    assert str(built.store.profile.db_path) in w.settings.statement.text()
    assert w.settings.folders.count() == 1


def test_library_page_lists_sorts_filters_and_rates(qtbot, built):
    w, c = built.window, built.controller
    w.show_page("library")
    lib = w.library
    qtbot.waitUntil(lambda: lib.model.rowCount() == 48, timeout=10_000)
    title_col = lib.model.columns().index("Title")
    lib.table.sortByColumn(title_col, Qt.SortOrder.DescendingOrder)
    titles = [lib.model.index(r, title_col).data() for r in range(lib.model.rowCount())]
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    lib.filter.setText("slow aurora")
    qtbot.waitUntil(lambda: lib.model.rowCount() == 6, timeout=5_000)  # the album's six tracks
    lib.filter.setText("drift")
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1, timeout=5_000)
    item_id = lib.model.item_id(0)
    rating_col = lib.model.columns().index("Rating")
    rect = lib.table.visualRect(lib.model.index(0, rating_col))
    qtbot.mouseClick(
        lib.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=rect.topLeft() + QPoint(6 + 3 * 15 + 4, rect.height() // 2),
    )  # the 4th star
    qtbot.waitUntil(lambda: c.backend.rating(item_id).stars == 4.0, timeout=10_000)
    buttons = {b.property("view"): b for b in lib.buttons.buttons()}
    buttons["episodes"].click()
    qtbot.waitUntil(lambda: lib.shows.episode_count() == 2, timeout=10_000)  # show -> season -> episodes
    show = lib.shows.topLevelItem(0)
    assert show.text(0) == "Star Harbor · 2 episodes" and show.child(0).text(0) == "Season 1 · 2 episodes"
    assert [show.child(0).child(k).text(0) for k in range(2)] == ["1. Arrival", "2. The Long Dark"]
    assert lib.filter.text() == ""
    with qtbot.waitSignal(built.player.currentChanged, timeout=10_000):
        lib.shows.itemDoubleClicked.emit(show.child(0).child(1), 0)
    assert built.player.queue.current.title == "The Long Dark"
    buttons["albums"].click()
    qtbot.waitUntil(lambda: lib.model.rowCount() == 8, timeout=10_000)
    lib.table.doubleClicked.emit(lib.model.index(0, 0))  # an album opens its tracks
    qtbot.waitUntil(lambda: lib.view_name == "tracks" and lib.model.rowCount() == 6, timeout=10_000)


def test_insights_page_draws_what_was_learned(qtbot, built):
    w = built.window
    w.show_page("insights")
    qtbot.waitUntil(lambda: any(any(r) for r in w.insights.heatmap.grid), timeout=20_000)
    assert w.insights.day_parts.artists["morning"]
    assert len(w.insights.taste.points) >= 4 and w.insights.taste.names
    assert w.insights.familiar.familiar + w.insights.familiar.new > 0
    assert not w.grab().isNull()


RESTORE = """
import sys
from companion.app import build
from companion.core.paths import resolve_profile
parts = build(resolve_profile(sys.argv[1]), start=False)
w = parts.window
if sys.argv[2] == "save":
    w.resize(1100, 700)
    w.show_page("library")
    w.save_state()
else:
    w.restore_state()
    print(w.size().width(), w.size().height(), w.current_page)
parts.close()
"""


def test_window_geometry_and_last_page_are_restored(tmp_path, demo_profile):
    """Across two processes, on a 1920x1080 offscreen screen (the default offscreen screen, 800x600, is
    smaller than the window's minimum size)."""
    import os
    import subprocess
    import sys

    screens = tmp_path / "screens.json"
    screens.write_text(
        '{"screens": [{"name": "big", "x": 0, "y": 0, "width": 1920, "height": 1080, '
        '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    for step in ("save", "restore"):
        result = subprocess.run(
            [sys.executable, "-c", RESTORE, str(demo_profile.data_dir), step],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["1100", "700", "library"]


def test_search_results_scroll_as_one_page_with_songs_and_videos_apart(qtbot, built):
    """QA session 2, C3: the results were a small inner scroller, with videos cropped square."""
    w = built.window
    w.resize(1280, 820)
    w.focus_search()
    qtbot.keyClicks(w.search.field, "chill")
    qtbot.waitUntil(lambda: w.search.last_text == "chill", timeout=15_000)
    grid = w.search.grid
    assert grid.model().rowCount() > 6 and all(i.kind == "music" for i in w.search.model.items())

    def laid_out() -> bool:  # once Qt has laid the page out (results arrive from the taste process)
        last = grid.visualRect(grid.model().index(grid.model().rowCount() - 1, 0))
        return grid.height() > 0 and last.bottom() <= grid.height()

    qtbot.waitUntil(laid_out, timeout=5_000)  # the grid is as tall as its cards: nothing hides inside it
    qtbot.waitUntil(
        lambda: w.search.scroll.verticalScrollBar().maximum() > 0, timeout=5_000
    )  # the page scrolls
    w.search.field.clear()
    qtbot.keyClicks(w.search.field, "movies about space")
    qtbot.waitUntil(lambda: w.search.last_text == "movies about space", timeout=15_000)
    if w.search.video_model.rowCount():
        vgrid = w.search.video_grid
        rect = vgrid.visualRect(vgrid.model().index(0, 0))
        assert rect.width() > rect.height(), "videos keep their 16:9 art"
        assert w.search.videos_title.isVisible() and not w.search.songs_title.isVisible()


def test_a_search_mix_plays_and_opens_from_its_menu_and_cards(qtbot, built):
    """QA session 2, B16: the "⋯" menu of a search's mix did nothing; its cards played one item only."""
    w, c, player = built.window, built.controller, built.player
    w.focus_search()
    qtbot.keyClicks(w.search.field, "chill")
    qtbot.waitUntil(lambda: w.search.last_text == "chill", timeout=15_000)
    assert w.search._strips, "'chill' gives a mood mix"
    strip = w.search._strips[0]
    row = strip.row
    assert c.row_on_screen(row.id) is row
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        strip.rowAction.emit("play", row.id)
    assert [e.item_id for e in player.queue.entries] == [i.item_id for i in row.items]
    strip.titleClicked.emit(row.id)
    assert w.current_page == "mix" and w.mix.row is row
    w.show_page("search")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        strip.action.emit("play", row.items[2], row.id, 2)
    assert len(player.queue.entries) == len(row.items) and player.queue.index == 2, (
        "the mix plays from that card"
    )


def test_the_last_page_is_kept_as_soon_as_it_is_shown(qtbot, built):
    """Issue 16: the window reopened on Home; the page is written when shown, not only at a clean close."""
    from PySide6.QtCore import QSettings

    w = built.window
    w.show_page("insights")
    ini = str(built.store.profile.data_dir / "window.ini")
    qtbot.waitUntil(
        lambda: QSettings(ini, QSettings.Format.IniFormat).value("page") == "insights", timeout=10_000
    )
