"""The Library shows likes and dislikes; "disliked" in the filter finds the dislikes, and one is undone from
its menu (issue 16: a disliked track could not be found or undone)."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu


def test_a_dislike_is_found_and_undone_in_the_library(qtbot, built):
    w, c = built.window, built.controller
    conn = c.backend.store.conn()
    song, liked = (int(r[0]) for r in conn.execute("SELECT id FROM items WHERE kind = 'music' LIMIT 2"))
    c.backend.set_liked(song, -1)
    c.backend.set_liked(liked, 1)
    w.show_page("library")
    w.library.show_view("tracks")
    model = w.library.model
    qtbot.waitUntil(lambda: model.rowCount() > 2 and "Opinion" in model.columns(), timeout=20_000)
    w.library.filter.setText("disliked")
    col = model.columns().index("Opinion")

    def shown() -> dict[int, str]:
        return {model.item_id(r): model.index(r, col).data() for r in range(model.rowCount())}

    qtbot.waitUntil(lambda: set(shown().values()) == {"Disliked"}, timeout=5_000)  # the filter applied
    assert song in shown() and liked not in shown()
    row = next(r for r in range(model.rowCount()) if model.item_id(r) == song)
    menu = QMenu()
    w.library._opinion_menu(menu, [song], model.index(row, 0))
    undo = next(a for a in menu.actions() if a.text() == "Undo dislike")
    undo.trigger()
    qtbot.waitUntil(lambda: song not in shown(), timeout=20_000)  # the table was loaded again
    left = conn.execute("SELECT liked FROM ratings WHERE item_id = ?", (song,)).fetchone()
    assert left is None or left[0] == 0, "the dislike is gone"
    w.library.filter.setText("")
    qtbot.waitUntil(lambda: shown().get(liked) == "Liked" and shown().get(song) == "", timeout=5_000)
