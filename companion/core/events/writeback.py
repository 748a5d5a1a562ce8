"""Writing a rating back into the file's own tags, so it survives a move to another player.

Only when ``settings.write_ratings_to_files`` is on. The scales are the library's
(``companion.core.library.ratings``), so what is written reads back as the same stars:
ID3 (MP3, WAV, AIFF) gets a POPM frame on the Windows Media Player scale (the de facto
one; whole stars), Vorbis comments (FLAC, Ogg, Opus) get ``FMPS_RATING`` (0..1, exact).
Other formats are left untouched and say so. A track of a CUE sheet is never written: its file holds
the whole album (every track would get its stars), so its rating stays in Companion's database only.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from companion.core.db import items as item_db
from companion.core.db.cue_tracks import cue_spans
from companion.core.errors import MediaError
from companion.core.library.pathcodec import display, from_db
from companion.core.library.ratings import WMP_EMAIL, stars_to_fmps, stars_to_popm

ID3_SUFFIXES = (".mp3", ".wav", ".aiff", ".aif")
VORBIS_SUFFIXES = (".flac", ".ogg", ".oga", ".opus")


CUE_TRACK_NOTE = (
    "a track of a CUE sheet shares its file with the rest of the album, so its rating is kept in "
    "Companion only"
)


def supports(path: str | Path) -> bool:
    return Path(path).suffix.lower() in ID3_SUFFIXES + VORBIS_SUFFIXES


def write_rating(path: str | Path, stars: float | None) -> None:
    """Store ``stars`` (None removes our rating) in the file's tags; MediaError when that fails."""
    # mutagen: only where tags are read or written
    import mutagen

    path = Path(path)
    suffix = path.suffix.lower()
    if not supports(path):
        raise MediaError(f"cannot write a rating into {suffix or 'this'} files: {path.name}")
    try:
        audio = mutagen.File(path)
        if audio is None:
            raise MediaError(f"not a tagged media file: {path.name}")
        if audio.tags is None:
            audio.add_tags()
        if suffix in ID3_SUFFIXES:
            _write_popm(audio.tags, stars)
        else:
            if stars is None:
                if "FMPS_RATING" in audio.tags:
                    del audio.tags["FMPS_RATING"]
            else:
                audio.tags["FMPS_RATING"] = [stars_to_fmps(stars)]
        audio.save()
    except MediaError:
        raise
    except (OSError, mutagen.MutagenError, ValueError) as e:
        raise MediaError(f"could not write the rating into {path.name}: {e}") from e


def _write_popm(tags: Any, stars: float | None) -> None:  # tags: mutagen.id3.ID3
    # mutagen: only where tags are read or written
    from mutagen.id3 import POPM

    key = f"POPM:{WMP_EMAIL}"
    if stars is None or stars <= 0:
        tags.delall(key)
        return
    old = tags.get(key)
    count = getattr(old, "count", 0) if old is not None else 0
    tags.setall(key, [POPM(email=WMP_EMAIL, rating=stars_to_popm(stars, WMP_EMAIL), count=count)])


def write_item_rating(conn: sqlite3.Connection, item_id: int, stars: float | None) -> str | None:
    """Write the item's stars into its file; return a one-line warning when that was not possible."""

    stored = item_db.path_of(conn, item_id)
    if stored is None:
        return f"no library item {item_id}"
    if cue_spans(conn, [item_id]):
        return CUE_TRACK_NOTE
    path = from_db(stored)
    try:
        write_rating(path, stars)
    except MediaError as e:
        return f"{e} ({display(path)})" if display(path) not in str(e) else str(e)
    return None
