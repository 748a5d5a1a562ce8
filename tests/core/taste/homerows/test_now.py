"""The moment's row (homerows/now.py): never padded with "not now", titled daylist style."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

from companion.core.events.record import record_event
from companion.core.taste.home import build_home, get_row

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)


def small_library(db) -> dict[str, list[int]]:
    """Four genres of two artists with six tracks each: too small for a 50-track row of any one of them."""
    now = time.time()
    out: dict[str, list[int]] = {}
    with db:
        for genre in ("jazz", "rock", "pop", "folk"):
            for a in range(2):
                for t in range(6):
                    cur = db.execute(
                        "INSERT INTO items(path, kind, title, artist, album, genres, track_no, duration, added_at,"
                        " updated_at) VALUES (?, 'music', ?, ?, ?, ?, ?, 200, ?, ?)",
                        (f"/m/{genre}/{a}/{t}.mp3", f"{genre} {a}-{t}", f"{genre} artist {a}", f"{genre} album {a}",
                         json.dumps([genre]), t + 1, now, now),
                    )  # fmt: skip
                    out.setdefault(genre, []).append(int(cur.lastrowid))
    return out


def loved_at_night_skipped_in_the_morning(db, lib: dict[str, list[int]], days: int = 21) -> datetime:
    """Weekday mornings: jazz played through, rock skipped within seconds; evenings the other way round;
    pop and folk in the afternoon. Weekends: pop."""
    for d in range(days):
        day = MONDAY + timedelta(days=d)
        if day.weekday() >= 5:
            sessions = [(11, "pop", None)]
        else:
            sessions = [(8, "jazz", "rock"), (14, "folk", None), (19, "rock", "jazz")]
        for hour, loved, skipped in sessions:
            t = (day + timedelta(hours=hour)).timestamp()
            plays = [(lib[loved][(d * 5 + k) % 12], "completed", t + 210 * k, 200.0) for k in range(6)]
            if skipped:  # within seconds
                plays += [(lib[skipped][(d * 3 + k) % 12], "skip", t + 1300 + 10 * k, 3.0) for k in range(2)]
            for item, kind, ts, position in plays:
                record_event(
                    db, item, kind, ts=ts, position=position, duration=200.0, session_id=f"{d}{hour}"
                )
    return MONDAY + timedelta(days=days)


def share(row, ids) -> float:
    return sum(i.item_id in ids for i in row.items) / max(1, len(row.items))


def test_a_small_library_is_not_padded_with_what_is_skipped_at_this_moment(db, profile):
    lib = small_library(db)
    end = loved_at_night_skipped_in_the_morning(db, lib)
    jazz, rock = set(lib["jazz"]), set(lib["rock"])
    morning = get_row(db, profile, "now", at=end + timedelta(days=1, hours=8, minutes=30))
    evening = get_row(db, profile, "now", at=end + timedelta(days=1, hours=19, minutes=30))
    assert share(morning, jazz) >= 0.8 and share(morning, rock) < 0.05, [i.title for i in morning.items]
    assert share(evening, rock) >= 0.8 and share(evening, jazz) < 0.05, [i.title for i in evening.items]
    assert len(morning.items) < 50  # shorter, not padded: twelve jazz tracks is all there is
    assert morning.title == "Tuesday morning: jazz"


def test_the_home_row_is_the_start_of_the_whole_mix(db, profile):
    lib = small_library(db)
    end = loved_at_night_skipped_in_the_morning(db, lib)
    at = end + timedelta(days=1, hours=19)
    home = {r.id: r for r in build_home(db, profile, at=at)}
    for row_id, row in home.items():
        whole = get_row(db, profile, row_id, at=at)
        assert [i.item_id for i in whole.items[: len(row.items)]] == [i.item_id for i in row.items], row_id


def test_cold_start_samplers_do_not_look_alike(db, profile, library):
    rows = {r.id: r for r in build_home(db, profile, at=MONDAY)}
    now, discover = {i.item_id for i in rows["now"].items}, {i.item_id for i in rows["discover"].items}
    assert len(now & discover) <= 0.4 * min(len(now), len(discover))
