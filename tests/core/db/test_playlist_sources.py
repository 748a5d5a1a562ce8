"""The playlist files imported already: the imported ones' source paths, not the ones made here."""

from __future__ import annotations

from companion.core.db import playlists as playlists_db
from companion.core.db.playlist_sources import imported_sources


def test_imported_files_are_known_and_playlists_made_here_are_not_files(db):
    assert imported_sources(db) == set()
    playlists_db.save(db, "Road trip", "m3u8", "/home/me/Music/road.m3u8", [], now=1.0)
    playlists_db.save(db, "Made here", "m3u8", None, [], now=2.0)
    playlists_db.save(db, "Road trip again", "m3u8", "/home/me/Music/road.m3u8", [], now=3.0)  # re-imported
    assert imported_sources(db) == {"/home/me/Music/road.m3u8"}
