"""First run: the welcome, then ``--demo`` fills a real home with art and reasons."""

from __future__ import annotations

from companion.core.demo import ensure_demo


def test_first_run_with_the_demo_shows_a_home_with_art_and_reasons(qtbot, demo_profile):
    from companion.app import build

    parts = build(demo_profile, demo=True, background=False)
    qtbot.addWidget(parts.window)
    w, c = parts.window, parts.controller
    # issue 16: the demo's catalogue and week are stored before the taste engine's process starts (so the
    # home it builds while the window is made is the demo's), and its files are made after that home
    assert parts.store.conn().execute("SELECT COUNT(*) FROM items").fetchone()[0] > 20
    order: list[str] = []
    c.homeReady.connect(lambda _d: order.append("home"))
    making = c.backend.ensure_demo
    c.backend.ensure_demo = lambda *a, **k: (order.append("files"), making(*a, **k))[1]
    try:
        w.resize(1280, 820)
        w.show()
        # issue 16: the demo's home at once (its catalogue and week), its files made behind it, never
        # the welcome meanwhile (it used to show for 20-30 s)
        pages: list[str] = []
        w.stack.currentChanged.connect(lambda _i: pages.append(w.current_page))
        assert w.current_page == "home"
        messages: list[str] = []
        c.message.connect(messages.append)

        def home_with_art() -> bool:
            rows = c.home_data.rows if c.home_data else []
            return bool(w.home.strips) and bool(rows) and None not in {i.cover_key for i in rows[0].items[:5]}

        qtbot.waitUntil(home_with_art, timeout=90_000)  # the home again once the files are read
        assert "welcome" not in pages
        assert order[:2] == ["home", "files"], order
        qtbot.waitUntil(lambda: any(m.startswith("Analysing the sound") for m in messages), timeout=60_000)
        rows = c.home_data.rows
        assert len(rows) >= 3
        assert all(r.reason for r in rows), "every row says why it is there"
        items = [i for r in rows for i in r.items]
        assert items and all(i.reason for i in items), "every pick has a reason"
        assert {i.kind for i in items} == {"music", "video"}
        # artwork arrives in the background: every card on screen gets its picture
        keys = {i.cover_key for i in items if i.cover_key}
        assert keys, "the demo has covers and thumbnails"
        # painting the cards asks for their art (placeholders meanwhile); the first row's cards all get theirs
        first_keys = {i.cover_key for i in rows[0].items[:5]}
        assert None not in first_keys, "every card of the first row has art"

        def first_row_art_loaded() -> bool:
            w.home.repaint()
            return all(w.home.art._cache.get(k) is not None for k in first_keys)

        qtbot.waitUntil(first_row_art_loaded, timeout=20_000)
        assert not w.grab().isNull()
        # the welcome is gone and the play button is live
        assert w.home.play_button.isEnabled()
    finally:
        parts.close()
        w.close()


def test_a_second_demo_run_reuses_everything(demo_profile):
    from companion.core.db import open_profile_db

    conn = open_profile_db(demo_profile)
    try:
        first = ensure_demo(conn, demo_profile)
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        second = ensure_demo(conn, demo_profile)
        assert first.items == second.items == 52
        assert second.events_added == 0 and not second.created
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
    finally:
        conn.close()


def test_an_empty_profile_opens_on_the_welcome(qtbot, profile):
    from companion.app import build

    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    try:
        assert parts.window.current_page == "welcome"
        assert parts.window.welcome.go.isEnabled()
    finally:
        parts.close()
        parts.window.close()


def test_self_test_prints_one_line_and_exits_0(run_cli):
    code, out, err = run_cli("--self-test")
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("self-test: ok"), out


def test_a_folder_with_nothing_to_play_says_so_and_the_choices_come_back(qtbot, profile, tmp_path):
    """QA session 2, B14: the welcome stayed on 'Scanning: walking 0' with a busy bar for ever."""
    from companion.app import build

    empty = tmp_path / "Documents"
    empty.mkdir()
    (empty / "notes.txt").write_text("no music here")
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w = parts.window
    try:
        w.show()
        assert w.current_page == "welcome"
        w.welcome.start.emit([str(empty)])
        assert not w.welcome.go.isEnabled(), "no second choice while the scan runs"
        qtbot.waitUntil(lambda: "No music or videos were found" in w.welcome.status.text(), timeout=30_000)
        assert str(empty) in w.welcome.status.text()
        assert not w.welcome.progress.isVisible() and w.welcome.go.isEnabled()
        assert w.current_page == "welcome"
    finally:
        parts.close()
        parts.window.close()


def test_while_the_demo_is_made_the_welcome_offers_no_folder_choices(qtbot, profile):
    """QA session 2, C13: the first thing --demo showed was a warning about missing folders."""
    from companion.app import build

    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w = parts.window
    try:
        w.welcome.show_progress("Making the demo library on the spot…")
        assert not w.welcome.no_folders.isVisible() and not w.welcome.go.isEnabled()
        assert all(not c.isEnabled() for c in w.welcome.choices)
    finally:
        parts.close()
        parts.window.close()


def test_the_persons_own_folder_takes_the_place_of_a_demo_tried_here(qtbot, demo_profile, tmp_path):
    """QA session 2, A1: a demo tried from the welcome must not leave its made-up week in the real history."""
    from companion.app import build
    from companion.core.db import open_profile_db
    from companion.core.demo import demo_root, ensure_demo, has_demo
    from companion.core.media.synth import tone, write_audio

    conn = open_profile_db(demo_profile)
    ensure_demo(conn, demo_profile)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 50
    conn.close()
    mine = tmp_path / "My Music" / "Me" / "Album"
    write_audio(mine / "01 Mine.ogg", tone(1.0))
    parts = build(demo_profile, background=False)
    qtbot.addWidget(parts.window)
    try:
        done: list[bool] = []
        parts.controller.scanFinished.connect(done.append)
        parts.controller.scan([str(tmp_path / "My Music")])
        qtbot.waitUntil(lambda: bool(done), timeout=60_000)
        conn = open_profile_db(demo_profile)
        try:
            assert not has_demo(conn, demo_profile) and not demo_root(demo_profile).exists()
            assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0, (
                "the made-up week went with it"
            )
            titles = [r[0] for r in conn.execute("SELECT title FROM items")]
            assert titles == ["Mine"]
        finally:
            conn.close()
    finally:
        parts.close()
        parts.window.close()


# --- The welcome page itself: the suggested folders, progress that takes the choices away, and back.


def test_the_welcome_offers_the_checked_folders_and_gives_the_choices_back(qtbot, tmp_path):
    from companion.ui.welcome import WelcomePage

    music, videos = tmp_path / "Music", tmp_path / "Videos"
    page = WelcomePage([music, videos])
    qtbot.addWidget(page)
    page.checks[1].setChecked(False)
    with qtbot.waitSignal(page.start) as started:
        page.go.click()
    assert started.args == [[str(music)]]
    page.show_progress("Scanning… 3 of 10", done=3, total=10)
    assert not any(w.isEnabled() for w in page.choices)
    assert (page.progress.maximum(), page.progress.value()) == (10, 3)
    page.show_nothing_found([str(music)])
    assert all(w.isEnabled() for w in page.choices) and str(music) in page.status.text()
    page.show_problem("The folder cannot be read.")
    assert page.status.text() == "The folder cannot be read."
    with qtbot.waitSignal(page.demo):
        page.choices[2].click()


def test_without_suggestions_the_page_says_none_was_found(qtbot):
    from companion.ui.welcome import WelcomePage

    page = WelcomePage([])
    qtbot.addWidget(page)
    assert not page.no_folders.isHidden() and page.go.text() == "Choose a folder…"
    assert page.checks == []
