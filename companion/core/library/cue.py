"""CUE sheets: one album in one audio file, its tracks by start time (``INDEX 01 mm:ss:ff``, 75 frames a
second). A sheet beside the file (``album.cue`` naming ``album.flac``) or inside a FLAC (the ``CUESHEET``
Vorbis comment, or FLAC's own CUESHEET block) makes one library item per track.

Sheets come from many programs and years: UTF-8 (with or without a byte-order mark), and the legacy
encodings of their time (Windows-1252, Shift-JIS) are read. What cannot be used (no tracks, times that
go backwards or past the end, a FILE that is not there) raises :class:`CueError` with a plain reason,
and the scan keeps the audio file as one item.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field

from companion.core.db.cue_tracks import TRACK_MARK

FRAMES_PER_SECOND = 75


class CueError(ValueError):
    """A sheet that cannot be used; the message is a plain sentence."""


@dataclass
class CueTrack:
    number: int
    start: float  # seconds into the file (INDEX 01)
    title: str | None = None
    performer: str | None = None
    duration: float | None = None  # to the next track's start, or the file's end (set by ``fit``)


@dataclass
class CueSheet:
    file: str | None  # the FILE it names (as written)
    title: str | None = None
    performer: str | None = None
    date: str | None = None
    genre: str | None = None
    tracks: list[CueTrack] = field(default_factory=list)
    files: int = 0  # how many FILE lines: a sheet over several files is not one album file


def decode(raw: bytes) -> str:
    """The sheet's text: UTF-8 (a byte-order mark, or bytes that are valid UTF-8), else Shift-JIS when
    the bytes are valid Shift-JIS with Japanese in them, else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("shift_jis")
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
            return text
    except UnicodeDecodeError:
        pass
    return raw.decode("cp1252", errors="replace")


_TIME = re.compile(r"^(\d{1,4}):(\d{1,2}):(\d{1,2})$")


def parse_time(text: str) -> float:
    """``mm:ss:ff`` as seconds; CueError for anything else."""
    m = _TIME.match(text.strip())
    if not m or int(m.group(2)) >= 60 or int(m.group(3)) >= FRAMES_PER_SECOND:
        raise CueError(f"the time {text.strip()!r} is not minutes:seconds:frames")
    return int(m.group(1)) * 60 + int(m.group(2)) + int(m.group(3)) / FRAMES_PER_SECOND


def _words(line: str) -> list[str]:
    try:
        return shlex.split(line, posix=True)
    except ValueError:  # an unbalanced quote: split on spaces, strip the quotes
        return [w.strip('"') for w in line.split()]


def parse(text: str) -> CueSheet:
    """The sheet in ``text``; CueError when it has no usable track."""
    sheet = CueSheet(file=None)
    track: CueTrack | None = None
    for line in text.splitlines():
        words = _words(line.strip())
        if not words:
            continue
        cmd, args = words[0].upper(), words[1:]
        value = " ".join(args).strip() or None
        if cmd == "FILE" and args:
            sheet.files += 1
            sheet.file = sheet.file or args[0]
        elif cmd == "TRACK" and args:
            if not args[0].isdigit():
                raise CueError(f"the track number {args[0]!r} is not a number")
            if len(args) > 1 and args[1].upper() != "AUDIO":
                track = None  # a data track: not music
                continue
            track = CueTrack(int(args[0]), start=-1.0)
            sheet.tracks.append(track)
        elif cmd == "INDEX" and len(args) >= 2 and track is not None and args[0] in ("01", "1"):
            track.start = parse_time(args[1])
        elif cmd == "TITLE":
            if track is not None:
                track.title = value
            else:
                sheet.title = value
        elif cmd == "PERFORMER":
            if track is not None:
                track.performer = value
            else:
                sheet.performer = value
        elif cmd == "REM" and len(args) >= 2 and args[0].upper() in ("DATE", "GENRE"):
            setattr(sheet, args[0].lower(), " ".join(args[1:]))
    return sheet


def fit(sheet: CueSheet, file_duration: float | None) -> list[CueTrack]:
    """The sheet's tracks with their lengths (to the next start; the last to the end of the file).
    CueError when the times cannot be right: a track without INDEX 01, starts that do not rise, a start
    past the end of the file."""
    tracks = sheet.tracks
    if not tracks:
        raise CueError("the CUE sheet lists no audio tracks")
    if sheet.files > 1:
        raise CueError("the CUE sheet spans several audio files")
    for t in tracks:
        if t.start < 0:
            raise CueError(f"track {t.number} of the CUE sheet has no start time (INDEX 01)")
    for a, b in zip(tracks, tracks[1:], strict=False):
        if b.start <= a.start:
            raise CueError(f"the CUE sheet's track {b.number} starts before track {a.number} ends")
    if file_duration and tracks[-1].start >= file_duration:
        raise CueError("the CUE sheet's times go past the end of the audio file")
    for a, b in zip(tracks, tracks[1:], strict=False):
        a.duration = b.start - a.start
    tracks[-1].duration = (file_duration - tracks[-1].start) if file_duration else None
    return tracks


def read_sheet(path: str) -> CueSheet:
    """Read and parse the sheet at ``path`` (OSError when it cannot be read)."""
    with open(path, "rb") as f:
        raw = f.read(1 << 20)  # a sheet is a few KiB; a megabyte is more than any real one
    return parse(decode(raw))


def names_file(sheet: CueSheet, cue_path: str, audio_path: str) -> bool:
    """Whether the sheet at ``cue_path`` describes ``audio_path``: its FILE names it (case aside), or names
    the same stem with another extension (a sheet written for the .wav before it was encoded to FLAC), or
    names nothing and the sheet is ``<audio name>.cue`` / ``<audio stem>.cue``."""
    audio = os.path.basename(audio_path)
    if sheet.file:
        named = os.path.basename(sheet.file.replace("\\", "/"))
        if named.casefold() == audio.casefold():
            return True
        return os.path.splitext(named)[0].casefold() == os.path.splitext(audio)[0].casefold()
    cue = os.path.basename(cue_path)[:-4].casefold()
    return cue in (audio.casefold(), os.path.splitext(audio)[0].casefold())


def track_key(audio_key: str, number: int) -> str:
    """A cue track's item path: the audio file's path text and ``#track NN``. Items' paths stay unique, a
    track keeps its identity (and history) while the sheet is edited, and the file's own path is the part
    before the last ``#track``."""
    return f"{audio_key}{TRACK_MARK}{number:02d}"


def file_of_track_key(key: str) -> str:
    """The audio file's path text from :func:`track_key`."""
    return key.rsplit(TRACK_MARK, 1)[0]
