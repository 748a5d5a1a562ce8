"""The shows tree: episode counts beside the names, roomy rows."""

from __future__ import annotations

from tests.ui.helpers import save_shot

# --- C15 --------------------------------------------------------------------------------------------


def test_shows_put_the_episode_count_beside_the_name(qtbot, built):
    w = built.window
    w.show_page("library")
    w.library.show_view("episodes")
    tree = w.library.shows
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=10_000)
    show = tree.topLevelItem(0)
    assert show.text(0) == f"Star Harbor · {tree.episode_count()} episodes"
    assert "episode" not in show.text(1) and "episode" not in show.child(0).text(1)
    qtbot.wait(50)
    save_shot(w, "c15_shows")


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
