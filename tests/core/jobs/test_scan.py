"""The scan as a job: its readers are the job system's pool with the scan's costs and set-up; after it,
history and playlist entries that named files not yet in the library match."""

from __future__ import annotations

import os

from companion.core.importers.run import import_history
from companion.core.jobs import pool as pool_mod
from companion.core.jobs.scan import read_pool, run_scan
from companion.core.library.reader import read_packed
from companion.core.media import synth
from companion.core.playlists.imports import import_playlist
from tests.core.library.conftest import albums


def _task(p, root):
    st = os.stat(p)
    return (str(p), "music", st.st_size, st.st_mtime_ns, None, str(root))


def test_workers_read_while_tasks_are_still_being_added(tmp_path, make_audio, monkeypatch):
    """Results come back before the producer (the walk) has finished adding tasks."""
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S", 0.0)
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S_NO_FORK", 0.0)
    paths = albums(tmp_path / "m", make_audio, 2, 5)
    with read_pool(read_packed, None, 2, thumbnails=False, lost=None) as w:
        w.add([_task(p, tmp_path / "m") for p in paths[:3]])
        assert w.pool is not None  # started at once: the job is already worth it
        early = []
        while len(early) < 3:
            early += w.results(timeout=30)
        assert w.outstanding == 0 and not w._finished  # the walk has not finished, yet files were read
        w.add([_task(p, tmp_path / "m") for p in paths[3:]])
        w.finish()
        late = []
        while w.outstanding:
            late += w.results(timeout=30)
    assert sorted(r[1] for r in early + late) == sorted(map(str, paths))
    assert all(r[0] == "ok" for r in early + late)


def test_a_small_job_is_read_in_this_process(tmp_path, make_audio):
    paths = albums(tmp_path / "m", make_audio, 1, 3)
    with read_pool(read_packed, None, 2, thumbnails=False, lost=None) as w:
        w.add([_task(p, tmp_path / "m") for p in paths])
        w.finish()
        got = []
        while w.outstanding:
            got += w.results(timeout=None)
        assert w.pool is None and len(got) == 3


def test_a_scan_matches_waiting_history_and_playlist_entries(db, profile, tmp_path):
    history = tmp_path / "scrobbles.csv"
    history.write_text(
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        "1700000000,,Nina Blue,,Night,,Velvet,\n",
        encoding="utf-8",
    )
    assert import_history(db, [history]).unmatched == 1
    lib = tmp_path / "Music"
    song = lib / "Nina Blue" / "Night" / "01 Velvet.flac"
    playlist = tmp_path / "mine.m3u8"
    playlist.write_text(f"#EXTM3U\n{song}\n", encoding="utf-8")
    import_playlist(db, playlist)
    assert db.execute("SELECT COUNT(*) FROM playlist_entries WHERE item_id IS NULL").fetchone()[0] == 1

    synth.write_audio(song, synth.tone(1.0))
    synth.write_tags(song, {"title": "Velvet", "artist": "Nina Blue", "album": "Night"})
    run_scan(db, profile, [str(lib)])

    assert db.execute("SELECT COUNT(*) FROM events WHERE source LIKE 'import:%'").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM import_unmatched").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM playlist_entries WHERE item_id IS NULL").fetchone()[0] == 0
