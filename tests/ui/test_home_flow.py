"""The home's hold: while the person looks at the cards, new picks wait and only the badges change."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from companion.core.taste.rows import Row, RowItem
from companion.ui.backend import HomeData
from companion.ui.home_flow import cards_of, patched


def _row(row_id: str, ids: list[int]) -> Row:
    items = tuple(RowItem(i, f"/m/{i}.flac", "music", f"t{i}", "a", "r") for i in ids)
    return Row(row_id, row_id.title(), "music", "because", items)


def test_the_cards_on_screen_keep_their_places_with_the_new_badges():
    shown = HomeData([_row("now", [1, 2, 3]), _row("daily-1", [4])], frozenset(), {})
    new = HomeData([_row("now", [9, 8])], frozenset({2}), {1: 1, 4: -1})
    kept = patched(shown, new)
    assert cards_of(kept) == [("now", [1, 2, 3])], "a row whose only card was disliked leaves"
    assert (kept.played, kept.liked) == (new.played, new.liked)
    assert cards_of(new) != cards_of(shown)  # what tells the controller to hold the new picks back


def test_a_card_just_disliked_leaves_its_row():
    shown = HomeData([_row("now", [1, 2, 3])], frozenset(), {})
    assert cards_of(patched(shown, HomeData([], frozenset(), {2: -1}))) == [("now", [1, 3])]


# --- The main flows on a demo home: play from a row, like/dislike, Why this?, Play something, open a mix.


def _card_point(strip, row: int, action: str | None = None) -> QPoint:
    """Where to click on card ``row`` of a strip: an action button, or the card itself."""
    index = strip.model.index(row)
    strip.view.scrollTo(index)
    rect = strip.view.visualRect(index)
    if action is None:
        return QPoint(rect.center().x(), rect.bottom() - 10)
    return strip.delegate.action_rects(rect)[action].center()


def _click(qtbot, strip, row: int, action: str | None = None) -> None:
    pos = _card_point(strip, row, action)
    qtbot.mouseMove(strip.view.viewport(), pos)
    qtbot.mouseClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _first_music_strip(window):
    return next(s for s in window.home.strips.values() if all(i.kind == "music" for i in s.row.items))


def test_clicking_a_card_plays_its_row_from_that_card(qtbot, built):
    w, player = built.window, built.player
    strip = _first_music_strip(w)
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        _click(qtbot, strip, 2)
    current = player.queue.current
    assert current.item_id == strip.row.items[2].item_id
    assert [e.item_id for e in player.queue.entries] == [i.item_id for i in strip.row.items]
    assert current.context == strip.row.id  # the row is the context of what plays
    assert w.now_playing.title.text() == (strip.row.items[2].title or "Untitled")


def test_the_play_button_on_a_card_and_play_something(qtbot, built):
    w, player, c = built.window, built.player, built.controller
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        w.home.play_button.click()
    best = c.home_data.rows[0]
    assert player.queue.current.item_id == best.items[0].item_id
    strip = _first_music_strip(w)
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        _click(qtbot, strip, 1, "play")
    assert player.queue.current.item_id == strip.row.items[1].item_id


def test_like_and_dislike_update_the_home_in_place(qtbot, built):
    w, c = built.window, built.controller
    strip = _first_music_strip(w)
    row_id = strip.row.id
    liked_item = strip.row.items[0]
    with qtbot.waitSignal(c.homeReady, timeout=20_000):
        _click(qtbot, strip, 0, "like")
    assert c.home_data.liked.get(liked_item.item_id) == 1
    assert w.home.strips[row_id] is strip, "the row was updated in place, not rebuilt"
    assert built.controller.backend.rating(liked_item.item_id).liked == 1
    shown = [s for s in w.home.strips.values() if any(i.item_id == liked_item.item_id for i in s.row.items)]
    from companion.ui.home.model import LikedRole

    for s in shown:
        pos = next(k for k, i in enumerate(s.row.items) if i.item_id == liked_item.item_id)
        assert s.model.index(pos).data(LikedRole) == 1  # the heart is drawn filled

    victim = strip.row.items[1]
    with qtbot.waitSignal(c.homeReady, timeout=20_000):
        _click(qtbot, strip, 1, "dislike")
    assert built.controller.backend.rating(victim.item_id).liked == -1
    everywhere = [i.item_id for r in c.home_data.rows for i in r.items]
    assert victim.item_id not in everywhere, "a disliked item never appears in mixes"


def test_why_this_shows_the_items_reasons(qtbot, built):
    w, c = built.window, built.controller
    strip = _first_music_strip(w)
    item = strip.row.items[0]
    _click(qtbot, strip, 0, "why")
    dialog = c.last_why
    assert dialog is not None and dialog.isVisible()
    assert dialog.reasons == list(item.reasons or (item.reason,))
    assert all(r for r in dialog.reasons)
    dialog.close()


def test_a_rows_title_opens_the_whole_mix(qtbot, built):
    w = built.window
    strip = _first_music_strip(w)
    qtbot.mouseClick(strip.title, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_page == "mix", timeout=10_000)
    assert w.mix.row.id == strip.row.id
    assert w.mix.list.topLevelItemCount() == len(w.mix.row.items)
    with qtbot.waitSignal(built.player.currentChanged, timeout=10_000):
        w.mix.shuffle_button.click()
    assert {e.item_id for e in built.player.queue.entries} == {i.item_id for i in w.mix.row.items}


def test_keyboard_space_and_slash(qtbot, built):
    w = built.window
    w.activateWindow()
    w.home.setFocus()
    qtbot.keyClick(w.home, Qt.Key.Key_Slash)
    assert w.current_page == "search"
    assert w.search.field.hasFocus() or w.search.field is w.focusWidget()


def test_a_mix_can_be_saved_as_a_playlist_and_exported(qtbot, built, tmp_path):
    from companion.core.playlists.repo import list_playlists, playlist_item_ids

    w, c = built.window, built.controller
    row = c.home_data.rows[0]
    w.mix.set_row(row)
    with qtbot.waitSignal(c.message, timeout=10_000):
        w.mix.save.emit(row, "Morning keepers")
    conn = c.backend.store.conn()
    saved = next(p for p in list_playlists(conn) if p.name == "Morning keepers")
    assert playlist_item_ids(conn, saved.id) == [i.item_id for i in row.items]
    target = tmp_path / "mix.m3u8"
    with qtbot.waitSignal(c.message, timeout=10_000):
        w.mix.export.emit(row, str(target))
    lines = [ln for ln in target.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert len(lines) == len(row.items)


def test_arrow_keys_move_between_cards_and_rows_and_enter_plays(qtbot, built):
    w, player = built.window, built.player
    order = [r.id for r in built.controller.home_data.rows if r.id in w.home.strips]
    first, second = w.home.strips[order[0]], w.home.strips[order[1]]
    first.take_focus(0)
    qtbot.keyClick(first.view, Qt.Key.Key_Right)
    assert first.view.currentIndex().row() == 1
    qtbot.keyClick(first.view, Qt.Key.Key_Down)
    assert second.view.hasFocus() or QApplication.focusWidget() is second.view
    assert second.view.currentIndex().row() == min(1, second.model.rowCount() - 1)
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        qtbot.keyClick(second.view, Qt.Key.Key_Return)
    assert player.queue.current.item_id == second.row.items[second.view.currentIndex().row()].item_id
