"""The scan's read phase: one file into an item record, in the scan's worker processes.

:func:`read_one` returns a plain dict: ``{"path", "ok": True, ...columns}`` or ``{"path", "ok": False,
"error": plain-language reason}`` or ``{"path", "gone": True}``. :func:`read_packed` sends it back as a
plain tuple in the layout of :class:`Read`, :class:`Unread` or :class:`Gone` (a named tuple costs ten
times as much to pickle as a plain one), and :func:`named` turns that into the record on arrival.
mutagen's and PyAV's errors become plain sentences here, at the boundary.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

from companion.core.errors import MediaError
from companion.core.library import read_limit
from companion.core.library.audio_file import DAMAGED, clean_error, read_container_audio, read_music
from companion.core.library.columns import pack
from companion.core.library.covers import store_cover
from companion.core.library.cue_items import EMBEDDED, cue_records
from companion.core.library.fingerprint import fingerprint, fingerprint_file
from companion.core.library.formats.container import AV_AUDIO_EXTENSIONS
from companion.core.library.pathcodec import display, to_db
from companion.core.library.video import guess_names, probe, thumbnail_of

log = logging.getLogger(__name__)
_covers_dir: Path | None = None
_thumbnails = True  # make video thumbnails while reading (the scan makes them in a later pass instead)
_folder_art: dict[tuple[str, int, int], str | None] = {}  # (path, size, mtime_ns) -> cover key


def init_worker(covers_dir: str | None, thumbnails: bool = True, worker: bool = False) -> None:
    """Where this process caches cover images, and whether reading a video also makes its thumbnail (the
    scan leaves thumbnails to its last pass: see :func:`read_thumbnail`). ``worker``: this is a pool's
    worker process: its time limit is a steady tick (no timer to set and clear for every file: two system
    calls a file fewer), and what it inherited from its parent is left out of garbage collection."""
    global _covers_dir, _thumbnails
    _covers_dir = Path(covers_dir) if covers_dir else None
    _thumbnails = thumbnails
    if worker:
        gc.freeze()  # a forked worker need not scan (and so copy) the objects of its parent
        gc.set_threshold(20_000, 20, 20)  # parsing makes few cycles: collect rarely (2% of a worker's time)
        _keep_freed_memory()
        read_limit.start_ticking()


def _keep_freed_memory() -> None:
    """glibc hands large blocks back to the system as soon as they are freed, so FFmpeg's probe buffers
    came back as ~900 fresh (zero-filled) pages for every video: 1.2 ms a video instead of 0.45. A worker
    lives for one scan, so it keeps freed memory for reuse instead (Linux with glibc; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    # only in the reading workers
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
        mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD: blocks below 32 MiB come from the heap
        mallopt(-1, 64 << 20)  # M_TRIM_THRESHOLD: keep up to 64 MiB free at the heap's top
    except (OSError, AttributeError):
        pass


def read_one(task: tuple[Any, ...]) -> dict[str, Any]:
    """(path, kind, size, mtime_ns, folder art, library root[, CUE sheets beside it]) -> a result dict.
    Never raises. Size and mtime None: not stat-ed yet (the walk leaves that to the open file here).
    The folder art is None, its path, or (path, size, mtime_ns). A file a CUE sheet describes gets
    ``cue_tracks``: (item path text, record) per track. One piece on purpose: every way reading one file can
    fail becomes its result here, under one time limit armed once."""
    path, kind, size, mtime_ns, art, root = task[:6]
    cues = task[6] if len(task) > 6 else None  # CUE sheets in the file's folder (the scan passes them)
    previous: Any = False
    try:
        if size == 0:
            raise MediaError("the file is empty (0 bytes)")
        previous = read_limit.arm(read_limit.READ_LIMIT_S)
        try:
            rec = None
            if kind == "video" or path[path.rfind(".") :].lower() in AV_AUDIO_EXTENSIONS:
                if size is None:
                    size, mtime_ns = _stat(os.stat(path))
                rec = (
                    _read_video(path, root)
                    if kind == "video"
                    else read_container_audio(path, root, _covers_dir)
                )
            if rec is None:
                with open(path, "rb") as f:  # one open for the tags and the fingerprint
                    if size is None:
                        size, mtime_ns = _stat(os.fstat(f.fileno()))
                    rec = read_music(path, root, f, _covers_dir)
                    rec["kind"] = "music"
                    rec["fingerprint"] = fingerprint_file(f, size)
            else:
                rec["fingerprint"] = fingerprint(path, size)
            if art and not rec.get("cover_key"):
                rec["cover_key"] = _folder_cover(art)
            if rec["kind"] == "music" and (cues or rec.get(EMBEDDED) is not None):
                rec["cue_tracks"] = cue_records(path, rec, cues)
        finally:
            read_limit.disarm(previous)
    except read_limit.TookTooLong:
        size, mtime_ns = _known_stat(path, size, mtime_ns)
        return {
            "path": path,
            "ok": False,
            "size": size,
            "mtime_ns": mtime_ns,
            "error": f"reading it took longer than {read_limit.READ_LIMIT_S:g} s (a hung drive or a file that "
            "never ends), so it was skipped",
        }
    except FileNotFoundError:
        return {"path": path, "gone": True}
    except MediaError as e:
        error = str(e)
    except PermissionError:
        error = "permission denied: Companion may not read this file"
    except OSError as e:
        error = f"the file could not be read ({e.strerror or e})"
    except Exception as e:  # a bug in a parser must cost one file, never the scan
        log.warning("reading %r failed: %s: %s", path, type(e).__name__, clean_error(e))
        error = DAMAGED
    else:
        rec.update(path=path, ok=True, size=size, mtime_ns=mtime_ns)
        return rec
    size, mtime_ns = _known_stat(path, size, mtime_ns)
    return {"path": path, "ok": False, "error": error, "size": size, "mtime_ns": mtime_ns}


def _stat(info: os.stat_result) -> tuple[int, int]:
    if info.st_size == 0:
        raise MediaError("the file is empty (0 bytes)")
    return info.st_size, info.st_mtime_ns


def _known_stat(path: str, size: int | None, mtime_ns: int | None) -> tuple[int | None, int | None]:
    """A failure's size and mtime (stored so an unchanged broken file is not read again): when the walk
    left them to the reader and it failed before it had them, one ``stat`` now."""
    if size is not None:
        return size, mtime_ns
    try:
        info = os.stat(path)
    except OSError:
        return None, None
    return info.st_size, info.st_mtime_ns


class Read(NamedTuple):
    """A file read: its item row."""

    status: str  # "ok"
    path: str
    key: str  # the path as stored
    values: tuple[Any, ...]  # in TAG_COLUMNS order


class Unread(NamedTuple):
    """A file that could not be read, and why (size and mtime so an unchanged one is not read again)."""

    status: str  # "fail"
    path: str
    reason: str
    size: int | None
    mtime_ns: int | None


class Gone(NamedTuple):
    """A file that vanished between the walk and its reading."""

    status: str  # "gone"
    path: str


class Tracks(NamedTuple):
    """A file a CUE sheet describes: one item row per track (the file itself is not an item then)."""

    status: str  # "multi"
    path: str
    tracks: list[tuple[str, tuple[Any, ...]]]  # (the track's path as stored, its values in TAG_COLUMNS order)


_RECORDS: dict[str, type] = {"ok": Read, "fail": Unread, "gone": Gone, "multi": Tracks}


def named(result: tuple[Any, ...]) -> Read | Unread | Gone | Tracks:
    """A result of :func:`read_packed` as its record (one C call: the scan's main process makes one a file)."""
    return tuple.__new__(_RECORDS[result[0]], result)


def lost(task: tuple[Any, ...]) -> tuple[Any, ...]:
    """The result for a file whose reading ended the worker process (twice: once with others, once alone)."""
    path, _kind, size, mtime_ns, *_ = task
    return (
        "fail",
        path,
        "reading it made the reader process stop (a damaged file, or a fault in a media library it needs)",
        size,
        mtime_ns,
    )


def read_packed(task: tuple[Any, ...]) -> tuple[Any, ...]:
    """:func:`read_one` in the compact form the pool sends back: a plain tuple in the layout of
    :class:`Read` ("ok", path, path text, values), :class:`Tracks` ("multi", path, [(path text, values),
    ...]) for a CUE sheet's tracks, :class:`Unread` ("fail", path, reason, size, mtime_ns) or :class:`Gone`
    ("gone", path)."""
    rec = read_one(task)
    if rec.get("gone"):
        return ("gone", rec["path"])
    if not rec["ok"]:
        return ("fail", rec["path"], rec["error"], rec["size"], rec["mtime_ns"])
    tracks = rec.pop("cue_tracks", None)
    if tracks:  # one item per track of its CUE sheet; the file itself is not an item then
        for _key, t in tracks:
            t.update(path=rec["path"], size=rec["size"], mtime_ns=rec["mtime_ns"])
        return ("multi", rec["path"], [(key, pack(t)) for key, t in tracks])
    return ("ok", rec["path"], to_db(rec["path"]), pack(rec))


def read_thumbnail(task: tuple[int, str]) -> tuple[int, str | None]:
    """(item id, video path) -> (item id, thumbnail key): "" when the video has no picture to show,
    None when the file is gone (a later scan tries again). Never raises."""
    item_id, path = task
    if _covers_dir is None:
        return item_id, None

    previous: Any = False
    try:
        previous = read_limit.arm(read_limit.READ_LIMIT_S)
        try:
            return item_id, thumbnail_of(path, _covers_dir)
        finally:
            read_limit.disarm(previous)
    except read_limit.TookTooLong:
        return item_id, ""
    except FileNotFoundError:
        return item_id, None
    except Exception:  # a thumbnail is a nicety: never a failure of the scan
        return item_id, ""


def _read_video(path: str, root: str) -> dict[str, Any] | None:
    facts = probe(path, _covers_dir if _thumbnails else None)
    if facts is None:  # no picture: music (Matroska and WebM through PyAV, the rest through mutagen)
        if path[path.rfind(".") :].lower() in AV_AUDIO_EXTENSIONS:
            return read_container_audio(path, root, _covers_dir)
        return None
    rec: dict[str, Any] = {"kind": "video", **{k: v for k, v in facts.items() if k != "embedded_title"}}
    guess = guess_names(display(path))
    rec.update(guess)
    if facts.get("embedded_title") and guess.get("video_type") != "episode":
        rec["title"] = facts["embedded_title"]
    rec["title"] = rec.get("title") or Path(display(path)).stem
    return rec


def _folder_cover(art: str | tuple[str, int, int]) -> str | None:
    """The key of a folder's cover image: ``art`` is its path, or (path, size, mtime_ns) as the walk saw it
    (then the image is read once a process, with no ``stat`` for every track of the album)."""
    if _covers_dir is None:
        return None
    try:
        if isinstance(art, tuple):
            memo, art_path = art, art[0]
        else:
            st = os.stat(art)
            memo, art_path = (art, st.st_size, st.st_mtime_ns), art
        if memo not in _folder_art:
            with open(art_path, "rb") as f:
                _folder_art[memo] = store_cover(_covers_dir, f.read(8 * 1024 * 1024))
        return _folder_art[memo]
    except OSError:
        return None
