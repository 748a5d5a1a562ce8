from datetime import UTC, datetime

from benchmarks.eval.leakcheck import future_leak
from benchmarks.eval.music_baselines import MostPlayed
from companion.core.db import open_profile_db
from companion.core.events.ratings import set_liked
from companion.core.events.record import record_event

AT = datetime(2026, 3, 10, 12, tzinfo=UTC)


class _Leaky(MostPlayed):
    """Counts every play, even those after ``at``: the check must catch it."""

    name = "leaky"

    def ranked(self, conn, at):
        return self._top(conn, "1", ())


class _Disliked:
    """Reads the current ratings state: fine live, a leak when replaying the past."""

    name = "disliked"

    def home(self, conn, profile, at):
        return {"now": [r[0] for r in conn.execute("SELECT item_id FROM ratings WHERE liked = -1")]}


def _profile_with_history(profile):
    db = open_profile_db(profile)
    with db:
        db.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at) VALUES (?, 'music', 0, 0)",
            [(f"/m/{i}.mp3",) for i in range(60)],
        )
    before, after = AT.timestamp() - 3600, AT.timestamp() + 3600
    for k in range(3):
        record_event(db, 1, "completed", ts=before + k, tz_offset_min=0)
        record_event(db, 2, "completed", ts=after + k, tz_offset_min=0)
    record_event(db, 2, "completed", ts=after + 9, tz_offset_min=0)
    set_liked(db, 3, -1, ts=after)
    db.close()


def test_a_source_that_reads_the_future_is_caught(profile, tmp_path):
    _profile_with_history(profile)
    assert future_leak(MostPlayed(seed=1), profile, AT, tmp_path / "a") == []
    assert future_leak(_Leaky(seed=1), profile, AT, tmp_path / "b") == ["now"]
    assert future_leak(_Disliked(), profile, AT, tmp_path / "c") == ["now"]
