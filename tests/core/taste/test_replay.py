"""Replay: top artist, track and hours equal a direct count over the events; imported plays are counted and
marked; kept-out plays are shown apart; persona, changes, on this day, the mix and the periods."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from companion.core.db import events as event_db
from companion.core.db import replay as replay_db
from companion.core.db.events import NewEvent
from companion.core.errors import UsageError
from companion.core.taste import keepout, replay

from .listening_history import NOW, make_history


def _direct(h, conn, start: datetime, end: datetime):
    """Plays in [start, end) counted by hand: per artist, per track, and hours."""
    artist_of = {
        r[0]: r[1] for r in conn.execute("SELECT id, artist FROM items")
    }  # the test counts on its own
    plays = [
        e for e in h.events if e.type in ("play", "completed") and start.timestamp() <= e.ts < end.timestamp()
    ]
    artists = Counter(artist_of[e.item_id] for e in plays)
    tracks = Counter(e.item_id for e in plays)
    secs = sum(e.duration if e.type == "completed" else min(e.position, e.duration) for e in plays)
    return artists, tracks, secs / 3600.0, len(plays)


@pytest.mark.parametrize("period", ["2026-10", "2026"])
def test_top_artist_track_and_hours_are_a_direct_count(db, period):
    h = make_history(db)
    start, end, _ = replay.period_bounds(period)
    got = replay.compute(db, period, at=NOW)
    artists, tracks, hours, n = _direct(h, db, start.replace(tzinfo=UTC), end.replace(tzinfo=UTC))
    assert got is not None and got.plays == n
    assert got.top_artists[0].name == artists.most_common(1)[0][0]
    assert got.top_artists[0].plays == artists.most_common(1)[0][1]
    assert got.top_tracks[0].plays == tracks.most_common(1)[0][1]
    assert got.top_tracks[0].item_id in {i for i, c in tracks.items() if c == tracks.most_common(1)[0][1]}
    assert got.hours == pytest.approx(hours, abs=0.01)
    assert got.mix[0] == got.top_tracks[0].item_id and len(got.mix) == min(50, len(tracks))


def test_persona_changes_and_on_this_day(db):
    h = make_history(db)
    oct_ = replay.compute(db, "2026-10", at=NOW)
    assert oct_.persona.startswith("Evening listener") and oct_.day_parts["evening"] > 0.5
    summer_to_autumn = replay.compute(db, "2026-09", at=NOW)
    assert any(c.startswith("less jazz") or c.startswith("more rock") for c in summer_to_autumn.changes)
    with db:  # a play a year before NOW
        event_db.insert_many(
            db,
            [
                NewEvent(
                    h.recent[0],
                    "completed",
                    datetime(2025, 11, 15, 9, tzinfo=UTC).timestamp(),
                    0,
                    200.0,
                    200.0,
                )
            ],
        )
    again = replay.compute(db, "2026-10", at=NOW)
    assert again.on_this_day_date == "2025-11-15" and again.on_this_day[0].item_id == h.recent[0]
    assert replay.compute(db, "2024-01", at=NOW) is None


def test_imported_plays_count_and_kept_out_plays_are_apart(db):
    h = make_history(db)
    when = datetime(2026, 10, 20, 23, tzinfo=UTC).timestamp()
    with db:
        event_db.insert_many(
            db,
            [
                NewEvent(
                    h.sunday[0], "play", when + 300 * k, 0, None, 200.0, "import", source="import:lastfm"
                )
                for k in range(30)
            ],
        )
    got = replay.compute(db, "2026-10", at=NOW)
    assert got.imported["plays"] == 30 and got.top_tracks[0].item_id == h.sunday[0]
    assert got.top_tracks[0].imported == 30
    keepout.add_rule(db, "track", str(h.sunday[0]))
    kept = replay.compute(db, "2026-10", at=NOW)
    assert kept.kept_out["plays"] >= 30 and h.sunday[0] not in kept.mix
    assert kept.plays == got.plays - kept.kept_out["plays"]


def test_periods_and_bad_input(db):
    make_history(db)
    assert replay.periods(db)[:3] == ["2026", "2026-11", "2026-10"]
    assert replay_db.months_with_plays(db)[-1] == "2026-06"
    assert replay.default_period(db, NOW) == "2026-10"
    assert replay.previous_period("2026-01") == "2025-12" and replay.previous_period("2026") == "2025"
    with pytest.raises(UsageError):
        replay.period_bounds("November")
