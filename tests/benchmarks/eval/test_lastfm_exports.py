"""Reading the Last.fm export layouts people publish, and handing them to the importer (generated files)."""

from __future__ import annotations

from benchmarks.eval.lastfm_exports import album_track_order, find_exports, read_export, write_importer_csv
from companion.core.importers.run import import_history
from tests.core.importers.library import add_item

T0 = 1_700_000_000


def test_every_published_layout_reads_to_the_same_scrobbles(tmp_path):
    layouts = {
        "full": "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        f'"{T0 + 60}","14 Nov 2023, 22:14","Low","","Secret Name","","Two-Step",""\n'
        f'"{T0}","14 Nov 2023, 22:13","Low","","Secret Name","","Starfire",""\n',
        "utc": 'utc_time,artist,album,track\n"14 Nov 2023, 22:14",Low,Secret Name,Two-Step\n'
        '"14 Nov 2023, 22:13",Low,Secret Name,Starfire\n',
        "rstyle": '"","date","artist","track","album"\n"1",2023-11-14 22:14:20,"Low","Two-Step","Secret Name"\n'
        '"2",2023-11-14 22:13:20,"Low","Starfire","Secret Name"\n',
        "played": "artist,track,album,played_at,track_genre\nLow,Two-Step,Secret Name,2023-11-14 22:14:20,slowcore\n"
        "Low,Starfire,Secret Name,2023-11-14 22:13:20,slowcore\n,No Artist,X,2023-11-14 22:15:00,\n",
    }
    for name, text in layouts.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    for path in find_exports(tmp_path):
        e = read_export(path)
        assert [(s.artist, s.album, s.track) for s in e.scrobbles] == [
            ("Low", "Secret Name", "Starfire"),
            ("Low", "Secret Name", "Two-Step"),
        ], path.name  # oldest first, the row without an artist left out
        assert e.scrobbles[0].ts // 60 == T0 // 60
    assert read_export(tmp_path / "played.csv").scrobbles[0].genre == "slowcore"
    assert [p.stem for p in find_exports(tmp_path, ["utc"])] == ["utc"]
    assert find_exports(tmp_path / "absent") == []


def test_the_importer_reads_what_is_written_for_it(db, tmp_path):
    (tmp_path / "e.csv").write_text(
        'utc_time,artist,album,track\n"14 Nov 2023, 22:14","Cure, The",Faith,Primary\n', encoding="utf-8"
    )
    item = add_item(db, "/m/primary.mp3", artist="Cure, The", title="Primary", album="Faith")
    out = write_importer_csv(read_export(tmp_path / "e.csv"), tmp_path / "scratch" / "import.csv")
    s = import_history(db, [out])
    assert (s.read, s.matched, s.errors) == (1, 1, [])
    assert db.execute("SELECT item_id FROM events").fetchone()[0] == item


def test_album_order_comes_from_how_the_person_plays_it_through(tmp_path):
    rows = ["uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"]
    t = T0
    for _ in range(3):  # three play-throughs: A B C D
        for track in "ABCD":
            rows.append(f"{t},,X,,Al,,{track},")
            t += 240
        t += 86400
    rows.append(f"{t},,X,,Al,,E,")  # only ever played alone: goes last
    rows.append(f"{t + 240},,X,,Al,,B,")
    newest_first = [rows[0], *reversed(rows[1:])]  # as Last.fm writes it
    (tmp_path / "o.csv").write_text("\n".join(newest_first) + "\n", encoding="utf-8")
    assert album_track_order(read_export(tmp_path / "o.csv"))[("X", "Al")] == ["A", "B", "C", "D", "E"]
