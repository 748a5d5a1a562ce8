"""Open a view of the library page and find its columns."""

from __future__ import annotations


def open_view(qtbot, w, view: str) -> None:
    w.show_page("library")
    w.library.show_view(view)
    qtbot.waitUntil(
        lambda: (
            w.library.model.rowCount() > 0
            and w.library.views.currentWidget() is w.library.table
            and w.library.model.columns()[0] != ""
            and view_columns(w) == view
        ),
        timeout=10_000,
    )
    qtbot.wait(50)


def view_columns(w) -> str:
    cols = w.library.model.columns()
    return {"Genre": "genres", "Title": "tracks" if "Artist" in cols else "movies"}.get(cols[0], "?")


def column(w, name: str) -> int:
    return w.library.model.columns().index(name)
