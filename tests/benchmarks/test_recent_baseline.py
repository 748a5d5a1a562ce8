from datetime import UTC, datetime

from benchmarks.eval.recent_baseline import PlayedLastDays
from companion.core.events.record import record_event

AT = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
DAY = 86400.0


def test_what_was_played_in_the_last_three_days_most_often_first(db, profile):
    with db:
        db.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at) VALUES (?, 'music', 0, 0)",
            [(f"/m/{i}.mp3",) for i in range(60)],
        )
    a, b, c, d = [r[0] for r in db.execute("SELECT id FROM items ORDER BY id LIMIT 4")]
    for item, n, ago in ((a, 1, 2.5), (b, 2, 1.0), (c, 9, 3.5), (d, 4, -0.1)):  # c: too old; d: the future
        for k in range(n):
            record_event(db, item, "completed", ts=AT.timestamp() - ago * DAY + k, tz_offset_min=0)
    src = PlayedLastDays(seed=1)
    assert src.name == "played in the last 3 days"
    assert src.ranked(db, AT) == [b, a]
    mix = src.home(db, profile, AT)["now"]
    assert mix[:2] == [b, a] and len(set(mix)) == 50
