"""Finding the library item an outside entry means: id first, then names (album breaks ties), videos apart."""

from __future__ import annotations

from companion.core.library.matching import LibraryIndex
from tests.core.events.helpers import add_item


def test_tracks_match_by_id_then_names_with_the_album_breaking_ties(db, tmp_path):
    single = add_item(db, tmp_path / "a.mp3", title="Aurora", artist="Northern Lights", album="Aurora")
    live = add_item(db, tmp_path / "b.mp3", title="Aurora", artist="Northern Lights", album="Live in Oslo")
    duet = add_item(db, tmp_path / "c.mp3", title="Snowfield", artist="Northern Lights feat. Eira")
    tagged = add_item(
        db, tmp_path / "d.mp3", title="Other", artist="X", mb_track_id="0" * 8 + "-1111-2222-3333-" + "4" * 12
    )
    index = LibraryIndex.build(db)
    assert index.match_track("northern lights", "aurora") == single, "the oldest copy without an album"
    assert index.match_track("Northern Lights", "Aurora", album="live in oslo") == live
    assert index.match_track("Northern Lights", "Snowfield") == duet, "the primary artist is enough"
    assert index.match_track("Anyone", "Anything", mbid="00000000-1111-2222-3333-444444444444") == tagged
    assert index.match_track("Northern Lights", "Unknown song") is None
    assert index.match_track("Northern Lights", None) is None


def test_a_playable_copy_wins_over_a_missing_one(db, tmp_path):
    gone = add_item(db, tmp_path / "old.flac", title="Aurora", artist="Northern Lights", status="missing")
    here = add_item(db, tmp_path / "new.flac", title="Aurora", artist="Northern Lights")
    assert gone < here
    assert LibraryIndex.build(db).match_track("Northern Lights", "Aurora") == here


def test_episodes_and_movies_match_by_show_season_episode_or_title(db, tmp_path):
    ep = add_item(
        db,
        tmp_path / "s01e02.mkv",
        kind="video",
        title="The Long Dark",
        show="Night Shift",
        season=1,
        episode=2,
    )
    movie = add_item(db, tmp_path / "film.mp4", kind="video", title="Heat")
    index = LibraryIndex.build(db)
    assert index.match_episode("night shift", 1, 2) == ep
    assert index.match_episode("Night Shift", 1, 3) is None and index.match_episode(None, 1, 2) is None
    assert index.match_episode_title("Night Shift", 1, "the long dark") == ep
    assert index.match_video_title("heat") == movie and index.match_video_title(None) is None
    assert index.match_track(None, "Heat") is None, "a video is never a track"
