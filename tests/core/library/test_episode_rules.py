"""A video is an episode only when its name or folders say so and the show is a real title (issue 16)."""

from __future__ import annotations

import pytest

from companion.core.jobs.scan import run_scan
from companion.core.library.episode_rules import real_show, says_episode
from companion.core.library.queries import list_items
from companion.core.library.video import guess_names
from companion.core.media.synth import write_video


@pytest.mark.parametrize(
    ("path", "show", "season", "episode"),
    [
        ("/v/The Office 2x05.mkv", "The Office", 2, 5),
        ("/v/Some Show - Episode 5.mkv", "Some Show", None, 5),
        ("/v/Breaking Bad/Season 2/03 - Title.mkv", "Breaking Bad", 2, 3),
        ("/v/Show Name/Season 1/Show Name - 102.mkv", "Show Name", 1, 2),
        ("/v/Star Harbor/Season 01/Star Harbor - S01E01 - Arrival.mkv", "Star Harbor", 1, 1),
        ("/v/Firefly/Firefly.E03.mkv", "Firefly", None, 3),
    ],
)
def test_episodes_named_as_such_are_episodes(path, show, season, episode):
    g = guess_names(path)
    assert (g["video_type"], g["show"], g["season"], g["episode"]) == ("episode", show, season, episode)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/v/issue-744.mp4", "issue-744"),
        ("/v/video 1x02.mp4", "video 1x02"),
        ("/v/test_s01e02.mkv", "test s01e02"),
        ("/v/123.mp4", "123"),
        ("/v/clip-2.mp4", "clip-2"),
        ("/v/Episode 1.mp4", "Episode 1"),
    ],
)
def test_numbers_and_generic_words_make_no_show(path, title):
    g = guess_names(path)
    assert (g["video_type"], g["title"]) == ("movie", title)
    assert "show" not in g


def test_the_rules():
    assert says_episode("/x/Show S01E02.mkv") and says_episode("/x/Show 1x02.mkv")
    assert says_episode("/x/Show/Season 3/whatever.mkv") and says_episode("/x/Show - Episode 12.mp4")
    assert not says_episode("/x/issue-744.mp4") and not says_episode("Season 3/a.mkv")
    assert real_show("The Wire") and real_show("24 Hours")
    for generic in ("issue", "Video", "CLIP", "test", "sample", "744", "1 2", "", None, "x"):
        assert not real_show(generic), generic


def test_issue_744_scans_as_a_film_not_season_7(db, profile, tmp_path):
    videos = tmp_path / "videos"
    write_video(videos / "issue-744.mp4", seconds=1.0, size=(64, 36))
    run_scan(db, profile, [str(videos)])
    (item,) = list_items(db)
    row = db.execute("SELECT video_type, show, season, episode FROM items").fetchone()
    assert tuple(row) == ("movie", None, None, None)
    assert item["title"] == "issue-744"
