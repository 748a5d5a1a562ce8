"""benchmarks/common/profiles.py: row-only profiles of the sizes asked for."""

from benchmarks.common import product, profiles


def _count(data_dir, sql: str) -> int:
    conn = product.open_db(data_dir)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_rows_profile(tmp_path):
    profiles.make_rows_profile(tmp_path, 300, 75)
    assert _count(tmp_path, "SELECT COUNT(*) FROM items WHERE kind = 'music'") == 300
    assert _count(tmp_path, "SELECT COUNT(*) FROM events") == 75
    assert _count(tmp_path, "SELECT COUNT(DISTINCT artist) FROM items") == 300  # 1,000 artists, 300 tracks


def test_listener_profile_even_below_forty_artists(tmp_path):
    profiles.make_listener_profile(tmp_path, 100, 5, 400)  # 4 artists: fewer than 40 favourites
    assert _count(tmp_path, "SELECT COUNT(*) FROM items WHERE kind = 'video'") == 5
    assert _count(tmp_path, "SELECT COUNT(*) FROM events") == 400
    assert _count(tmp_path, "SELECT COUNT(*) FROM events WHERE type = 'skip'") > 0


def test_events_appended_to_a_profile(tmp_path):
    profiles.make_event_profile(tmp_path, 50, 100)
    profiles.add_events(tmp_path, 1000)
    assert _count(tmp_path, "SELECT COUNT(*) FROM events") == 1100
    assert _count(tmp_path, "SELECT COUNT(*) FROM items WHERE kind = 'video'") == 5
