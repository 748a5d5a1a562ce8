"""MP4 atoms (formats/mp4.py), read from tags made in memory: text and number atoms, freeform ratings (never
the advisory ``rtng``), the cover."""

from __future__ import annotations

from mutagen.mp4 import MP4Cover, MP4FreeForm, MP4Tags

from companion.core.library.formats.mp4 import MP4Format
from companion.core.library.formats.registry import format_for_tags

FREE = "----:com.apple.iTunes:"


def test_text_and_number_atoms():
    tags = MP4Tags()
    tags["©nam"], tags["©ART"], tags["©gen"] = ["Song"], ["Band"], ["Jazz"]
    tags["trkn"], tags["disk"], tags["tmpo"] = [(4, 11)], [(1, 0)], [120]
    f = format_for_tags(tags)
    assert isinstance(f, MP4Format)
    assert (f.first("title"), f.first("artist"), f.first("genres"), f.first("bpm")) == (
        "Song",
        "Band",
        "Jazz",
        "120",
    )
    assert f.pair("track") == (4, 11) and f.pair("disc") == (1, None)


def test_ratings_count_and_cover():
    tags = MP4Tags()
    tags["rtng"] = [1]  # explicit content: not the person's rating
    assert MP4Format(tags).rating() == (None, None)
    tags[FREE + "FMPS_Rating"] = [MP4FreeForm(b"0.4")]
    tags[FREE + "FMPS_Playcount"] = [MP4FreeForm(b"6")]
    tags["covr"] = [MP4Cover(b"front", imageformat=MP4Cover.FORMAT_JPEG)]
    f = MP4Format(tags)
    assert f.rating() == (2.0, "FMPS_Rating") and f.play_count() == 6 and f.cover() == b"front"
