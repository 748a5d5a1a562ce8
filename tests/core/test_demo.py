"""The demo library: real tagged files with art made on the spot, a week of listening, made once."""

from __future__ import annotations

import time

import pytest

from companion.core.demo import demo_root, ensure_demo
from companion.core.demo.catalog import ARTISTS, VIDEOS, track_count
from tests.conftest import copy_demo_media


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_media):
    """``ensure_demo`` over the demo's files (made once per run by the same ``make_files``: tests/conftest.py)."""
    from companion.core.db import open_profile_db
    from companion.core.paths import resolve_profile

    profile = resolve_profile(tmp_path_factory.mktemp("demo")).ensure()
    copy_demo_media(demo_media, profile)
    conn = open_profile_db(profile)
    result = ensure_demo(conn, profile)
    yield profile, conn, result
    conn.close()


def test_the_demo_is_a_real_library(demo):
    profile, conn, result = demo
    assert 40 <= track_count() <= 80
    assert result.created and result.items == track_count() + len(VIDEOS)
    genres = {a.genre for a in ARTISTS}
    assert len(genres) >= 6
    rows = conn.execute(
        "SELECT kind, title, artist, album, genres, duration, cover_key, video_type, show, episode"
        " FROM items WHERE status = 'ok'"
    ).fetchall()
    music = [r for r in rows if r["kind"] == "music"]
    assert all(
        r["title"] and r["artist"] and r["album"] and r["genres"] and r["duration"] > 10 for r in music
    )
    assert all(r["cover_key"] for r in rows), "every item has a cover or a thumbnail"
    from companion.core.library.covers import cover_path

    assert all(cover_path(profile, r["cover_key"]) for r in rows)
    videos = [r for r in rows if r["kind"] == "video"]
    episodes = sorted(r["episode"] for r in videos if r["video_type"] == "episode")
    assert episodes == [1, 2] and {r["show"] for r in videos if r["show"]} == {"Star Harbor"}
    assert any(r["video_type"] == "movie" for r in videos)


def test_the_files_carry_real_tags(demo):
    import mutagen

    profile, _conn, _result = demo
    files = sorted((demo_root(profile) / "Music").rglob("*.*"))
    assert {f.suffix for f in files} >= {".mp3", ".flac", ".ogg", ".m4a"}
    for f in files[::7]:
        tags = mutagen.File(f, easy=True)
        assert tags is not None and tags.get("artist") and tags.get("album"), f


def test_a_week_of_listening_with_habits(demo):
    _profile, conn, result = demo
    assert result.events_added > 100
    now = time.time()
    first, last = conn.execute("SELECT MIN(ts), MAX(ts) FROM events").fetchone()
    assert now - first <= 8 * 86400 and now - first >= 6 * 86400
    assert last <= now
    types = dict(conn.execute("SELECT type, COUNT(*) FROM events GROUP BY type").fetchall())
    assert types["completed"] > 50 and types["skip"] > 0 and types["like"] >= 1 and types["dislike"] >= 1
    skipped = conn.execute(
        "SELECT i.artist, COUNT(*) FROM events e JOIN items i ON i.id = e.item_id"
        " WHERE e.type = 'skip' GROUP BY i.artist ORDER BY 2 DESC"
    ).fetchone()
    assert skipped[0] == "Velvet Static"
    assert conn.execute("SELECT COUNT(*) FROM resume_points").fetchone()[0] == 1


def test_running_it_again_reuses_everything(demo):
    profile, conn, first = demo
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    mtimes = {p: p.stat().st_mtime_ns for p in demo_root(profile).rglob("*.*")}
    again = ensure_demo(conn, profile)
    assert not again.created and again.events_added == 0 and again.items == first.items
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
    assert {p: p.stat().st_mtime_ns for p in demo_root(profile).rglob("*.*")} == mtimes


def test_the_demo_is_never_mixed_into_a_profile_with_its_own_library(profile, tmp_path):
    """QA session 2, A1: --demo on a real profile added ~200 made-up plays to the person's history."""
    import pytest

    from companion.core.db import open_profile_db
    from companion.core.demo import demo_refusal, ensure_demo
    from companion.core.errors import CompanionError
    from companion.core.events.record import record_event

    conn = open_profile_db(profile)
    try:
        with conn:
            own = conn.execute(
                "INSERT INTO items(path, kind, added_at, updated_at, title) VALUES (?,?,?,?,?)",
                ("/home/me/Music/song.flac", "music", 0, 0, "Mine"),
            ).lastrowid
        record_event(conn, own, "completed", ts=1_800_000_000)
        assert "holds your own library" in demo_refusal(conn, profile)
        with pytest.raises(CompanionError):
            ensure_demo(conn, profile)
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1, "nothing was added"
        assert not (profile.data_dir / "demo").exists()
    finally:
        conn.close()


def test_demo_without_a_data_dir_has_a_profile_of_its_own(monkeypatch, tmp_path):
    from companion.core.paths import DEMO_PROFILE_NAME, resolve_profile

    monkeypatch.delenv("COMPANION_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    real, demo = resolve_profile(), resolve_profile(demo=True)
    assert demo.data_dir == real.data_dir / DEMO_PROFILE_NAME and demo.db_path != real.db_path
    assert demo.cache_dir != real.cache_dir
    assert resolve_profile(str(tmp_path / "x"), demo=True).data_dir == tmp_path / "x", (
        "an explicit dir is kept"
    )


def test_removing_a_folder_is_seen_by_what_was_built_from_the_library(profile, tmp_path):
    """QA session 2, B6: a removed folder's tracks stayed in the home (the taste snapshot did not notice)."""
    from companion.core.db import open_profile_db
    from companion.core.library.folders import add_folder, remove_folder
    from companion.core.taste.library import items_fingerprint

    folder = tmp_path / "Music"
    folder.mkdir()
    conn = open_profile_db(profile)
    try:
        f = add_folder(conn, str(folder))
        with conn:
            conn.execute(
                "INSERT INTO items(path, folder_id, kind, added_at, updated_at) VALUES (?,?,?,?,?)",
                (str(folder / "a.mp3"), f.id, "music", 1.0, 1.0),
            )
        before = items_fingerprint(conn)
        time.sleep(0.01)
        assert remove_folder(conn, f.id) == 1
        assert items_fingerprint(conn) != before
    finally:
        conn.close()


def test_companion_scan_of_own_folders_takes_a_tried_demo_out(profile, db, run_cli, tmp_path, demo_media):
    """As the window does when the person adds a folder: the demo tried on this profile (its files, items and
    made-up plays) makes room for their own library; naming the demo's own folder keeps it."""
    from companion.core.demo import has_demo

    copy_demo_media(demo_media, profile)
    ensure_demo(db, profile)
    demo_items = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    assert demo_items and db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    code, _, err = run_cli("scan", str(demo_root(profile)))
    assert code == 0 and "demo" not in err and has_demo(db, profile)
    from companion.core.media import synth

    mine = tmp_path / "Music" / "Me" / "Mine (2020)" / "01 Mine.flac"
    mine.parent.mkdir(parents=True)
    synth.write_audio(mine, synth.music_like(1.0, bpm=100, seed=3), 22050)
    code, out, err = run_cli("scan", str(tmp_path / "Music"), "--json")
    assert code == 0, err
    assert f"the demo library tried here ({demo_items} items" in err
    assert not has_demo(db, profile) and not demo_root(profile).exists()
    assert [r[0] for r in db.execute("SELECT path FROM items")] == [str(mine)]
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0


def test_the_demos_home_comes_before_its_files(tmp_path, demo):
    """``plan_demo``: the catalogue's items and their week at once, no file made; the scan after the files
    are made reads them into the same items (issue 16, part 10)."""
    import shutil

    from companion.core.db import open_profile_db
    from companion.core.demo import plan_demo
    from companion.core.paths import resolve_profile
    from companion.core.taste.home import build_home

    profile = resolve_profile(tmp_path / "p").ensure()
    conn = open_profile_db(profile)
    started = time.monotonic()
    planned = plan_demo(conn, profile)
    assert time.monotonic() - started < 5
    assert planned.items == track_count() + len(VIDEOS) and planned.events_added > 50
    assert not demo_root(profile).exists(), "no file made yet"
    assert build_home(conn, profile), "a home to show at once"
    before = dict(conn.execute("SELECT path, id FROM items").fetchall())
    shutil.copytree(demo_root(demo[0]), demo_root(profile))  # the files, as ensure_demo makes them
    (demo_root(profile) / ".complete").unlink()
    made = ensure_demo(conn, profile)
    assert made.events_added == 0, "the week is there once"
    after = dict(conn.execute("SELECT path, id FROM items WHERE cover_key IS NOT NULL").fetchall())
    assert after == before, "each file was read into its planned item"
    conn.close()
