"""Imported plays with no file teach artist and album taste: the home of a history that matched nothing."""

from __future__ import annotations

import csv
from datetime import timedelta

import numpy as np
import pytest

from companion.core.importers.run import import_history
from companion.core.taste.eventlog import load_events
from companion.core.taste.home import build_home, forget_state
from companion.core.taste.library import load_library
from companion.core.taste.named import coplay_rows, load_named
from tests.core.taste.conftest import T0, add_items

HEADER = ["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track", "track_mbid"]


pytestmark = pytest.mark.usefixtures("fresh_state")


def _export(path, plays):
    """plays: (ts, artist, album, title); none of the titles is in the library."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows([int(t), "", a, "", al, "", s, ""] for t, a, al, s in plays)
    return path


def _history(loved: list[str], days: int = 10, other: str | None = None):
    """Evening sessions of the ``loved`` artists (by name only), now and then one ``other`` play."""
    out = []
    for d in range(days):
        start = (T0 + timedelta(days=d, hours=19)).timestamp()
        for k in range(12):
            artist = loved[k % len(loved)] if other is None or k != 11 else other
            out.append((start + 240 * k, artist, "An Album They Have Not", f"Unfiled Song {d}-{k}"))
    return out


def test_a_history_with_no_file_still_makes_the_home(db, profile, tmp_path):
    lib = add_items(db)
    loved = ["Jazz Artist 1", "jazz artist 2", "Jazz Artist 3, The", "JAZZ ARTIST 4 feat. Someone"]
    s = import_history(db, [_export(tmp_path / "s.csv", _history(loved, other="Nobody In The Library"))])
    assert (s.matched, s.plays_counted, s.artists_learned) == (0, 110, 4)
    at = T0 + timedelta(days=10, hours=19, minutes=30)
    rows = build_home(db, profile, at=at)
    now = rows[0]
    assert now.id == "now" and "start from your library" not in now.reason  # not the cold-start sampler
    artists = {f"Jazz Artist {n}" for n in (1, 2, 3, 4)}
    share = np.mean([it.artist in artists for it in now.items])
    assert share >= 0.7, [it.artist for it in now.items]
    assert all(it.item_id in lib["jazz"] for it in now.items[:10])
    # before the history began, nothing of it shows (a replay never sees the future)
    forget_state()
    before = build_home(db, profile, at=T0 - timedelta(days=1))
    assert "start from your library" in before[0].reason


def test_plays_of_an_album_the_library_has_lean_on_that_album(db, profile, tmp_path):
    add_items(db)
    plays = [
        (
            (T0 + timedelta(days=d, hours=9)).timestamp() + 240 * k,
            "Rock Artist 2",
            "rock album 2-1",
            f"Gone {k}",
        )
        for d in range(6)
        for k in range(6)
    ]
    import_history(db, [_export(tmp_path / "s.csv", plays)])
    lib = load_library(db)
    log = load_events(db, lib)
    log.named = load_named(db, lib)
    assert len(log.named) == 36 and (log.named.album >= 0).all()
    spread = log.named.spread(lib, len(log.named), log.named.pos)
    on_album = [i for i in range(len(lib)) if lib.album[i] == "rock album 2-1"]
    same_artist = [i for i in range(len(lib)) if lib.artist[i] == "Rock Artist 2" and i not in on_album]
    assert spread[on_album].min() > 0 and spread[same_artist].max() == 0
    assert spread.sum() == pytest.approx(log.named.pos.sum())  # shared out, not multiplied


def test_artists_played_together_come_close(db, tmp_path):
    add_items(db)
    plays = []
    for d in range(
        8
    ):  # two habits that never meet: jazz 1 + rock 1 in the mornings, pop 2 + metal 3 at night
        for hour, pair in ((8, ("Jazz Artist 1", "Rock Artist 1")), (22, ("Pop Artist 2", "Metal Artist 3"))):
            start = (T0 + timedelta(days=d, hours=hour)).timestamp()
            plays += [(start + 240 * k, pair[k % 2], "", f"Song {d}-{hour}-{k}") for k in range(6)]
    import_history(db, [_export(tmp_path / "s.csv", plays)])
    lib = load_library(db)
    named = load_named(db, lib)
    rows = coplay_rows(lib, named, np.inf).toarray()
    code = lib.artists.index
    jazz1 = lib.artist.index("Jazz Artist 1")
    assert rows[jazz1, code["rock artist 1"]] > 0
    assert rows[jazz1, code["pop artist 2"]] == 0 and rows[jazz1, code["metal artist 3"]] == 0
    assert rows[lib.artist.index("Jazz Artist 0")].sum() == 0  # never played: nothing to learn
    assert coplay_rows(lib, named, T0.timestamp()) is None  # nothing before the history began


def test_a_new_import_refits_the_model(db, profile, tmp_path):
    from companion.core.taste.home import _view

    add_items(db)
    import_history(db, [_export(tmp_path / "a.csv", _history(["Rock Artist 1"], days=3))])
    at = T0 + timedelta(days=20)
    v, _ = _view(db, profile, at)
    first = v.model
    assert first.named != ()
    import_history(db, [_export(tmp_path / "b.csv", _history(["Pop Artist 5"], days=3))])
    v, _ = _view(db, profile, at)
    assert v.model is not first and v.model.named != first.named


def test_a_snapshot_keeps_the_plays_not_their_derived_caches(db, tmp_path):
    import pickle

    add_items(db)
    import_history(db, [_export(tmp_path / "s.csv", _history(["Rock Artist 1"], days=2))])
    lib = load_library(db)
    named = load_named(db, lib)
    named.spread(lib, len(named), named.pos)
    named.near(len(named), _view_moment(), 2.5)
    assert named.layout and named.kernels
    back = pickle.loads(pickle.dumps(named))
    assert back.layout == () and back.kernels == {} and np.array_equal(back.ts, named.ts)
    assert np.allclose(back.spread(lib, len(back), back.pos), named.spread(lib, len(named), named.pos))


def _view_moment():
    from companion.core.taste.context import moment

    return moment(T0 + timedelta(days=5))
