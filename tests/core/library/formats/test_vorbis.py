"""Vorbis comments (formats/vorbis.py), read from tags made in memory: case-free keys, totals, the ratings of
several players, pictures in a comment."""

from __future__ import annotations

import base64

from mutagen._vorbis import VCommentDict
from mutagen.flac import Picture

from companion.core.library.formats.registry import format_for_tags
from companion.core.library.formats.vorbis import VorbisFormat


def comment(**values: list[str]) -> VCommentDict:
    tags = VCommentDict()
    for key, vals in values.items():
        tags[key] = vals
    return tags


def test_fields_in_any_case_and_totals():
    tags = comment(
        TITLE=["Song"], Artist=["Band"], GENRE=["Jazz", "Funk"], tracknumber=["4"], TRACKTOTAL=["11"]
    )
    f = format_for_tags(tags)
    assert isinstance(f, VorbisFormat)
    assert (f.first("title"), f.first("artist"), f.all("genres")) == ("Song", "Band", ["Jazz", "Funk"])
    assert (f.first("track"), f.first("track_total")) == ("4", "11")


def test_each_players_rating_and_count():
    assert VorbisFormat(comment(FMPS_RATING=["0.6"])).rating() == (3.0, "FMPS_RATING")
    assert VorbisFormat(comment(**{"RATING:user@example.org": ["0.8"]})).rating() == (
        4.0,
        "RATING:user@example.org",
    )
    assert VorbisFormat(comment(**{"PLAYCOUNT:user@example.org": ["9"]})).play_count() == 9
    assert VorbisFormat(comment(FMPS_PLAYCOUNT=["2"], PLAYCOUNT=["5"])).play_count() == 2
    assert VorbisFormat(comment()).rating() == (None, None)


def test_a_picture_in_a_comment_and_a_broken_one():
    pic = Picture()
    pic.type, pic.mime, pic.data = 3, "image/jpeg", b"front"
    good = base64.b64encode(pic.write()).decode("ascii")
    assert VorbisFormat(comment(METADATA_BLOCK_PICTURE=["not base64!", good])).cover() == b"front"
    assert VorbisFormat(comment(COVERART=[base64.b64encode(b"old").decode()])).cover() == b"old"
    assert VorbisFormat(comment()).cover() is None
