"""APEv2 (WavPack, Monkey's Audio, Musepack, TAK, OptimFROG): case-insensitive keys."""

from __future__ import annotations

from typing import Any

from companion.core.library import ratings
from companion.core.library.formats.registry import TagFormat


class APEv2Format(TagFormat):
    name = "apev2"
    extensions = frozenset({".wv", ".ape", ".mpc", ".mp+", ".tak", ".ofr", ".ofs"})
    fields = {
        "title": ("Title",),
        "artist": ("Artist",),
        "album_artist": ("Album Artist", "AlbumArtist"),
        "album": ("Album",),
        "genres": ("Genre",),
        "date": ("Year", "Date"),
        "track": ("Track", "TrackNumber"),
        "disc": ("Disc", "DiscNumber"),
        "bpm": ("BPM",),
        "mood": ("Mood",),
        "mb_track_id": ("MUSICBRAINZ_TRACKID",),
        "mb_album_id": ("MUSICBRAINZ_ALBUMID",),
        "mb_artist_id": ("MUSICBRAINZ_ARTISTID",),
        "rg_track_gain": ("REPLAYGAIN_TRACK_GAIN",),
        "rg_track_peak": ("REPLAYGAIN_TRACK_PEAK",),
        "rg_album_gain": ("REPLAYGAIN_ALBUM_GAIN",),
        "rg_album_peak": ("REPLAYGAIN_ALBUM_PEAK",),
    }

    @classmethod
    def handles(cls, tags: Any) -> bool:
        # mutagen: only where tags are read or written
        from mutagen.apev2 import APEv2

        return isinstance(tags, APEv2)

    def values(self, key: str) -> list[str]:
        # mutagen: only where tags are read or written
        from mutagen.apev2 import TEXT

        value = self.tags.get(key)
        if value is None or value.kind != TEXT:
            return []
        return list(value)

    def rating(self) -> tuple[float | None, str | None]:
        for v in self.values("FMPS_Rating"):
            if (stars := ratings.fmps_to_stars(v)) is not None:
                return stars, "FMPS_Rating"
        for v in self.values("Rating"):
            if (stars := ratings.text_rating_to_stars(v)) is not None:
                return stars, "Rating"
        return None, None

    def play_count(self) -> int | None:
        for key in ("FMPS_Playcount", "Play_Count", "PlayCount"):
            for v in self.values(key):
                if (found := ratings.parse_count(v)) is not None:
                    return found
        return None

    def cover(self) -> bytes | None:
        # mutagen: only where tags are read or written
        from mutagen.apev2 import BINARY

        value = self.tags.get("Cover Art (Front)")
        if value is None or value.kind != BINARY:
            return None
        data = bytes(value.value)
        return data.split(b"\x00", 1)[1] if b"\x00" in data else data
