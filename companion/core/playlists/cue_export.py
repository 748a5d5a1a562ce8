"""Tracks of CUE sheets in an exported playlist, written so that another player plays them.

A CUE track's item path is ``<file>#trackNN`` (``library/cue.py``), which no other player can open. As
foobar2000 and VLC-compatible exports do: a whole album in the mix, in the sheet's order, is written once as
the sheet's path (VLC, mpv and foobar2000 open a ``.cue`` as its tracks), or as its audio file when the sheet
is inside that file or names a file that is not there (a sheet written for ``album.wav`` before it became
``album.flac``: Companion finds the FLAC, other players do not), since the file played through is the album
in order; any other CUE track is its audio file with where the track starts and stops
(``writers.vlc_options``), or the whole file in a format that cannot say that (PLS), which the export then
reports (``whole_file_note``).
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from companion.core.db.cue_tracks import TRACK_MARK, cue_spans, sheet_tracks, sheets_of
from companion.core.library.cue import file_of_track_key, read_sheet
from companion.core.library.pathcodec import from_db, to_db
from companion.core.playlists.model import Track
from companion.core.playlists.writers import PARTS, format_for


def has_cue_tracks(tracks: Sequence[Track]) -> bool:
    """Whether any of these tracks may be a CUE track (the cheap test before asking the library)."""
    return any(TRACK_MARK in t.path for t in tracks)


def with_cue_tracks(conn: sqlite3.Connection, entries: Sequence[tuple[int, Track]]) -> list[Track]:
    """(item id, track) pairs in playlist order -> the tracks to write, CUE tracks made playable."""
    if not has_cue_tracks([t for _, t in entries]):
        return [t for _, t in entries]
    ids = [i for i, _ in entries]
    sheets = sheets_of(conn, ids)
    spans = cue_spans(conn, list(sheets))
    albums = sheet_tracks(conn, sorted(set(sheets.values())))
    out: list[Track] = []
    k = 0
    while k < len(entries):
        item_id, track = entries[k]
        sheet = sheets.get(item_id)
        album = albums.get(sheet, []) if sheet is not None else []
        if album and ids[k : k + len(album)] == album:
            out.append(_whole_album(sheet, [t for _, t in entries[k : k + len(album)]]))
            k += len(album)
            continue
        if sheet is not None:
            start, end = spans.get(item_id, (0.0, None))
            track = replace(track, path=from_db(file_of_track_key(to_db(track.path))), start=start, end=end)
        out.append(track)
        k += 1
    return out


def _whole_album(sheet: str | None, tracks: list[Track]) -> Track:
    """One entry for a whole album in its order: the sheet, or the audio file (see the module's note)."""
    artists = Counter(t.artist for t in tracks if t.artist)
    durations = [t.duration for t in tracks]
    audio = from_db(file_of_track_key(to_db(tracks[0].path)))
    cue = from_db(sheet or "")
    return Track(
        cue if cue != audio and _names_exactly(cue, audio) else audio,
        title=tracks[0].album or tracks[0].title,
        artist=artists.most_common(1)[0][0] if artists else None,
        album=tracks[0].album,
        duration=sum(d for d in durations if d) if all(durations) else None,
    )


def _names_exactly(cue_path: str, audio_path: str) -> bool:
    """Whether the sheet's FILE line names the audio file as it is (what other players look for)."""
    try:
        named = read_sheet(cue_path).file
    except (OSError, ValueError):
        return False
    if not named:
        return False
    return os.path.join(os.path.dirname(cue_path), named.replace("\\", "/")) == audio_path


def whole_file_note(path: str, tracks: Sequence[Track]) -> str | None:
    """What the export summary says when a format could not keep tracks to their part of a file."""
    fmt = format_for(path)
    parts = sum(1 for t in tracks if t.is_part)
    if fmt in PARTS or not parts:
        return None
    what = "1 CUE track was" if parts == 1 else f"{parts} CUE tracks were"
    return (
        f"{what} written as the whole album file ({fmt.upper()} cannot say where a track starts; "
        ".m3u8, .m3u and .xspf can)"
    )
