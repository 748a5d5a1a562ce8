"""ASF (formats/asf.py, Windows Media), read from tags made in memory: fields, the person's shared rating
(never the shop's), and a WM/Picture's image."""

from __future__ import annotations

import struct

from mutagen.asf import ASFByteArrayAttribute, ASFDWordAttribute, ASFTags, ASFUnicodeAttribute

from companion.core.library.formats.asf import ASFFormat
from companion.core.library.formats.registry import format_for_tags


def test_fields_and_the_persons_rating():
    tags = ASFTags()
    tags["Title"] = [ASFUnicodeAttribute("Song")]
    tags["Author"] = [ASFUnicodeAttribute("Band")]
    tags["WM/TrackNumber"] = [ASFDWordAttribute(4)]
    tags["WM/ProviderRating"] = [ASFUnicodeAttribute("99")]
    f = format_for_tags(tags)
    assert isinstance(f, ASFFormat)
    assert (f.first("title"), f.first("artist"), f.pair("track")) == ("Song", "Band", (4, None))
    assert f.rating() == (None, None), "the shop's rating is not the person's"
    tags["WM/SharedUserRating"] = [ASFDWordAttribute(75)]
    tags["FMPS/Playcount"] = [ASFUnicodeAttribute("8")]
    assert ASFFormat(tags).rating() == (4.0, "WM/SharedUserRating") and ASFFormat(tags).play_count() == 8


def test_the_picture_after_its_type_mime_and_description():
    blob = struct.pack("<bI", 3, 5) + "image/jpeg\0".encode("utf-16-le") + "\0".encode("utf-16-le") + b"front"
    tags = ASFTags()
    tags["WM/Picture"] = [ASFByteArrayAttribute(blob)]
    assert ASFFormat(tags).cover() == b"front"
    assert ASFFormat(ASFTags()).cover() is None
