"""APEv2 (formats/apev2.py: WavPack, Monkey's Audio, Musepack), read from tags made in memory: keys in any case,
text ratings and counts, the front cover after its file name."""

from __future__ import annotations

from mutagen.apev2 import BINARY, APEv2, APEValue

from companion.core.library.formats.apev2 import APEv2Format
from companion.core.library.formats.registry import format_for_tags


def test_fields_ratings_count_and_cover():
    tags = APEv2()
    tags["TITLE"], tags["artist"], tags["Track"] = "Song", "Band", "4/11"
    tags["Rating"], tags["Play_Count"] = "80", "5"
    tags["Cover Art (Front)"] = APEValue(b"front.jpg\x00front", BINARY)
    f = format_for_tags(tags)
    assert isinstance(f, APEv2Format)
    assert (f.first("title"), f.first("artist"), f.pair("track")) == ("Song", "Band", (4, 11))
    assert f.rating() == (4.0, "Rating") and f.play_count() == 5 and f.cover() == b"front"
    tags["FMPS_Rating"] = "0.2"
    assert APEv2Format(tags).rating() == (1.0, "FMPS_Rating")
    assert APEv2Format(APEv2()).cover() is None and APEv2Format(APEv2()).rating() == (None, None)
