"""Exporting what Companion shows (a home row, a queue, a saved playlist) as a playlist file."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from companion.core.db import items as item_db
from companion.core.library.pathcodec import from_db
from companion.core.playlists.cue_export import has_cue_tracks, whole_file_note, with_cue_tracks
from companion.core.playlists.model import PlaylistError, Track
from companion.core.playlists.repo import get_playlist, playlist_item_ids
from companion.core.playlists.writers import format_for, write_playlist
from companion.core.taste.rows import Row


class Exported(NamedTuple):
    """A written playlist: where, how many entries, and a line worth saying (CUE tracks written whole)."""

    path: Path
    entries: int
    note: str | None = None


def tracks_for_items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> list[Track]:
    """Tracks for these items in the given order (CUE tracks as other players play them,
    ``cue_export``); ids not in the library are left out."""
    found = {
        i: Track(
            from_db(t.path), title=t.title, artist=t.artist or t.show, album=t.album, duration=t.duration
        )
        for i, t in item_db.tracks(conn, item_ids).items()
    }
    return with_cue_tracks(conn, [(int(i), found[int(i)]) for i in item_ids if int(i) in found])


def export_items(
    conn: sqlite3.Connection,
    item_ids: Sequence[int],
    path: str | Path,
    *,
    relative: bool = False,
    title: str | None = None,
) -> Exported:
    """Write these items (a queue, a selection) to ``path``."""
    format_for(path)  # an unknown extension fails before any work
    return _write(path, tracks_for_items(conn, item_ids), relative, title)


def export_row(
    row: Row, path: str | Path, *, relative: bool = False, conn: sqlite3.Connection | None = None
) -> Exported:
    """Write a home row's items to ``path`` (``conn``: to write its CUE tracks as other players play them)."""
    format_for(path)
    return _write(path, tracks_for_row(row, conn), relative, row.title)


def _write(path: str | Path, tracks: list[Track], relative: bool, title: str | None) -> Exported:
    written = write_playlist(path, tracks, relative=relative, title=title)
    return Exported(written, len(tracks), whole_file_note(str(path), tracks))


def export_playlist(
    conn: sqlite3.Connection, playlist_id: int, path: str | Path, *, relative: bool = False
) -> Exported:
    """Write a saved playlist's matched items to ``path`` (entries that matched nothing are left out)."""

    info = get_playlist(conn, playlist_id)
    if info is None:
        raise PlaylistError(f"playlist {playlist_id} no longer exists")
    return export_items(conn, playlist_item_ids(conn, playlist_id), path, relative=relative, title=info.name)


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def file_name_for(title: str, ext: str = "m3u8", limit: int = 80) -> str:
    """A file name for a playlist called ``title`` that every file system accepts (``Chill Mix.m3u8``)."""
    name = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")[:limit].strip(" .")
    return f"{name or 'Playlist'}.{ext}"


def drag_file(folder: str | Path, title: str, tracks: Sequence[Track], keep: int = 20) -> Path:
    """Write ``tracks`` as ``folder/<n>/<title>.m3u8`` for dragging out to a file manager.

    Each drag gets its own sub-folder (the dropped file keeps the playlist's name); only the newest
    ``keep`` are kept, so the cache never grows."""
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    old = sorted((p for p in base.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    for stale in old[: max(0, len(old) - keep + 1)]:
        for f in stale.iterdir():
            f.unlink(missing_ok=True)
        stale.rmdir()
    n = int(old[-1].name) + 1 if old else 1
    target = base / str(n) / file_name_for(title)
    target.parent.mkdir()
    return write_playlist(target, tracks, title=title)


def tracks_for_row(row: Row, conn: sqlite3.Connection | None = None) -> list[Track]:
    """A row's items as tracks; with ``conn``, its CUE tracks as other players play them."""
    entries = [
        (
            i.item_id,
            Track(from_db(i.path), title=i.title, artist=i.artist, album=i.album, duration=i.duration),
        )
        for i in row.items
    ]
    return with_cue_tracks(conn, entries) if conn is not None else [t for _, t in entries]


def row_has_cue_tracks(row: Row) -> bool:
    """Whether writing this row needs the library (it holds tracks of a CUE sheet)."""
    return has_cue_tracks(tracks_for_row(row))
