"""Netflix viewing activity (the account's full CSV, and the profile's Title,Date one), written small by the
test, imported into a library of inserted items; and the title splitting the module does itself."""

from __future__ import annotations

from companion.core.importers.run import import_history
from companion.core.importers.services import netflix
from tests.core.importers.library import add_item, events, ts


def test_netflix_viewing_activity(db, lib, tmp_path):
    f = tmp_path / "ViewingActivity.csv"
    header = (
        "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,"
        "Bookmark,Latest Bookmark,Country\n"
    )
    f.write_text(
        header + "Ann,2023-01-02 20:00:00,00:55:00,,The Crown: Season 1: Wolferton Splash (Episode 1),,TV,"
        "00:55:00,00:55:00,GB (United Kingdom)\n"
        'Ann,2023-01-03 20:00:00,00:20:00,,"Stranger Things: Stranger Things 2: Chapter One: MADMAX '
        '(Episode 1)",,TV,00:20:00,00:20:00,GB\n'
        "Ann,2023-01-04 20:00:00,02:20:00,,Inception,,TV,02:20:00,02:20:00,GB\n"
        "Ann,2023-01-04 19:59:00,00:00:40,,Season 2 Trailer: Dark,TRAILER,TV,00:00:40,,GB\n"
        "Ann,2023-01-05 20:00:00,00:30:00,,Some Other Show: Season 3: Gone (Episode 4),,TV,"
        "00:30:00,,GB\n"
        "Ann,not a date,00:30:00,,Inception,,TV,,,GB\n",
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched, s.unmatched, s.ignored) == (5, 3, 1, 1)
    assert s.errors == [f"{f}: line 7: unreadable time 'not a date'"]
    crown, st, movie = events(db)
    assert (crown["item_id"], crown["type"]) == (lib["crown"], "completed")
    assert (st["item_id"], st["type"], st["position"]) == (lib["st"], "play", 1200.0)
    assert (movie["item_id"], movie["type"]) == (lib["movie"], "completed")
    kept = db.execute("SELECT show, season, episode, title FROM import_unmatched").fetchone()
    assert tuple(kept) == ("Some Other Show", 3, 4, "Gone")


def test_netflix_shared_account_one_viewer(db, lib, tmp_path):
    f = tmp_path / "ViewingActivity.csv"
    f.write_text(
        "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type\n"
        "Ann,2023-01-04 20:00:00,02:20:00,,Inception,\n"
        "Kids,2023-01-05 16:00:00,01:30:00,,Inception,\n",
        encoding="utf-8",
    )
    everyone = import_history(db, [f])
    assert everyone.matched == 2
    assert everyone.notes == [
        "viewing of 2 Netflix profiles (Ann, Kids) imported; choose one with --netflix-profile NAME"
    ]
    db.execute("DELETE FROM events")
    db.commit()
    ann = import_history(db, [f], netflix_profile="Ann")
    assert (ann.matched, ann.ignored, ann.notes) == (1, 1, [])
    nobody = import_history(db, [f], netflix_profile="Bob")
    assert nobody.notes == ["no Netflix profile 'Bob' in this file (found: Ann, Kids)"]


def test_netflix_episodes_without_a_number_match_by_title_or_episode_word(db, lib, tmp_path):
    assert netflix.split_title("Space Show: Season 1: Episode 2") == ("Space Show", 1, 2, "Episode 2")
    assert netflix.split_title("The Crown: Season 1: Wolferton Splash") == (
        "The Crown",
        1,
        None,
        "Wolferton Splash",
    )
    assert netflix.split_title("Inception") == (None, None, None, "Inception")
    space = add_item(
        db,
        "/v/Space Show S01E02.mkv",
        kind="video",
        video_type="episode",
        show="Space Show",
        season=1,
        episode=2,
        title="Space Show S01E02",
    )
    f = tmp_path / "ViewingActivity.csv"
    f.write_text(
        "Profile Name,Start Time,Duration,Title\n"
        "Ann,2023-01-02 20:00:00,00:55:00,The Crown: Season 1: Wolferton Splash\n"
        "Ann,2023-01-03 20:00:00,00:40:00,Space Show: Season 1: Episode 2\n",
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched, s.unmatched) == (2, 2, 0)
    assert {e["item_id"] for e in events(db)} == {lib["crown"], space}


def test_netflix_everyday_export_title_and_date(db, lib, tmp_path):
    """QA session 2, B11: the 'Title,Date' file a profile downloads at once was refused."""
    us = tmp_path / "NetflixViewingHistory.csv"
    us.write_text(
        'Title,Date\n"The Crown: Season 1: Wolferton Splash (Episode 1)","11/20/24"\n'
        '"Inception","1/2/23"\n"Nobody Knows: Season 1: One","12/31/24"\n"Inception","someday"\n',
        encoding="utf-8",
    )
    s = import_history(db, [us])
    assert (s.read, s.matched, s.unmatched) == (3, 2, 1)
    assert s.errors == [
        f"{us}: line 5: unreadable date 'someday' (expected a date such as 11/20/24 or 2024-11-20)"
    ]
    crown, movie = sorted(events(db), key=lambda e: e["item_id"] == lib["movie"])
    assert crown["item_id"] == lib["crown"] and crown["ts"] == ts("2024-11-20T12:00:00")
    assert movie["item_id"] == lib["movie"] and movie["ts"] == ts("2023-01-02T12:00:00")

    uk = tmp_path / "uk" / "NetflixViewingHistory.csv"
    uk.parent.mkdir()
    uk.write_text("Title,Date\nInception,25/12/2022\nInception,03/01/2023\n", encoding="utf-8")
    import_history(db, [uk])
    stamps = sorted(e["ts"] for e in events(db) if e["item_id"] == lib["movie"])
    assert ts("2022-12-25T12:00:00") in stamps and ts("2023-01-03T12:00:00") in stamps, (
        "day/month read as such"
    )
