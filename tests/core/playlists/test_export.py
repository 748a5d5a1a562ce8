from companion.core.playlists.export import export_items, export_row
from companion.core.playlists.readers import read_playlist
from companion.core.taste.rows import Row, RowItem
from tests.core.importers.library import add_item


def test_export_items_keeps_queue_order_and_skips_unknown_ids(db, tmp_path):
    a = add_item(db, "/m/a.mp3", artist="A", title="One", duration=100.0)
    b = add_item(db, "/v/show.mkv", kind="video", show="Show", title="Pilot", duration=1500.0)
    out, n, note = export_items(db, [b, 999, a, b], tmp_path / "queue.m3u")
    assert note is None
    assert n == 3
    parsed = read_playlist(out)
    assert [(e.location, e.artist, e.title) for e in parsed.entries] == [
        ("/v/show.mkv", "Show", "Pilot"),
        ("/m/a.mp3", "A", "One"),
        ("/v/show.mkv", "Show", "Pilot"),
    ]


def test_export_row_uses_the_rows_items_and_title(tmp_path):
    row = Row(
        "now",
        "Morning mix",
        "music",
        "for your mornings",
        items=(RowItem(1, "/m/a b.flac", "music", "Song", "Band", "because", duration=61.0, album="Al"),),
    )
    out, n, _ = export_row(row, tmp_path / "now.xspf")
    parsed = read_playlist(out)
    assert (n, parsed.name) == (1, "Morning mix")
    assert [(e.location, e.title, e.artist, e.album, e.duration) for e in parsed.entries] == [
        ("file:///m/a%20b.flac", "Song", "Band", "Al", 61.0)
    ]
