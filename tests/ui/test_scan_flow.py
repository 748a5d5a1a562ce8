"""First run with a folder (scan in the background, the home fills in), and video's "continue from?"."""

from __future__ import annotations

import shutil


def test_welcome_folder_scan_fills_the_home(qtbot, profile, demo_media, tmp_path):
    from companion.app import build

    music = tmp_path / "My Music"
    shutil.copytree(demo_media / "Music", music)
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w, c = parts.window, parts.controller
    try:
        w.resize(1280, 820)
        w.show()
        assert w.current_page == "welcome"
        with qtbot.waitSignal(c.scanFinished, timeout=60_000) as done:
            w.welcome.start.emit([str(music)])
            qtbot.waitUntil(lambda: w.welcome.progress.isVisible(), timeout=10_000)  # progress while it runs
        assert done.args == [True]
        assert c.backend.counts()["music"] == 48
        qtbot.waitUntil(
            lambda: w.current_page == "home" and c.home_data is not None and bool(c.home_data.rows),
            timeout=30_000,
        )
        assert w.home.strips
    finally:
        parts.close()
        w.close()


def test_a_video_left_part_way_asks_to_continue(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    cont = next(r for r in c.home_data.rows if any(i.kind == "video" and i.resume_position for i in r.items))
    pos = next(k for k, i in enumerate(cont.items) if i.kind == "video" and i.resume_position)
    item = cont.items[pos]
    c.item_action("play", item, cont.id, pos)
    assert w.current_page == "video" and w.video.prompt.isVisible()
    assert "Continue" in w.video.resume_button.text()
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        w.video.restart_button.click()
    assert player.queue.current.item_id == item.item_id
    assert player.queue.current.start_position == 0.0  # "start over" really starts over
    c.item_action("play", item, cont.id, pos)
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        w.video.resume_button.click()
    assert player.queue.current.start_position > 0  # "continue" resumes


def test_the_next_episode_is_offered_at_the_end(qtbot, built):
    w, c = built.window, built.controller
    first = (
        c.backend.store.conn()
        .execute("SELECT id FROM items WHERE video_type = 'episode' ORDER BY episode")
        .fetchone()[0]
    )
    w.show_page("video")
    c._event_recorded("completed", int(first))
    qtbot.waitUntil(lambda: w.video.prompt.isVisible(), timeout=10_000)
    assert "Up next" in w.video.prompt_text.text() and "The Long Dark" in w.video.prompt_text.text()


def test_sound_analysis_runs_in_the_background_and_stops_with_the_window(
    qtbot, profile, demo_media, tmp_path
):
    from companion.app import build
    from companion.core.db import open_profile_db
    from companion.core.jobs.scan import run_scan

    music = tmp_path / "Music"
    for artist in ("Night Bus", "Kilowatt Kids"):  # 12 of the demo's tracks (.m4a, .ogg): analysed in seconds
        shutil.copytree(demo_media / "Music" / artist, music / artist)
    conn = open_profile_db(profile)
    run_scan(conn, profile, [str(music)])
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    c = parts.controller
    try:
        messages: list[str] = []
        c.message.connect(messages.append)
        c.background.analyse()
        qtbot.waitUntil(lambda: "Sound analysis up to date" in messages, timeout=120_000)
        assert any(m.startswith("Analysing the sound") for m in messages)
        analysed = conn.execute("SELECT COUNT(*) FROM audio_features WHERE error IS NULL").fetchone()[0]
        assert analysed == 12
        # the folder watcher follows the setting
        parts.settings.set("watch_folders", True)
        qtbot.waitUntil(lambda: c.background._watcher is not None, timeout=10_000)
        parts.settings.set("watch_folders", False)
        qtbot.waitUntil(lambda: c.background._watcher is None, timeout=10_000)
    finally:
        parts.close()
        parts.window.close()
        conn.close()


def test_closing_the_window_during_a_scan_stops_it_promptly(qtbot, profile, demo_media, tmp_path):
    import time

    from companion.app import build

    music = tmp_path / "More Music"
    shutil.copytree(demo_media / "Music", music)
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    c = parts.controller
    c.scan([str(music)])
    qtbot.waitUntil(lambda: c._scan_job is not None, timeout=5_000)
    started = time.monotonic()
    parts.close()
    parts.window.close()
    assert time.monotonic() - started < 15, "closing waits for the scan to wind down, but not for long"
    assert parts.runner.active() == 0


def test_closing_the_demo_while_its_files_are_made_stops_them_between_two(qtbot, profile):
    """The demo's files are made after its first home; closing the window then waited for all of them (up
    to 10 s in benchmarks/demo_start.py's runs). It stops between two files; the next start makes the rest."""
    import time

    from companion.app import build
    from companion.core.demo import demo_root

    parts = build(profile, demo=True, background=False)
    qtbot.addWidget(parts.window)
    c = parts.controller
    making: list[bool] = []
    ensure = c.backend.ensure_demo
    c.backend.ensure_demo = lambda *a, **k: (making.append(True), ensure(*a, **k))[1]
    parts.window.show()
    qtbot.waitUntil(lambda: bool(making) and any(demo_root(profile).rglob("*.flac")), timeout=60_000)
    started = time.monotonic()
    parts.close()
    parts.window.close()
    assert time.monotonic() - started < 5, "closing waits for the files being made, not for all of them"
    root = demo_root(profile)
    assert not (root / ".complete").exists() and not list(root.rglob("*.part*"))


def test_no_up_next_offer_when_the_queue_goes_on_to_that_episode(qtbot, built):
    """QA session 2, B15: the offer stayed while the next episode already played; clicking it restarted it."""
    w, c, player = built.window, built.controller, built.player
    episodes = [
        int(r[0])
        for r in c.backend.store.conn().execute(
            "SELECT id FROM items WHERE video_type = 'episode' ORDER BY season, episode"
        )
    ]
    assert len(episodes) >= 2
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items(episodes, start=1)  # the second episode plays (the queue went on to it)
    w.show_page("video")
    c._offer_next({"id": episodes[1], "title": "The Long Dark"})
    assert not w.video.prompt.isVisible(), "nothing to offer: it is playing"
    player.stop()
    w.video.offer_next(episodes[1], "The Long Dark")
    assert w.video.prompt.isVisible()
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([episodes[1]])
    qtbot.waitUntil(lambda: not w.video.prompt.isVisible(), timeout=5_000)


def test_full_screen_video_keeps_its_controls_and_questions(qtbot, built, monkeypatch):
    """QA session 2, B7: full screen was a bare picture (no controls, prompts hidden); F11 anywhere went black."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    import companion.ui.window as window_module

    w, c, player = built.window, built.controller, built.player
    music = next(i for r in c.home_data.rows for i in r.items if i.kind == "music")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([music.item_id])
    w.toggle_full_screen()
    assert not w.isFullScreen() and "Full screen is for videos" in w.status.text()

    movie = (
        c.backend.store.conn()
        .execute("SELECT id FROM items WHERE video_type = 'movie' LIMIT 1")
        .fetchone()[0]
    )
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([int(movie)])
    w._chrome_timer.setInterval(200)
    w.toggle_full_screen()
    qtbot.waitUntil(w.isFullScreen, timeout=5_000)
    assert w.current_page == "video" and not w.sidebar.isVisible() and not w.queue.isVisible()
    w.video.offer_next(int(movie), "Another")
    assert w.video.prompt.isVisible(), "questions stay on screen in full screen"
    w.video.prompt.hide()
    qtbot.waitUntil(lambda: not w.now_playing.isVisible(), timeout=5_000)
    QTest.mouseMove(w.video.surface, QPoint(50, 50))
    QTest.mouseMove(w.video.surface, QPoint(60, 60))
    qtbot.waitUntil(w.now_playing.isVisible, timeout=5_000)
    qtbot.keyClick(w.video.surface, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.isFullScreen(), timeout=5_000)
    assert w.sidebar.isVisible() and w.now_playing.isVisible()
    assert window_module.CHROME_HIDE_MS > 1000


def test_playlists_found_by_a_scan_are_offered_for_import_in_one_toast(qtbot, profile, tmp_path):
    from companion.app import build
    from companion.core.media.synth import tone, write_audio

    music = tmp_path / "Music"
    write_audio(music / "a.flac", tone(0.5))
    for name in ("one.m3u", "two.pls", "three.xspf"):
        (music / name).write_text("a.flac\n" if name.endswith(".m3u") else "", encoding="utf-8")
    (music / "notes.txt").write_text("not media", encoding="utf-8")
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w, c = parts.window, parts.controller
    try:
        w.resize(1100, 760)
        w.show()
        with qtbot.waitSignal(c.scanFinished, timeout=60_000):
            c.scan([str(music)])
        toast = w.toast
        qtbot.waitUntil(lambda: toast.action_button.isVisible(), timeout=10_000)
        assert toast.label.text() == "3 playlists found in your folders"
        assert toast.action_button.text() == "Import"
        toast.action_button.click()
        assert not toast.isVisible()
        dialog = c.lists.dialog
        assert dialog is not None and dialog.isVisible()
        assert sorted(p.rsplit("/", 1)[1] for p in dialog.paths()) == ["one.m3u", "three.xspf", "two.pls"]
        dialog.close()
        with qtbot.waitSignal(c.scanFinished, timeout=60_000):  # a rescan does not offer them again
            c.scan(None)
        qtbot.wait(500)
        assert not toast.action_button.isVisible()
    finally:
        parts.close()
        w.close()
