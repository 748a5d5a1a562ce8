"""Watching that flows (controller): Continue is there the moment a video is left, a film ends and stops,
a video that cannot play is told and the page goes back."""

from __future__ import annotations

import pytest

from companion.core.media.synth import write_video


@pytest.fixture
def watching(qtbot, demo_profile):
    """The demo window plus a 90 s film and an episode cut short (a download that stopped early)."""
    from companion.core.demo import demo_root
    from tests.ui.conftest import open_demo_window

    movies = demo_root(demo_profile) / "Videos" / "Movies"
    write_video(movies / "Long Evening (2020).mkv", seconds=90.0, fps=2, size=(64, 36), with_audio=False)
    whole = write_video(demo_profile.cache_dir / "whole.mkv", seconds=40.0, fps=6, size=(64, 36))
    show = demo_root(demo_profile) / "Videos" / "Cut Short" / "Season 01"
    show.mkdir(parents=True)
    (show / "Cut Short - S01E01 - Pilot.mkv").write_bytes(whole.read_bytes()[: whole.stat().st_size // 10])
    parts = open_demo_window(qtbot, demo_profile)
    yield parts
    parts.close()
    parts.window.close()


def _item(parts, where: str) -> int:
    return int(
        parts.controller.backend.store.conn().execute(f"SELECT id FROM items WHERE {where}").fetchone()[0]
    )


def test_leaving_a_video_puts_it_in_continue_at_once(qtbot, watching):
    w, c, player = watching.window, watching.controller, watching.player
    film = _item(watching, "path LIKE '%Long Evening%'")
    w.show_page("library")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        c.play_chosen(lambda: player.play_items([film], start_reason="user"))
    assert w.current_page == "video"
    qtbot.waitUntil(lambda: player.position() > 0.3, timeout=10_000)
    player.seek(70.0)
    qtbot.waitUntil(lambda: player.position() >= 70.5, timeout=10_000)
    w.show_page("home")  # the person leaves the picture for the home
    assert player.current() is None, "leaving the video page ends the watching"

    def continue_card():
        row = next((r for r in (c.home_data.rows if c.home_data else []) if r.id == "continue"), None)
        return next((i for i in row.items if i.item_id == film), None) if row else None

    qtbot.waitUntil(lambda: continue_card() is not None, timeout=20_000)
    assert continue_card().resume_position == pytest.approx(70.5, abs=1.5)
    assert "continue" in w.home.strips  # on screen, not held back


def test_a_film_from_the_library_ends_and_stops(qtbot, watching):
    w, c, player = watching.window, watching.controller, watching.player
    conn = c.backend.store.conn()
    film = _item(watching, "title = 'Harvest Moon Kitchen'")
    others = [int(r[0]) for r in conn.execute("SELECT id FROM items WHERE id != ? LIMIT 4", (film,))]
    started: list[int] = []
    player.currentChanged.connect(lambda e: started.append(e.item_id) if e else None)
    w.show_page("library")
    w.library.play.emit([film, *others], 0)  # the table's rows after it are the queue
    qtbot.waitUntil(lambda: w.video.prompt.isVisible(), timeout=20_000)
    assert "end" in w.video.prompt_text.text() and not w.video.counting_down()
    qtbot.wait(1000)
    assert started == [film]
    assert player.flush()
    done = conn.execute("SELECT item_id, type FROM events WHERE ts > strftime('%s','now') - 60").fetchall()
    assert [tuple(r) for r in done] == [(film, "completed")]


def test_an_episode_that_cannot_play_is_told_and_the_page_goes_back(qtbot, watching):
    w, c, player = watching.window, watching.controller, watching.player
    episode = _item(watching, "path LIKE '%Cut Short - S01E01%'")
    w.show_page("library")
    with qtbot.waitSignal(player.failed, timeout=60_000):
        c.play_chosen(lambda: player.play_items([episode], start_reason="user"))
    qtbot.waitUntil(lambda: w.current_page == "library", timeout=5_000)
    assert w.toast.isVisible() and "Pilot.mkv cannot be played" in w.status.text()
    assert "damaged" in w.status.text()  # cut short, or stuck where the data stops: both are said
    assert player.flush()
    status = c.backend.store.conn().execute("SELECT status FROM items WHERE id = ?", (episode,)).fetchone()[0]
    assert status == "unplayable"
