"""Resume points for spoken word (issue 16, part 4): an audiobook or a podcast keeps where the person left it
whatever its length, as a video does, and shows under Continue; a song of the same length does not."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest

from companion.core.db.browse import table
from companion.core.events.recorder import Recorder
from companion.core.events.resume import resume_point
from companion.core.library.queries import get_item_by_path
from companion.core.media.synth import music_like, speech_like, write_audio, write_tags

SECONDS = 90.0  # far under the 20 minutes long audio needs to keep a resume point
RATE = 8000  # telephone quality: a third of the encoding of 22.05 kHz (the scan reads tags and lengths only)


@pytest.fixture(scope="module")
def _spoken_media(tmp_path_factory):
    """The three 90 s files, written once for the module (writing them is the slow part: ~2.5 s)."""
    root = tmp_path_factory.mktemp("spoken") / "media"
    m4a = write_audio(root / "Books" / "Short Story.m4a", speech_like(SECONDS, rate=RATE), rate=RATE)
    write_tags(m4a, {"title": "Short Story", "artist": "A Reader", "album": "Short Story"})
    m4a.rename(m4a.with_suffix(".m4b"))
    pod = write_audio(
        root / "Podcasts" / "Episode 12.mp3", speech_like(SECONDS, rate=RATE, seed=3), rate=RATE
    )
    write_tags(pod, {"title": "Episode 12", "artist": "The Show", "genre": "Podcast"})
    song = write_audio(root / "Music" / "Song.mp3", music_like(SECONDS, rate=RATE), rate=RATE)
    write_tags(song, {"title": "Song", "artist": "Band", "album": "Record"})
    return root


@pytest.fixture
def short_spoken(db, profile, tmp_path, _spoken_media):
    """A 90 s audiobook (.m4b), a 90 s podcast episode (an .mp3 tagged Podcast) and a 90 s song, scanned."""
    from companion.core.jobs.scan import run_scan

    root = tmp_path / "media"
    shutil.copytree(_spoken_media, root)
    book = root / "Books" / "Short Story.m4b"
    pod = root / "Podcasts" / "Episode 12.mp3"
    song = root / "Music" / "Song.mp3"
    run_scan(db, profile, [str(root)])
    return {name: get_item_by_path(db, str(p)) for name, p in (("book", book), ("pod", pod), ("song", song))}


def _stop_at(db, item_id: int, seconds: float) -> None:
    rec = Recorder(db)
    pb = rec.begin(item_id, start_reason="user")
    t = 0.0
    while t < seconds:
        t = min(seconds, t + 2.0)
        rec.progress(pb, t)
    rec.finish(pb, "stop")


def test_short_spoken_word_keeps_its_resume_point_and_a_song_does_not(db, short_spoken):
    book, pod, song = short_spoken["book"], short_spoken["pod"], short_spoken["song"]
    assert book["spoken"] and pod["spoken"] and not song["spoken"]
    assert book["duration"] == pytest.approx(SECONDS, abs=1.0)
    for item in (book, pod, song):
        _stop_at(db, item["id"], 70.0)
    assert resume_point(db, book["id"]).position == pytest.approx(70.0)
    assert resume_point(db, pod["id"]).position == pytest.approx(70.0)
    assert resume_point(db, song["id"]) is None  # a song starts from the top
    _stop_at(db, book["id"], 30.0)  # the first minute is not worth resuming, spoken or not
    assert resume_point(db, book["id"]) is None


def test_short_spoken_word_shows_under_continue(db, profile, short_spoken):
    from companion.core.taste.home import build_home, forget_state

    forget_state()
    try:
        _stop_at(db, short_spoken["pod"]["id"], 70.0)
        _stop_at(db, short_spoken["song"]["id"], 70.0)
        rows = {
            r.id: r for r in build_home(db, profile, at=datetime.now().astimezone() + timedelta(minutes=1))
        }
    finally:
        forget_state()
    cont = rows["continue"]
    (card,) = [i for i in cont.items if i.item_id == short_spoken["pod"]["id"]]
    assert card.kind == "spoken" and card.resume_position == pytest.approx(70.0)
    assert short_spoken["song"]["id"] not in {i.item_id for i in cont.items}


def test_spoken_word_is_in_its_own_table_not_in_the_music_tables(db, short_spoken):
    spoken = {short_spoken["book"]["id"], short_spoken["pod"]["id"]}
    for view in ("tracks", "albums", "artists", "genres"):
        _, rows = table(db, view)
        assert not spoken & {r[0] for r in rows}, view
    _, tracks = table(db, "tracks")
    assert [r[1] for r in tracks] == ["Song"]
    _, artists = table(db, "artists")
    assert [r[1] for r in artists] == ["Band"]


def test_a_queued_spoken_item_starts_at_its_resume_point_and_counts_as_watching(db, short_spoken):
    from companion.core.playqueue import entries_from_db
    from companion.ui.controller import _resumable

    pod, song = short_spoken["pod"]["id"], short_spoken["song"]["id"]
    _stop_at(db, pod, 70.0)
    entry, other = entries_from_db(db, [pod, song])
    assert (entry.spoken, entry.start_position, entry.start_reason) == (True, pytest.approx(70.0), "resume")
    assert not other.spoken
    assert _resumable(entry) and not _resumable(other)  # leaving the podcast refreshes Continue at once
