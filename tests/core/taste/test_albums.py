"""Album listening is read from the history: sessions that play most of one album in track order."""

from __future__ import annotations

import random
from datetime import timedelta

from companion.core.events.record import record_event
from companion.core.taste.albums import LISTENER_SHARE, album_listening, album_sizes
from companion.core.taste.eventlog import load_events
from companion.core.taste.library import load_library
from tests.core.taste.conftest import T0, add_items


def _albums(db):
    """album name -> its item ids in track order (the conftest library: 5 tracks an album)."""
    rows = db.execute("SELECT album, id FROM items WHERE kind = 'music' ORDER BY album, track_no").fetchall()
    out: dict[str, list[int]] = {}
    for album, item in rows:
        out.setdefault(album, []).append(item)
    return out


def _session(db, day: int, items: list[int], hour: int = 20) -> None:
    start = T0 + timedelta(days=day, hours=hour)
    for k, item in enumerate(items):
        ts = (start + timedelta(minutes=4 * k)).timestamp()
        record_event(db, item, "completed", ts=ts, tz_offset_min=0, position=200.0, duration=200.0)


def _habit(db):
    lib = load_library(db)
    log = load_events(db, lib)
    return lib, album_listening(lib, log, len(log))


def test_someone_who_plays_albums_through_is_an_album_listener(db):
    add_items(db)
    albums = list(_albums(db).values())
    for d in range(10):
        _session(db, d, albums[d % 4])  # a whole album, in order
        _session(db, d, albums[10 + d][:4][::-1], hour=9)  # four tracks of one album, backwards: not in order
    lib, h = _habit(db)
    assert (h.sessions, h.album_sessions) == (20, 10) and h.share == 0.5
    assert h.is_album_listener and h.share >= LISTENER_SHARE
    assert h.album_plays.sum() == 10 and sorted(h.album_plays[h.album_plays > 0].tolist()) == [2, 2, 3, 3]
    assert h.last_run is not None and h.last_run.tracks == 5 and h.last_run.track == 5.0
    assert album_sizes(lib).max() == 5


def test_a_radio_listener_is_not(db):
    add_items(db)
    everything = [i for ids in _albums(db).values() for i in ids]
    rng = random.Random(3)
    for d in range(10):
        _session(db, d, rng.sample(everything, 8))
    _, h = _habit(db)
    assert h.sessions == 10 and h.album_sessions == 0 and not h.is_album_listener


def test_half_an_album_is_not_most_of_it_and_a_short_history_says_nothing(db):
    add_items(db)
    albums = list(_albums(db).values())
    _session(db, 0, albums[0][:2])  # 2 of 5 tracks
    _session(db, 1, albums[1])
    lib, h = _habit(db)
    assert h.album_sessions == 1 and h.sessions == 1  # (a 2-play session is too short to count)
    assert not h.is_album_listener  # one session is no habit
    assert h.last_run.album == lib.album_code[lib.index_of([albums[1][0]])[0]]


def test_the_cached_pass_finds_what_a_whole_pass_finds(db):
    import numpy as np

    from companion.core.taste.albums import album_listening_cached

    add_items(db)
    albums = list(_albums(db).values())
    rng = random.Random(9)
    for d in range(8):
        _session(db, d, albums[d % 5])
        _session(db, d, rng.sample(albums[7] + albums[8], 6), hour=9)
    _session(db, 8, albums[3][:3])  # the latest session, still going
    lib = load_library(db)
    log = load_events(db, lib)
    cache: dict = {}
    for n in (0, 3, 40, 41, len(log) - 2, len(log) - 1, len(log)):
        whole, cached = album_listening(lib, log, n), album_listening_cached(lib, log, n, cache)
        assert (cached.sessions, cached.album_sessions, cached.last_run) == (
            whole.sessions,
            whole.album_sessions,
            whole.last_run,
        ), n
        assert np.array_equal(cached.album_plays, whole.album_plays)
        assert np.array_equal(cached.album_last, whole.album_last)
    assert sum(1 for k in cache if isinstance(k, tuple)) == 1  # one head kept
