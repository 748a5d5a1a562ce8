"""ID3 (formats/id3.py), read from tags made in memory: fields, an ID3v2.3 date put together, the person's
rating and play count from POPM or FMPS, the front cover."""

from __future__ import annotations

from mutagen.id3 import APIC, ID3, PCNT, POPM, TCON, TDAT, TIT2, TPE1, TRCK, TXXX, TYER, UFID

from companion.core.library.formats.id3 import ID3Format
from companion.core.library.formats.registry import format_for_tags


def test_fields_and_an_id3v23_date_put_together():
    tags = ID3()
    tags.add(TIT2(encoding=3, text=["Song"]))
    tags.add(TPE1(encoding=3, text=["Band"]))
    tags.add(TCON(encoding=3, text=["(8)Jazz", "Funk"]))
    tags.add(TRCK(encoding=3, text=["4/11"]))
    tags.add(TYER(encoding=3, text=["2003"]))
    tags.add(TDAT(encoding=3, text=["0105"]))  # DDMM
    tags.add(TXXX(encoding=3, desc="Album Artist", text=["Various"]))
    tags.add(UFID(owner="http://musicbrainz.org", data=b"0383dadf-2a4e-4d10-a46a-e9e041da8eb3"))
    f = format_for_tags(tags)
    assert isinstance(f, ID3Format)
    assert (f.first("title"), f.first("artist"), f.first("album_artist")) == ("Song", "Band", "Various")
    assert f.all("genres") == ["Jazz", "Funk"] and f.pair("track") == (4, 11)
    assert f.first("date") == "2003-05-01"
    assert f.first("mb_track_id") == "0383dadf-2a4e-4d10-a46a-e9e041da8eb3"


def test_rating_count_and_cover():
    tags = ID3()
    tags.add(POPM(email="Windows Media Player 9 Series", rating=196, count=7))
    tags.add(PCNT(count=12))
    tags.add(APIC(encoding=3, mime="image/png", type=0, desc="back", data=b"back"))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="front", data=b"front"))
    f = ID3Format(tags)
    assert f.rating() == (4.0, "POPM:Windows Media Player 9 Series")
    assert f.play_count() == 12  # the larger of the counters
    assert f.cover() == b"front"
    tags.add(TXXX(encoding=3, desc="FMPS_Rating", text=["0.9"]))
    tags.add(TXXX(encoding=3, desc="FMPS_Playcount", text=["3"]))
    f = ID3Format(tags)
    assert f.rating() == (4.5, "TXXX:FMPS_Rating") and f.play_count() == 3
    assert ID3Format(ID3()).rating() == (None, None) and ID3Format(ID3()).cover() is None
