"""ASF / WMA attributes (Windows Media Player's own names)."""

from __future__ import annotations

from typing import Any

from companion.core.library import ratings
from companion.core.library.formats.registry import TagFormat


class ASFFormat(TagFormat):
    name = "asf"
    extensions = frozenset({".wma", ".asf"})
    fields = {
        "title": ("Title",),
        "artist": ("Author", "WM/AlbumArtist"),
        "album_artist": ("WM/AlbumArtist",),
        "album": ("WM/AlbumTitle",),
        "genres": ("WM/Genre",),
        "date": ("WM/Year", "WM/OriginalReleaseYear"),
        "track": ("WM/TrackNumber", "WM/Track"),
        "disc": ("WM/PartOfSet",),
        "bpm": ("WM/BeatsPerMinute",),
        "mood": ("WM/Mood",),
        "mb_track_id": ("MusicBrainz/Track Id",),
        "mb_album_id": ("MusicBrainz/Album Id",),
        "mb_artist_id": ("MusicBrainz/Artist Id",),
        "rg_track_gain": ("replaygain_track_gain",),
        "rg_track_peak": ("replaygain_track_peak",),
        "rg_album_gain": ("replaygain_album_gain",),
        "rg_album_peak": ("replaygain_album_peak",),
    }

    @classmethod
    def handles(cls, tags: Any) -> bool:
        # mutagen: only where tags are read or written
        from mutagen.asf import ASFTags

        return isinstance(tags, ASFTags)

    def values(self, key: str) -> list[str]:
        out = []
        for v in self.tags.get(key, []):
            value = getattr(v, "value", v)
            if isinstance(value, bytes):
                continue
            out.append(str(value))
        return out

    def rating(self) -> tuple[float | None, str | None]:
        # WM/SharedUserRating is the person's; WM/ProviderRating is the shop's and never read.
        for v in self.values("WM/SharedUserRating"):
            if (stars := ratings.wmp_shared_to_stars(int(ratings.parse_count(v) or 0))) is not None:
                return stars, "WM/SharedUserRating"
        for v in self.values("FMPS/Rating"):
            if (stars := ratings.fmps_to_stars(v)) is not None:
                return stars, "FMPS/Rating"
        return None, None

    def play_count(self) -> int | None:
        for v in self.values("FMPS/Playcount"):
            if (found := ratings.parse_count(v)) is not None:
                return found
        return None

    def cover(self) -> bytes | None:
        # mutagen: only where tags are read or written
        from mutagen.asf import ASFByteArrayAttribute

        for attr in self.tags.get("WM/Picture", []):
            if isinstance(attr, ASFByteArrayAttribute):
                data = bytes(attr.value or b"")
                # WM/Picture: type(1) size(4) mime(UTF-16, NUL) desc(UTF-16, NUL) data
                pos = 5
                for _ in range(2):
                    while pos + 1 < len(data) and data[pos : pos + 2] != b"\x00\x00":
                        pos += 2
                    pos += 2
                return data[pos:] or None
        return None
