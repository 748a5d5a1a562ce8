"""The history part end to end on generated Last.fm exports: libraries, import, replay, tables, verdicts."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

from benchmarks.eval import history_exports as hx
from benchmarks.eval import lastfm_library as ll

T0 = datetime(2026, 1, 5, tzinfo=UTC)
HEADER = ["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track", "track_mbid"]


def _write(path, plays):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows([int(t.timestamp()), "", a, "", al, "", s, ""] for t, a, al, s in reversed(plays))


def _album_listener(days=26):
    """Two sessions a day, each one album played through in order."""
    albums = [(f"Artist {a}", f"Album {a}-{b}") for a in range(3) for b in range(2)]
    plays = []
    for d in range(days):
        for s, hour in enumerate((8, 20)):
            artist, album = albums[(2 * d + s) % len(albums)]
            start = T0 + timedelta(days=d, hours=hour)
            plays += [
                (start + timedelta(minutes=4 * k), artist, album, f"{album} song {k + 1}") for k in range(10)
            ]
    return plays


def test_exports_are_replayed_and_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(ll, "CACHE", tmp_path / "cache")
    folder = tmp_path / "exports"
    folder.mkdir()
    _write(folder / "albums.csv", _album_listener())
    strangers = [(T0 + timedelta(minutes=k), f"Stranger {k % 7}", "S", f"s{k}") for k in range(30)]
    _write(folder / "small.csv", strangers)  # too small to replay; its artists fill the other library
    results = hx.run_exports(folder, None, tmp_path / "work", sessions=2, seed=1, use_engine=True, smoke=True)
    assert isinstance(results, list) and [r.name for r in results] == ["albums"]
    r = results[0]
    assert r.scrobbles == 520 and r.scores.sessions == 2
    assert r.scores.album_listener and r.scores.album_share > 0.9
    assert set(r.scores.recall) >= {"engine", hx.LAST_DAYS, "most played", "random"}
    assert r.taste is not None and r.taste.summary["matched"] == 0 and r.taste.summary["plays_counted"] == 520
    assert r.taste.share(0) is not None and r.taste.share(0) >= 0.7
    tables = hx.replay_table(results) + hx.baselines_table(results) + hx.import_table(results)
    assert "| albums | 520 |" in tables and "(album listener)" in tables
    verdicts = hx.verdicts(results)
    assert verdicts[0].startswith("albums (album listener): engine recall@50 / last 3 days =")
    assert verdicts[1].startswith("albums: now + Daily Mixes from the person's artists")


def test_a_folder_without_exports_is_a_reason_not_an_error(tmp_path):
    assert hx.run_exports(tmp_path / "none", None, tmp_path, sessions=2, seed=1, use_engine=False).startswith(
        "no Last.fm exports (*.csv) in"
    )
    (tmp_path / "x.csv").write_text("uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n")
    assert "named y" in hx.run_exports(tmp_path, ["y"], tmp_path, sessions=2, seed=1, use_engine=False)
