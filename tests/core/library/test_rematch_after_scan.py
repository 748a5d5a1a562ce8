"""History and playlists that named files not yet in the library match once a scan adds them."""

from __future__ import annotations

from companion.core.importers.run import import_history
from companion.core.jobs.scan import run_scan
from companion.core.media import synth
from companion.core.playlists.imports import import_playlist


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
