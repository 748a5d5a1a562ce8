"""Every real playlist in ../shared/data/playlists (VLC, WMP, Groove, Audacious, Last.fm) imports."""

from __future__ import annotations

from companion.core.playlists.imports import import_playlist
from companion.core.playlists.repo import list_playlists
from tests.core.importers.library import add_item

EXPECTED = {  # file -> (format, entries, name)
    "BassDrive.pls": ("pls", 12, "BassDrive"),
    "radios-freebox.m3u": ("m3u", 1, "radios-freebox"),
    "playlist.xspf": ("xspf", 1, "Test Playlist"),
    "new-lastfm-output.xspf": ("xspf", 1, "Free Download Tag Radio"),
    "Playlist.wpl": ("wpl", 2, "Eurowizja"),
    "Smart.wpl": ("wpl", 0, "Smart list"),
    "PlaylistVLC.m3u": ("m3u", 1, "PlaylistVLC"),
}


def test_every_shared_playlist_imports(db, shared_data):
    files = sorted(p for p in (shared_data / "playlists").rglob("*") if p.is_file())
    assert {p.name for p in files} >= set(EXPECTED)
    # a library holding what the Groove playlist and the VLC playlist name (as moved to this machine)
    elaiza = add_item(db, "/home/me/Music/Eurowizja 2014/Elaiza - Is It Right.mp3")
    aimer = add_item(
        db,
        str(shared_data / "playlists" / "PlaylistsNET" / "Aimer" / "春はゆく - marie" / "01 - 春はゆく.flac"),
    )
    reports = {p.name: import_playlist(db, p) for p in files}
    for name, (fmt, entries, title) in EXPECTED.items():
        r = reports[name]
        assert (r.format, r.entries, r.name) == (fmt, entries, title), name
        assert r.problems == [], name
    assert [m.item_id for m in reports["Playlist.wpl"].matches] == [None, elaiza]
    assert reports["PlaylistVLC.m3u"].matches[0].item_id == aimer
    assert reports["Smart.wpl"].notes
    assert reports["BassDrive.pls"].unmatched == 12  # radio streams are reported, never fetched
    assert len(list_playlists(db)) == len(files)
