"""Insights > Replay: the periods, the card, saved as a PNG, its mix played."""

from __future__ import annotations

from PySide6.QtGui import QImage


def test_top_lines_mark_imported_plays():
    from companion.core.taste.replay import Top
    from companion.ui.insights.replay_view import top_lines

    got = top_lines((Top("Blue Hour", 12, 0.7, 3, "Nils", 5), Top("Dawn", 2, 0.1, 0)), with_artist=True)
    assert got == "1. Blue Hour – Nils  (12 plays, 3 imported)\n2. Dawn  (2 plays)"
    assert top_lines(()) == "—"
    from companion.ui.insights.replay_view import period_name

    assert (period_name("2026"), period_name("2026-11")) == ("All of 2026", "November 2026")


def test_replay_card_saves_as_png_and_plays_its_mix(qtbot, built, tmp_path):
    w = built.window
    w.show_page("insights")
    view = w.insights.replay
    qtbot.waitUntil(lambda: view.replay is not None, timeout=30_000)
    assert view.period.count() >= 2 and view.card.isVisible()
    assert view.title.text().startswith("Your Replay: ") and view.persona.text()
    assert view.columns["artists"].text().startswith("1. ")
    path = tmp_path / "replay.png"
    assert view.save_png(str(path))
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 300
    year = view.period.itemData(0)
    assert len(year) == 4
    view.period.setCurrentIndex(0)
    view.period.activated.emit(0)
    qtbot.waitUntil(lambda: view.replay is not None and view.replay.period == year, timeout=30_000)
    with qtbot.waitSignal(view.playMix, timeout=5_000) as got:
        view.play.click()
    assert got.args[0] == list(view.replay.mix)
