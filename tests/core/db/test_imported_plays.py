"""The imported plays repository: what Insights and the taste engine read of imported listening."""

from __future__ import annotations

from companion.core.db import imported_plays as db_plays
from companion.core.importers.run import import_history
from tests.core.importers.library import add_item

HEADER = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"


def _import(db, tmp_path, rows):
    f = tmp_path / "s.csv"
    f.write_text(HEADER + "".join(f"{t},,{a},,{al},,{s},\n" for t, a, al, s in rows), encoding="utf-8")
    return import_history(db, [f])


def test_imported_listening_counts_matched_counted_and_waiting(db, tmp_path):
    add_item(db, "/m/1.mp3", artist="Low", title="Sunflower", album="Secret Name", duration=240.0)
    add_item(db, "/m/2.mp3", artist="Low", title="Other", album="Secret Name", duration=200.0)
    rows = [(1700000000, "Low", "Secret Name", "Sunflower")]
    rows += [(1700000300 + 300 * k, "Low", "Secret Name", f"Missing {k}") for k in range(3)]
    rows += [(1700010000 + 300 * k, "Stranger", "Far", f"Song {k}") for k in range(2)]
    _import(db, tmp_path, rows)
    got = db_plays.imported_listening(db)
    assert (got.plays, got.matched, got.counted, got.artists_learned) == (6, 1, 3, 1)
    assert got.top_artists == [("Low", 4), ("Stranger", 2)]
    assert got.seconds == 240.0 * 6  # the one known length stands for the plays of unknown length
    plays = db_plays.named_plays(db)
    assert [(p[1], p[2], p[3]) for p in plays] == [("play", "Low", "Secret Name")] * 3
    assert [p[0] for p in plays] == sorted(p[0] for p in plays)


def test_fingerprint_moves_when_plays_arrive_or_resolve_anew(db, tmp_path):
    empty = db_plays.named_fingerprint(db)
    _import(db, tmp_path, [(1700000000, "Broadcast", "Haha Sound", "Pendulum")])
    waiting = db_plays.named_fingerprint(db)
    assert waiting != empty and db_plays.named_plays(db) == []
    add_item(db, "/m/b.mp3", artist="Broadcast", title="Tears in the Typing Pool", album="Haha Sound")
    from companion.core.importers.artists import resolve_waiting

    resolve_waiting(db)
    assert db_plays.named_fingerprint(db) != waiting
    assert db_plays.imported_listening(db).seconds > 0
