"""Libraries made from an export: played albums completed to a whole album, other tracks by the person's
artists among strangers, real tagged files, a profile with the export imported (generated data)."""

from __future__ import annotations

from collections import Counter

from benchmarks.eval import lastfm_library as ll
from benchmarks.eval.lastfm_exports import Export, Scrobble

T0 = 1_700_000_000.0


def _export(tmp_path) -> Export:
    plays = []
    for d in range(2):
        for k, track in enumerate(["One", "Two", "Three"]):
            plays.append(Scrobble(T0 + d * 86400 + 240 * k, "Band", "Record", track))
    plays += [Scrobble(T0 + 9e5 + k, "Loner", "", f"Single {k}") for k in range(2)]
    path = tmp_path / "mine.csv"
    path.write_text("x", encoding="utf-8")
    return Export("mine", path, tuple(plays))


def test_played_albums_are_whole_and_numbered_in_play_order(tmp_path):
    tracks = ll.played_tracks(_export(tmp_path), album_tracks=5)
    record = [t for t in tracks if t.album == "Record"]
    assert [t.number for t in record] == [1, 2, 3, 4, 5]
    played = [t.title for t in record if not t.title.startswith("Never Played")]
    assert played == ["One", "Two", "Three"] and len(record) == 5
    assert [(t.title, t.number) for t in tracks if t.artist == "Loner"] == [
        ("Single 0", None),
        ("Single 1", None),
    ]


def test_other_tracks_are_by_the_persons_artists_and_twice_as_many_strangers(tmp_path):
    tracks = ll.other_tracks(
        _export(tmp_path), ["band", "Stranger A", "Stranger B", "Stranger C", "Stranger D", "E"]
    )
    by = Counter(t.artist for t in tracks)
    assert by == {"Band": 8, "Loner": 8, "Stranger A": 8, "Stranger B": 8, "Stranger C": 8, "Stranger D": 8}
    assert not any(t.title in {"One", "Two", "Three"} for t in tracks)


def test_files_are_made_once_and_the_profile_imports_the_export(tmp_path, monkeypatch):
    monkeypatch.setattr(ll, "CACHE", tmp_path / "cache")
    export = _export(tmp_path)
    tracks = ll.played_tracks(export, album_tracks=4)
    root = ll.library_root(export, "played", tracks)
    assert root.parent == tmp_path / "cache" and root == ll.library_root(export, "played", list(tracks))
    assert root != ll.library_root(export, "played", tracks[:-1])  # other tracks, another folder
    ll.write_library(tracks, root)
    files = sorted(root.rglob("*.mp3"))
    assert len(files) == len(tracks) == 6 and (root / ".complete").exists()
    stamp = files[0].stat().st_mtime_ns
    ll.write_library(tracks, root)  # reused, not made again
    assert files[0].stat().st_mtime_ns == stamp
    got = ll.make_profile(export, root, tmp_path / "profile")
    assert got["items"] == 6 and (got["read"], got["matched"], got["duplicates"]) == (8, 8, 0)
    assert not (tmp_path / "profile" / "import" / "mine.csv").exists()  # the export's copy is not kept
