"""Files opened from outside the library folders (``companion --open``, a file manager's "Open with").

Such a file is read like a scanned one and kept as an item of no folder, so its plays, skips and
ratings count like any other; a later scan of a folder that holds it takes it over.
"""

from __future__ import annotations

import os
import sqlite3

from companion.core.db import items as item_db
from companion.core.db.scans import ScannedFile
from companion.core.errors import MediaError
from companion.core.library.covers import pick_folder_art
from companion.core.library.formats import kind_for_path
from companion.core.library.pathcodec import to_db
from companion.core.library.reader import Gone, Read, Unread, init_worker, named, read_packed
from companion.core.library.writer import write_batch


def adopt_file(conn: sqlite3.Connection, covers_dir: str, path: str) -> int:
    """The item id for the media file at ``path``, reading it into the library when it is not there yet.

    Raises :class:`MediaError` with a plain reason when the file cannot be played."""
    path = os.path.abspath(path)
    known = item_db.id_for_path(conn, to_db(path))
    if known is not None:
        return known
    kind = kind_for_path(path)
    if kind not in ("music", "video"):
        raise MediaError("not a media file (Companion plays music and video files)")
    try:
        info = os.stat(path)
        names = os.listdir(os.path.dirname(path))
    except OSError as e:
        raise MediaError(f"the file could not be read ({e.strerror or e})") from e
    art_name = pick_folder_art(names)
    art = os.path.join(os.path.dirname(path), art_name) if art_name else None
    init_worker(covers_dir)
    rec = named(read_packed((path, kind, info.st_size, info.st_mtime_ns, art, os.path.dirname(path))))
    if isinstance(rec, Gone):
        raise MediaError("no such file")
    if isinstance(rec, Unread):
        raise MediaError(rec.reason)
    if not isinstance(rec, Read):  # a file whose CUE sheet makes it several tracks (Tracks)
        raise MediaError("it holds several tracks (a CUE sheet): add its folder to the library to play them")
    write_batch(conn, [ScannedFile(rec.key, rec.values, None)])
    item_id = item_db.id_for_path(conn, rec.key)
    assert item_id is not None  # just written
    return item_id
