"""One audio file's facts and tags as item columns: mutagen for most formats, PyAV for Matroska and WebM
(``formats.container``); what the tags leave out comes from the file's name and its ``Artist/Album``
folders. mutagen's errors become plain sentences here (raised as ``MediaError``)."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any, BinaryIO

from companion.core.errors import MediaError
from companion.core.library.covers import store_cover
from companion.core.library.cue_items import EMBEDDED, embedded_sheet
from companion.core.library.formats.container import read_av_audio
from companion.core.library.formats.registry import format_for_tags, mutagen_loader_for
from companion.core.library.pathcodec import display
from companion.core.library.sniff import media_kind

log = logging.getLogger(__name__)
DAMAGED = "the file is damaged: Companion could not make sense of its contents"
_YEAR_SUFFIX = re.compile(r"\s*[\(\[](\d{4})[\)\]]\s*$")
_TRACK_NAME = re.compile(r"^\s*(?:(\d{1,2})[-.](?=\d))?(\d{1,3})\s*[-._)]*\s+(.+)$")


def read_music(path: str, root: str, f: BinaryIO, covers_dir: Path | None) -> dict[str, Any]:
    """An audio file mutagen reads (open as ``f``): its audio facts and tags, then what its names say;
    a cover in its tags is cached in ``covers_dir``."""
    # here, not at the top: an unchanged rescan never needs it
    import mutagen

    try:
        audio = _open_audio(f, os.path.splitext(path)[1].lower())
    except (FileNotFoundError, PermissionError):
        raise
    except mutagen.MutagenError as e:
        if isinstance(e.__cause__, FileNotFoundError) or isinstance(e.__context__, FileNotFoundError):
            raise FileNotFoundError(path) from None
        log.info("mutagen could not read %r: %s: %s", path, type(e).__name__, clean_error(e))
        raise MediaError(_mutagen_reason(e)) from None
    except (ValueError, IndexError, KeyError, OverflowError, EOFError, UnicodeError, ZeroDivisionError) as e:
        log.info("mutagen could not read %r: %s: %s", path, type(e).__name__, clean_error(e))
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
        _fill_from_tags(rec, fmt, covers_dir)
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


def _fill_from_tags(rec: dict[str, Any], fmt: Any, covers_dir: Path | None) -> None:
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
    if cover and covers_dir is not None:
        rec["cover_key"] = store_cover(covers_dir, cover)


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


def read_container_audio(path: str, root: str, covers_dir: Path | None) -> dict[str, Any]:
    """Music in a container only PyAV reads (Matroska, WebM): tags from the container, then the names."""
    rec = read_av_audio(path, covers_dir)
    rec["kind"] = "music"
    rec["year"] = _year(rec.get("date"))
    if not (rec.get("title") and rec.get("track_no") and rec.get("album") and rec.get("artist")):
        _fill_from_names(rec, path, root)
    return rec


def _mutagen_reason(e: BaseException) -> str:
    """mutagen's error as a sentence a person can act on."""
    name = type(e).__name__
    if name == "HeaderNotFoundError":
        return "no MPEG audio found in it (the file is cut short, or holds tags only)"
    if isinstance(e.__context__, OSError) and clean_error(e) in ("error", "OSError", ""):
        return "its tags are cut short (the file ends too early)"
    return "its tags or audio header are damaged, so Companion cannot read it"


def clean_error(e: BaseException) -> str:
    """A library's error message, short and without the path (shown beside it already)."""
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
