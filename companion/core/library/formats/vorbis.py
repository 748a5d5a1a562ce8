"""Vorbis comments (FLAC, Ogg Vorbis, Opus, Speex, Ogg FLAC): case-insensitive keys, many values."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from companion.core.library import ratings
from companion.core.library.formats.registry import TagFormat


class VorbisFormat(TagFormat):
    name = "vorbis"
    extensions = frozenset({".flac", ".ogg", ".oga", ".opus", ".spx", ".oggflac"})
    fields = {
        "title": ("title",),
        "artist": ("artist",),
        "album_artist": ("albumartist", "album artist"),
        "album": ("album",),
        "genres": ("genre",),
        "date": ("date", "year", "originaldate"),
        "track": ("tracknumber",),
        "track_total": ("tracktotal", "totaltracks"),
        "disc": ("discnumber",),
        "disc_total": ("disctotal", "totaldiscs"),
        "bpm": ("bpm",),
        "mood": ("mood",),
        "mb_track_id": ("musicbrainz_trackid", "musicbrainz_releasetrackid"),
        "mb_album_id": ("musicbrainz_albumid",),
        "mb_artist_id": ("musicbrainz_artistid",),
        "rg_track_gain": ("replaygain_track_gain",),
        "rg_track_peak": ("replaygain_track_peak",),
        "rg_album_gain": ("replaygain_album_gain",),
        "rg_album_peak": ("replaygain_album_peak",),
    }

    def __init__(self, tags: Any, audio: Any = None) -> None:
        super().__init__(tags, audio)
        self._map: dict[str, list[str]] = {}
        for key, value in tags:
            self._map.setdefault(key.lower(), []).append(value)

    @classmethod
    def handles(cls, tags: Any) -> bool:
        # mutagen: only where tags are read or written
        from mutagen._vorbis import VComment

        return isinstance(tags, VComment)

    def values(self, key: str) -> list[str]:
        return self._map.get(key, [])

    def first(self, field: str) -> str | None:
        get = self._map.get
        for key in self.fields.get(field, ()):
            for v in get(key, ()):
                v = v.strip()
                if v:
                    return v
        return None

    def rating(self) -> tuple[float | None, str | None]:
        for key in ("fmps_rating",):
            for v in self.values(key):
                stars = ratings.fmps_to_stars(v)
                if stars is not None:
                    return stars, "FMPS_RATING"
        for v in self.values("rating"):
            stars = ratings.text_rating_to_stars(v)
            if stars is not None:
                return stars, "RATING"
        # Quod Libet and Picard write "RATING:<e-mail>" on a 0..1 scale.
        for key, vals in self._map.items():
            if key.startswith("rating:") and vals:
                stars = ratings.fmps_to_stars(vals[0])
                if stars is not None:
                    return stars, f"RATING:{key[7:]}"
        return None, None

    def play_count(self) -> int | None:
        for key in ("fmps_playcount", "playcount", "play_count"):
            for v in self.values(key):
                if (found := ratings.parse_count(v)) is not None:
                    return found
        for key, vals in self._map.items():
            if key.startswith("playcount:") and vals:
                return ratings.parse_count(vals[0])
        return None

    def cover(self) -> bytes | None:
        pictures = list(getattr(self.audio, "pictures", None) or [])  # FLAC picture blocks
        for encoded in self.values("metadata_block_picture"):
            try:
                # mutagen: only where tags are read or written
                from mutagen.flac import Picture

                pictures.append(Picture(base64.b64decode(encoded)))
            except Exception:  # a broken picture block is not a broken file
                continue
        if pictures:
            front = [p for p in pictures if p.type == 3]
            return bytes((front or pictures)[0].data) or None
        for encoded in self.values("coverart"):
            try:
                return base64.b64decode(encoded) or None
            except (binascii.Error, ValueError):
                continue
        return None
