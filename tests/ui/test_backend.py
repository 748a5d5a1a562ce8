"""The window's backend writes stars into a file's tags when asked, never into a CUE sheet's album file."""

from __future__ import annotations

import mutagen

from companion.core.jobs.scan import run_scan
from companion.core.media.synth import music_like, write_audio, write_tags
from companion.core.settings import update_setting
from companion.core.store import Store
from tests.core.library.test_cue_items import album


def test_stars_go_into_a_plain_file_and_stay_in_the_database_for_a_cue_track(profile, tmp_path):
    from companion.ui.backend import Backend

    folder = album(tmp_path / "music" / "live", write_audio(tmp_path / "album.flac", music_like(9.0)))
    song = write_audio(tmp_path / "music" / "song.flac", music_like(2.0))
    write_tags(song, {"title": "Song", "artist": "Band"})
    store = Store(profile.ensure())
    conn = store.conn()
    run_scan(conn, profile, [str(tmp_path / "music")])
    update_setting(conn, "write_ratings_to_files", True)
    backend = Backend(store)
    cue_track = conn.execute("SELECT id FROM items WHERE cue_path IS NOT NULL LIMIT 1").fetchone()[0]
    plain = conn.execute("SELECT id FROM items WHERE title = 'Song'").fetchone()[0]
    before = (folder / "album.flac").read_bytes()
    assert backend.set_stars(cue_track, 4.0).stars == 4.0  # no error for the person to see
    assert (folder / "album.flac").read_bytes() == before
    assert backend.set_stars(plain, 4.0).stars == 4.0
    assert mutagen.File(song)["FMPS_RATING"] == ["0.8"]
