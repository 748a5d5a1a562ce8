"""The scan's read phase: one file into an item record, in the scan's worker processes.

:func:`read_one` returns a plain dict: ``{"path", "ok": True, ...columns}`` or ``{"path", "ok": False,
"error": plain-language reason}`` or ``{"path", "gone": True}``. :func:`read_packed` sends it back as a
plain tuple in the layout of :class:`Read`, :class:`Unread` or :class:`Gone` (a named tuple costs ten
times as much to pickle as a plain one), and :func:`named` turns that into the record on arrival.
mutagen's and PyAV's errors become plain sentences here, at the boundary.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from companion.core.errors import MediaError
from companion.core.library.columns import pack
from companion.core.library.covers import store_cover
from companion.core.library.cue_items import EMBEDDED, cue_records, embedded_sheet
from companion.core.library.fingerprint import fingerprint, fingerprint_file
from companion.core.library.formats.container import AV_AUDIO_EXTENSIONS
from companion.core.library.formats.registry import format_for_tags, mutagen_loader_for
from companion.core.library.pathcodec import display, to_db
from companion.core.library.video import guess_names, probe, thumbnail_of

log = logging.getLogger(__name__)
DAMAGED = "the file is damaged: Companion could not make sense of its contents"
_covers_dir: Path | None = None
_thumbnails = True  # make video thumbnails while reading (the scan makes them in a later pass instead)
_folder_art: dict[tuple[str, int, int], str | None] = {}  # (path, size, mtime_ns) -> cover key
_YEAR_SUFFIX = re.compile(r"\s*[\(\[](\d{4})[\)\]]\s*$")
_TRACK_NAME = re.compile(r"^\s*(?:(\d{1,2})[-.](?=\d))?(\d{1,3})\s*[-._)]*\s+(.+)$")


def init_worker(covers_dir: str | None, thumbnails: bool = True, worker: bool = False) -> None:
    """Where this process caches cover images, and whether reading a video also makes its thumbnail (the
    scan leaves thumbnails to its last pass: see :func:`read_thumbnail`). ``worker``: this is a pool's
    worker process: its time limit is a steady tick (no timer to set and clear for every file: two system
    calls a file fewer), and what it inherited from its parent is left out of garbage collection."""
    global _covers_dir, _thumbnails, _ticking
    _covers_dir = Path(covers_dir) if covers_dir else None
    _thumbnails = thumbnails
    if worker:
        gc.freeze()  # a forked worker need not scan (and so copy) the objects of its parent
        gc.set_threshold(20_000, 20, 20)  # parsing makes few cycles: collect rarely (2% of a worker's time)
        _keep_freed_memory()
        if _CAN_TIME and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGALRM, _on_tick)
            tick = min(TICK_S, READ_LIMIT_S / 4)
            signal.setitimer(signal.ITIMER_REAL, tick, tick)
            _ticking = True


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


READ_LIMIT_S = 60.0  # one file may take this long; then it is a failure and the scan goes on
TICK_S = 1.0  # a worker checks the limit this often (so a file is stopped within 60-61 s)


class TookTooLong(BaseException):
    """Raised by the timer inside a parser; a BaseException so no parser's ``except Exception`` eats it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise TookTooLong()


def _on_tick(signum: int, frame: Any) -> None:
    deadline = _deadline
    if deadline is not None and time.monotonic() >= deadline:
        raise TookTooLong()


def _arm(seconds: float) -> Any:
    """Start the limit for one file; returns what :func:`_disarm` needs (False when there is no limit here)."""
    global _deadline
    if _ticking:
        _deadline = time.monotonic() + seconds
        return _TICK
    if not _CAN_TIME or threading.current_thread() is not threading.main_thread():
        return False
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def _disarm(previous: Any) -> None:
    global _deadline
    if previous is _TICK:  # a worker's tick goes on; only the file's deadline ends
        _deadline = None
    elif previous is not False:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)


_CAN_TIME = hasattr(signal, "setitimer")
_TICK = object()
_ticking = False  # this worker process checks the limit on a steady SIGALRM tick
_deadline: float | None = None  # ... against this (monotonic) time, while a file is being read


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (POSIX, main thread: where scan workers run); else no limit."""
    previous = _arm(seconds)
    try:
        yield
    finally:
        _disarm(previous)


def read_one(task: tuple) -> dict[str, Any]:
    """(path, kind, size, mtime_ns, folder art, library root[, CUE sheets beside it]) -> a result dict.
    Never raises. Size and mtime None: not stat-ed yet (the walk leaves that to the open file here).
    The folder art is None, its path, or (path, size, mtime_ns). A file a CUE sheet describes gets
    ``cue_tracks``: (item path text, record) per track."""
    path, kind, size, mtime_ns, art, root = task[:6]
    cues = task[6] if len(task) > 6 else None  # CUE sheets in the file's folder (the scan passes them)
    previous: Any = False
    try:
        if size == 0:
            raise MediaError("the file is empty (0 bytes)")
        previous = _arm(READ_LIMIT_S)
        try:
            rec = None
            if kind == "video" or path[path.rfind(".") :].lower() in AV_AUDIO_EXTENSIONS:
                if size is None:
                    size, mtime_ns = _stat(os.stat(path))
                rec = _read_video(path, root) if kind == "video" else _read_av_audio(path, root)
            if rec is None:
                with open(path, "rb") as f:  # one open for the tags and the fingerprint
                    if size is None:
                        size, mtime_ns = _stat(os.fstat(f.fileno()))
                    rec = _read_music(path, root, f)
                    rec["kind"] = "music"
                    rec["fingerprint"] = fingerprint_file(f, size)
            else:
                rec["fingerprint"] = fingerprint(path, size)
            if art and not rec.get("cover_key"):
                rec["cover_key"] = _folder_cover(art)
            if rec["kind"] == "music" and (cues or rec.get(EMBEDDED) is not None):
                rec["cue_tracks"] = cue_records(path, rec, cues)
        finally:
            _disarm(previous)
    except TookTooLong:
        size, mtime_ns = _known_stat(path, size, mtime_ns)
        return {
            "path": path,
            "ok": False,
            "size": size,
            "mtime_ns": mtime_ns,
            "error": f"reading it took longer than {READ_LIMIT_S:g} s (a hung drive or a file that "
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
        log.warning("reading %r failed: %s: %s", path, type(e).__name__, _clean(e))
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
    values: tuple  # in TAG_COLUMNS order


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
    tracks: list[tuple[str, tuple]]  # (the track's path as stored, its values in TAG_COLUMNS order)


_RECORDS: dict[str, type] = {"ok": Read, "fail": Unread, "gone": Gone, "multi": Tracks}


def named(result: tuple) -> Read | Unread | Gone | Tracks:
    """A result of :func:`read_packed` as its record (one C call: the scan's main process makes one a file)."""
    return tuple.__new__(_RECORDS[result[0]], result)


def lost(task: tuple) -> tuple:
    """The result for a file whose reading ended the worker process (twice: once with others, once alone)."""
    path, _kind, size, mtime_ns, *_ = task
    return (
        "fail",
        path,
        "reading it made the reader process stop (a damaged file, or a fault in a media library it needs)",
        size,
        mtime_ns,
    )


def read_packed(task: tuple) -> tuple:
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
        previous = _arm(READ_LIMIT_S)
        try:
            return item_id, thumbnail_of(path, _covers_dir)
        finally:
            _disarm(previous)
    except TookTooLong:
        return item_id, ""
    except FileNotFoundError:
        return item_id, None
    except Exception:  # a thumbnail is a nicety: never a failure of the scan
        return item_id, ""


def _read_music(path: str, root: str, f: BinaryIO) -> dict[str, Any]:
    # here, not at the top: an unchanged rescan never needs it
    import mutagen

    try:
        audio = _open_audio(f, os.path.splitext(path)[1].lower())
    except (FileNotFoundError, PermissionError):
        raise
    except mutagen.MutagenError as e:
        if isinstance(e.__cause__, FileNotFoundError) or isinstance(e.__context__, FileNotFoundError):
            raise FileNotFoundError(path) from None
        log.info("mutagen could not read %r: %s: %s", path, type(e).__name__, _clean(e))
        raise MediaError(_mutagen_reason(e)) from None
    except (ValueError, IndexError, KeyError, OverflowError, EOFError, UnicodeError, ZeroDivisionError) as e:
        log.info("mutagen could not read %r: %s: %s", path, type(e).__name__, _clean(e))
        raise MediaError(DAMAGED) from None
    if audio is None:
        raise MediaError(
            "not an audio format Companion can read (the content does not match any known format)"
        )
    info = getattr(audio, "info", None)
    rec: dict[str, Any] = {
        "duration": _pos(getattr(info, "length", None)),
        "bitrate": _pos_int(getattr(info, "bitrate", None)),
        "sample_rate": _pos_int(
            getattr(info, "sample_rate", None) or (48000 if type(audio).__name__ == "OggOpus" else None)
        ),  # Opus always plays at 48 kHz
        "channels": _pos_int(getattr(info, "channels", None)),
    }
    fmt = format_for_tags(audio.tags, audio)
    if fmt is not None:
        _fill_from_tags(rec, fmt, audio)
    if ext_is_flac(path):
        sheet = embedded_sheet(audio)
        if sheet is not None:
            rec[EMBEDDED] = sheet
    if not (
        rec.get("title")
        and rec.get("track_no")
        and rec.get("album")
        and rec.get("artist")
        and rec.get("year")
    ):
        _fill_from_names(rec, path, root)
    return rec


def ext_is_flac(path: str) -> bool:
    return path[-5:].lower() == ".flac"


def _open_audio(f: BinaryIO, ext: str) -> Any:
    """The extension's own mutagen class first (fast); mutagen.File()'s guessing when that fails."""
    # mutagen: only where tags are read or written
    import mutagen

    load = mutagen_loader_for(ext)
    if load is not None:
        try:
            return load(f)
        except Exception:  # the content is not what the name says, or it is broken: let mutagen guess
            f.seek(0)
    audio = mutagen.File(f)
    if audio is None and (ext in (".mp1", ".mpga") or (load is None and _starts_like_mpeg(f))):
        # mutagen only guesses MPEG audio from .mp3/.mp2 names
        from mutagen.mp3 import MP3

        f.seek(0)
        audio = MP3(f)
    return audio


def _starts_like_mpeg(f: BinaryIO) -> bool:
    """mutagen guesses MPEG audio only from .mp3/.mp2 names; a file of another name that starts like one
    (ID3 tags or a frame's sync word) is read as one."""
    from companion.core.library.sniff import media_kind

    f.seek(0)
    head = f.read(4)
    return head[:3] == b"ID3" or (media_kind(head) == "music" and head[:1] == b"\xff")


_TEXT_FIELDS = (
    "title",
    "artist",
    "album_artist",
    "album",
    "mood",
    "mb_track_id",
    "mb_album_id",
    "mb_artist_id",
    "date",
)
_NUMBER_FIELDS = ("bpm", "rg_track_gain", "rg_track_peak", "rg_album_gain", "rg_album_peak")
_to_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False), made once


def _fill_from_tags(rec: dict[str, Any], fmt: Any, audio: Any) -> None:
    first = fmt.first
    for f in _TEXT_FIELDS:
        rec[f] = first(f)
    genres = fmt.all("genres")
    rec["genres"] = _to_json(genres) if genres else None
    rec["year"] = _year(rec["date"])
    track_no, track_total = fmt.pair("track")
    disc_no, disc_total = fmt.pair("disc")
    rec["track_no"], rec["disc_no"] = track_no, disc_no
    rec["track_total"] = track_total or _int(first("track_total"))
    rec["disc_total"] = disc_total or _int(first("disc_total"))
    for f in _NUMBER_FIELDS:
        rec[f] = _float(first(f))
    rec["tag_rating"], rec["tag_rating_source"] = fmt.rating()
    rec["tag_play_count"] = fmt.play_count()
    cover = fmt.cover()
    rec["has_cover"] = 1 if cover else 0
    if cover and _covers_dir is not None:
        rec["cover_key"] = store_cover(_covers_dir, cover)


def _fill_from_names(rec: dict[str, Any], path: str, root: str) -> None:
    """Missing title -> the file name; missing artist/album -> the ``Artist/Album/NN Title`` layout
    (folders below the library root only)."""
    shown = display(path)  # names become text: undecodable bytes show as U+FFFD
    folder, name = os.path.split(shown)
    stem = os.path.splitext(name)[0] or name
    base = display(root).rstrip(os.sep) + os.sep
    parents = folder[len(base) :].split(os.sep) if folder.startswith(base) else []
    m = _TRACK_NAME.match(stem)
    if not rec.get("title"):
        rec["title"] = (m.group(3).strip() if m else stem) or name
    if m and not rec.get("track_no"):
        rec["track_no"] = int(m.group(2))
    if len(parents) < 2:
        return
    if not rec.get("album"):
        rec["album"] = _YEAR_SUFFIX.sub("", parents[-1]) or parents[-1]
    if not rec.get("artist"):
        rec["artist"] = parents[-2]
    if not rec.get("year"):
        y = _YEAR_SUFFIX.search(parents[-1])
        rec["year"] = int(y.group(1)) if y else None


def _read_video(path: str, root: str) -> dict[str, Any] | None:
    facts = probe(path, _covers_dir if _thumbnails else None)
    if facts is None:  # no picture: music (Matroska and WebM through PyAV, the rest through mutagen)
        if path[path.rfind(".") :].lower() in AV_AUDIO_EXTENSIONS:
            return _read_av_audio(path, root)
        return None
    rec: dict[str, Any] = {"kind": "video", **{k: v for k, v in facts.items() if k != "embedded_title"}}
    guess = guess_names(display(path))
    rec.update(guess)
    if facts.get("embedded_title") and guess.get("video_type") != "episode":
        rec["title"] = facts["embedded_title"]
    rec["title"] = rec.get("title") or Path(display(path)).stem
    return rec


def _read_av_audio(path: str, root: str) -> dict[str, Any]:
    """Music in a container only PyAV reads (Matroska, WebM): tags from the container, then the names."""
    from companion.core.library.formats.container import read_av_audio

    rec = read_av_audio(path, _covers_dir)
    rec["kind"] = "music"
    rec["year"] = _year(rec.get("date"))
    if not (rec.get("title") and rec.get("track_no") and rec.get("album") and rec.get("artist")):
        _fill_from_names(rec, path, root)
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
        key = _folder_art.get(memo, _UNSEEN)
        if key is _UNSEEN:
            with open(art_path, "rb") as f:
                key = _folder_art[memo] = store_cover(_covers_dir, f.read(8 * 1024 * 1024))
        return key
    except OSError:
        return None


_UNSEEN = object()


def _mutagen_reason(e: BaseException) -> str:
    """mutagen's error as a sentence a person can act on."""
    name = type(e).__name__
    if name == "HeaderNotFoundError":
        return "no MPEG audio found in it (the file is cut short, or holds tags only)"
    if isinstance(e.__context__, OSError) and _clean(e) in ("error", "OSError", ""):
        return "its tags are cut short (the file ends too early)"
    return "its tags or audio header are damaged, so Companion cannot read it"


def _clean(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    text = re.sub(r"'(?:/|[A-Za-z]:\\)[^']*'\s*", "", text)  # the path is shown beside the reason already
    return re.sub(r"\s+", " ", text)[:200]


_YEAR = re.compile(r"(1[0-9]{3}|2[0-9]{3})")
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def _year(text: str | None) -> int | None:
    if not text:
        return None
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _int(text: str | None) -> int | None:
    if not text:
        return None
    m = _DIGITS.search(text)
    return int(m.group(0)[:9]) if m else None


def _float(text: str | None) -> float | None:
    if not text:
        return None
    m = _NUMBER.search(text)
    return float(m.group(0).replace(",", ".")) if m else None


def _pos(value: Any) -> float | None:
    try:
        return float(value) if value and float(value) > 0 else None
    except (TypeError, ValueError):
        return None


def _pos_int(value: Any) -> int | None:
    v = _pos(value)
    return int(v) if v else None
