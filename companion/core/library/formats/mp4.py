"""MP4 / M4A atoms; freeform ``----:com.apple.iTunes:NAME`` atoms hold everything iTunes has no atom for."""

from __future__ import annotations

from typing import Any

from companion.core.library import ratings
from companion.core.library.formats.registry import TagFormat

_FREE = "----:com.apple.iTunes:"


class MP4Format(TagFormat):
    name = "mp4"
    extensions = frozenset({".m4a", ".m4b", ".m4p", ".mp4"})
    fields = {
        "title": ("©nam",),
        "artist": ("©ART",),
        "album_artist": ("aART",),
        "album": ("©alb",),
        "genres": ("©gen", "gnre"),
        "date": ("©day",),
        "bpm": ("tmpo",),
        "mood": (_FREE + "MOOD",),
        "mb_track_id": (_FREE + "MusicBrainz Track Id",),
        "mb_album_id": (_FREE + "MusicBrainz Album Id",),
        "mb_artist_id": (_FREE + "MusicBrainz Artist Id",),
        "rg_track_gain": (_FREE + "replaygain_track_gain",),
        "rg_track_peak": (_FREE + "replaygain_track_peak",),
        "rg_album_gain": (_FREE + "replaygain_album_gain",),
        "rg_album_peak": (_FREE + "replaygain_album_peak",),
    }
    # "rtng" is the content advisory (explicit / clean), not a rating: never read.
    _RATING_KEYS = ("rate", "rating", "RATING", "Rating")

    def __init__(self, tags: Any, audio: Any = None) -> None:
        super().__init__(tags, audio)
        self._lower = {k.lower(): k for k in tags}

    @classmethod
    def handles(cls, tags: Any) -> bool:
        # mutagen: only where tags are read or written
        from mutagen.mp4 import MP4Tags

        return isinstance(tags, MP4Tags)

    def values(self, key: str) -> list[str]:
        real = self._lower.get(key.lower())
        if real is None:
            return []
        out = []
        for v in self.tags[real]:
            if isinstance(v, bytes):
                v = v.decode("utf-8", "replace")
            elif key == "gnre" and isinstance(v, int):
                # mutagen: only where tags are read or written
                from mutagen.id3 import TCON

                v = TCON.GENRES[v - 1] if 0 < v <= len(TCON.GENRES) else ""
            out.append(str(v))
        return out

    def pair(self, field: str) -> tuple[int | None, int | None]:
        atom = {"track": "trkn", "disc": "disk"}.get(field)
        if atom and self.tags.get(atom):
            first = self.tags[atom][0]
            num, total = (first + (0,))[:2] if isinstance(first, tuple) else (first, 0)
            return (num or None), (total or None)
        return None, None

    def rating(self) -> tuple[float | None, str | None]:
        for v in self.values(_FREE + "FMPS_Rating"):
            if (stars := ratings.fmps_to_stars(v)) is not None:
                return stars, "FMPS_Rating"
        for key in self._RATING_KEYS:
            for atom in (_FREE + key, key):
                for v in self.values(atom):
                    if (stars := ratings.text_rating_to_stars(v)) is not None:
                        return stars, atom
        return None, None

    def play_count(self) -> int | None:
        for v in self.values(_FREE + "FMPS_Playcount"):
            if (found := ratings.parse_count(v)) is not None:
                return found
        return None

    def cover(self) -> bytes | None:
        covers = self.tags.get("covr")
        return bytes(covers[0]) if covers else None
