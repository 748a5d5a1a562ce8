"""The window's controller: playing, opening files, new picks and the resume question."""

from __future__ import annotations

import dataclasses

import pytest

from companion.core.media.synth import write_video
from companion.ui.backend import HomeData
from tests.ui.helpers import music_row, play_music, save_shot


def _cards(data) -> list[tuple[str, list[int]]]:
    return [(r.id, [i.item_id for i in r.items]) for r in data.rows]


def _video_ids(c) -> list[int]:
    rows = c.backend.store.conn().execute("SELECT id FROM items WHERE kind = 'video' ORDER BY id").fetchall()
    return [int(r[0]) for r in rows]


# --- B8: a card started from the home keeps what was queued by hand -------------------------------------


def test_starting_a_card_keeps_what_was_queued_by_hand(qtbot, built):
    w, player = built.window, built.player
    home = w.home
    qtbot.waitUntil(lambda: home.is_complete(), timeout=10_000)
    strips = [home.strips[r.id] for r in home.rows if r.id in home.strips]
    music = [s for s in strips if all(i.kind == "music" for i in s.items()) and len(s.items()) > 3]
    first, other = music[0], music[1]
    queued = other.model.item(2)
    other.action.emit("queue", queued, other.row.id, 2)
    qtbot.waitUntil(lambda: any(e.item_id == queued.item_id for e in player.queue.entries), timeout=5000)
    started = first.model.item(0)
    first.action.emit("play", started, first.row.id, 0)
    qtbot.waitUntil(
        lambda: player.current() is not None and player.current().item_id == started.item_id, timeout=5000
    )
    entries = player.queue.entries
    assert entries[player.queue.index + 1].item_id == queued.item_id, [e.title for e in entries]
    w.queue.show()
    qtbot.wait(100)
    from companion.ui.queue_panel import QUEUED_BY_HAND, SubtitleRole

    row = player.queue.index + 1
    assert str(w.queue.list.item(row).data(SubtitleRole)).startswith(QUEUED_BY_HAND)
    assert not str(w.queue.list.item(row + 1).data(SubtitleRole)).startswith(QUEUED_BY_HAND)
    save_shot(w.queue, "b8_queue_kept")
    player.stop()


# --- B3: an empty library's Home is the welcome, not "Building your home…" forever ---------------------
def test_home_on_an_empty_library_is_the_welcome(qtbot, profile):
    from companion.app import build

    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w = parts.window
    try:
        w.show()
        assert w.current_page == "welcome"
        w.nav_buttons["settings"].click()
        assert w.stack.currentWidget() is w.settings
        w.nav_buttons["home"].click()
        assert w.stack.currentWidget() is w.welcome, "Home on an empty library offers a folder or the demo"
        assert w.nav_buttons["home"].isChecked()
        assert "Building" not in w.home.status.text() or w.stack.currentWidget() is not w.home
    finally:
        parts.close()
        w.close()


# --- B10: new picks never replace the cards the person is looking at ----------------------------------
def test_new_picks_wait_until_the_person_leaves_the_home(qtbot, built):
    w, c = built.window, built.controller
    assert w.current_page == "home"
    shown = c.home_data
    before = _cards(shown)
    row = music_row(c)
    liked_id, disliked_id = row.items[0].item_id, row.items[1].item_id
    # the taste engine answers a like with other picks: a reversed row and a dropped row
    new_rows = [dataclasses.replace(r, items=tuple(reversed(r.items))) for r in shown.rows[1:]]
    liked = dict(shown.liked)
    liked[liked_id], liked[disliked_id] = 1, -1
    c._home_arrived(HomeData(new_rows, shown.played, liked))
    strip = w.home.strips[row.id]
    on_screen = [strip.model.item(k).item_id for k in range(strip.model.rowCount())]
    assert on_screen == [i.item_id for i in row.items if i.item_id != disliked_id], (
        "the cards stay where they were (only the disliked one leaves)"
    )
    assert [r.id for r in c.home_data.rows] == [r for r, _ids in before]
    from companion.ui.home.model import LikedRole

    assert strip.model.index(0).data(LikedRole) == 1, "the like shows at once"
    # leaving the home takes the new picks; coming back shows them
    w.show_page("library")
    w.show_page("home")
    assert _cards(c.home_data) == _cards(HomeData(new_rows, shown.played, liked))
    assert shown.rows[0].id not in w.home.strips, "the row the new picks dropped is gone now"


# --- B8: music pauses under the "continue from …?" question, and is not recorded as a skip --------------
def test_the_resume_question_pauses_the_music_and_records_no_skip(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    row = play_music(qtbot, built)
    music_id = row.items[0].item_id
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    video = next(i for r in c.home_data.rows for i in r.items if i.kind == "video")
    c.play_items([dataclasses.replace(video, resume_position=3.0)], 0, "continue")
    assert w.video.prompt.isVisible()
    qtbot.waitUntil(lambda: player.state() != "playing", timeout=5_000)
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        w.video.resume_button.click()
    assert player.queue.current.item_id == video.item_id
    player.flush()
    skips = (
        c.backend.store.conn()
        .execute("SELECT COUNT(*) FROM events WHERE item_id = ? AND type = 'skip'", (music_id,))
        .fetchone()[0]
    )
    assert skips == 0, "choosing a video is not a skip of the music"


# --- B11: the queue moving on to a video leaves the person where they are; its end is not a black page ---
def test_a_queued_video_does_not_pull_the_person_off_their_page(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    music = music_row(c).items[0].item_id
    video = _video_ids(c)[0]
    w.show_page("insights")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([music, video], start_reason="mix")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.next()  # the queue moves on to the video
    assert player.queue.current.item_id == video
    assert w.current_page == "insights"
    # a video the person picks is shown
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        c.open_files([c.backend.file_path(video)])
    assert w.current_page == "video"
    # the end of the queue on the video page offers the way back
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.next()
    assert player.at_end()
    assert w.video.prompt.isVisible() and w.video.resume_button.text() == "Back to home"
    w.video.resume_button.click()
    assert w.current_page == "home"


# --- B14: --open says "no such file" / "not a media file" --------------------------------------------
def test_open_files_says_what_is_wrong_with_each_file(qtbot, built, tmp_path):
    c = built.controller
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with qtbot.waitSignal(c.message, timeout=10_000) as said:
        c.open_files([str(tmp_path / "nothing.mp3"), str(text)])
    line = said.args[0]
    assert f"{tmp_path / 'nothing.mp3'}: no such file" in line
    assert f"{text}: not a media file" in line
    assert "not in your library" not in line
    assert built.window.status.text() == line


def test_open_plays_a_file_outside_the_library_and_remembers_its_plays(qtbot, built, tmp_path):
    from companion.core.media.synth import tone, write_audio

    outside = write_audio(tmp_path / "Downloads" / "voice memo.ogg", tone(1.5))
    c, player = built.controller, built.player
    with qtbot.waitSignal(
        player.currentChanged,
        timeout=15_000,
        check_params_cb=lambda e: e is not None and e.path == str(outside),
    ):
        c.open_files([str(outside)])
    item = c.backend.item(player.queue.current.item_id)
    assert item["path"] == str(outside) and item["title"] == "voice memo"
    with qtbot.waitSignal(
        player.eventRecorded, timeout=15_000, check_params_cb=lambda kind, item_id: item_id == item["id"]
    ):
        pass


# --- Watching that flows (controller): Continue is there the moment a video is left, a film ends and stops,
# a video that cannot play is told and the page goes back.


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
    # its first 1/150: the header (40 s long) and ~4 s of pictures, then the data stops (a tenth held 29 s of
    # pictures, each played in real time before the stall was noticed)
    (show / "Cut Short - S01E01 - Pilot.mkv").write_bytes(whole.read_bytes()[: whole.stat().st_size // 150])
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
