from datetime import UTC, datetime

from benchmarks.eval.music_baselines import MostPlayed, MostPlayedAtHour, MostPlayedRecently, RandomMix
from companion.core.events.record import record_event

AT = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
DAY = 86400.0


def _items(db, n):
    with db:
        db.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at) VALUES (?, 'music', 0, 0)",
            [(f"/m/{i}.mp3",) for i in range(n)],
        )
    return [r[0] for r in db.execute("SELECT id FROM items ORDER BY id")]


def _plays(db, item, n, ts, kind="completed"):
    for k in range(n):
        record_event(db, item, kind, ts=ts + k, tz_offset_min=0)


def test_most_played_counts_plays_before_at_only(db, profile):
    a, b, c, *_ = _items(db, 60)
    _plays(db, a, 3, AT.timestamp() - 20 * DAY)
    _plays(db, b, 2, AT.timestamp() - DAY, "play")
    _plays(db, c, 5, AT.timestamp() - DAY, "skip")  # skips are not plays
    _plays(db, c, 9, AT.timestamp() + 10)  # the future is not seen
    mix = MostPlayed(seed=1).home(db, profile, AT)["now"]
    assert mix[:2] == [a, b] and len(mix) == 50 and len(set(mix)) == 50


def test_most_played_recently_forgets_old_plays(db, profile):
    a, b, *_ = _items(db, 5)
    _plays(db, a, 5, AT.timestamp() - 10 * DAY)
    _plays(db, b, 1, AT.timestamp() - 2 * DAY)
    assert MostPlayedRecently(seed=1, size=5).ranked(db, AT) == [b]


def test_most_played_at_hour_is_circular(db, profile):
    a, b, c, *_ = _items(db, 5)
    base = datetime(2026, 3, 10, tzinfo=UTC).timestamp()
    _plays(db, a, 4, base + 8 * 3600)  # mornings
    _plays(db, b, 2, base + 22 * 3600)  # late evening
    _plays(db, c, 1, base + 0.5 * 3600)  # just after midnight
    assert MostPlayedAtHour(seed=1, size=5).ranked(db, AT) == [b]
    at_midnight = datetime(2026, 3, 20, 23, 0, tzinfo=UTC)
    assert MostPlayedAtHour(seed=1, size=5).ranked(db, at_midnight) == [b, c]


def test_random_is_reproducible_per_moment(db, profile):
    _items(db, 80)
    r = RandomMix(seed=3)
    assert r.home(db, profile, AT) == r.home(db, profile, AT)
    assert r.home(db, profile, AT) != r.home(db, profile, datetime(2026, 3, 21, 8, tzinfo=UTC))
