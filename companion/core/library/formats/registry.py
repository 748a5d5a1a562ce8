"""Extensions, and the base class every tag family implements."""

from __future__ import annotations

import importlib
import os
from typing import Any, ClassVar

# Video containers: probed with PyAV. (.mp4 / .asf without a picture stream are read as music.)
VIDEO_EXTENSIONS = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mkv",
        ".webm",
        ".avi",
        ".mov",
        ".wmv",
        ".ogv",
        ".ts",
        ".3g2",
        ".3gp",
        ".mpg",
        ".mpeg",
        ".oggtheora",
    }
)
# Files that sit beside media and are not failures: art, text, playlists, cue sheets, checksums.
IGNORED_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".bmp",
        ".webp",
        ".tif",
        ".tiff",
        ".txt",
        ".nfo",
        ".log",
        ".cue",
        ".m3u",
        ".m3u8",
        ".pls",
        ".xspf",
        ".wpl",
        ".asx",
        ".wax",
        ".wvx",
        ".lrc",
        ".pdf",
        ".md",
        ".rtf",
        ".html",
        ".htm",
        ".xml",
        ".json",
        ".toml",
        ".ini",
        ".db",
        ".sfv",
        ".md5",
        ".ffp",
        ".accurip",
        ".url",
        ".srt",
        ".sub",
        ".idx",
        ".ass",
        ".ssa",
        ".vtt",
        ".nzb",
        ".torrent",
        ".par2",
        ".doc",
        ".docx",
        ".zip",
        ".rar",
        ".7z",
        ".exe",
        ".ds_store",
        ".lnk",
        ".part",
        ".tmp",
        ".sqlite3",
        ".db-wal",
        ".db-shm",
    }
)

# Playlists among IGNORED_EXTENSIONS: a scan offers those it finds for import.
PLAYLIST_EXTENSIONS = frozenset({".m3u", ".m3u8", ".pls", ".xspf", ".wpl", ".asx", ".wax", ".wvx"})
_REGISTRY: list[type[TagFormat]] = []

# The mutagen class a file of each extension almost always is. Opening it directly skips
# mutagen.File()'s guessing (which reads and scores every format's header: 40-90 us a file);
# the reader falls back to mutagen.File() when the content does not match the name.
_MUTAGEN_CLASS = {
    ".mp3": "mp3:MP3",
    ".mp2": "mp3:MP3",
    ".mp1": "mp3:MP3",
    ".mpga": "mp3:MP3",
    ".flac": "flac:FLAC",
    ".ogg": "oggvorbis:OggVorbis",
    ".oga": "oggvorbis:OggVorbis",
    ".opus": "oggopus:OggOpus",
    ".spx": "oggspeex:OggSpeex",
    ".oggflac": "oggflac:OggFLAC",
    ".m4a": "mp4:MP4",
    ".m4b": "mp4:MP4",
    ".m4p": "mp4:MP4",
    ".mp4": "mp4:MP4",
    ".wma": "asf:ASF",
    ".asf": "asf:ASF",
    ".wav": "wave:WAVE",
    ".aif": "aiff:AIFF",
    ".aiff": "aiff:AIFF",
    ".aifc": "aiff:AIFF",
    ".afc": "aiff:AIFF",
    ".wv": "wavpack:WavPack",
    ".ape": "monkeysaudio:MonkeysAudio",
    ".mpc": "musepack:Musepack",
    ".mp+": "musepack:Musepack",
    ".dsf": "dsf:DSF",
    ".dff": "dsdiff:DSDIFF",
    ".tta": "trueaudio:TrueAudio",
    ".tak": "tak:TAK",
    ".ofr": "optimfrog:OptimFROG",
    ".ofs": "optimfrog:OptimFROG",
    ".aac": "aac:AAC",
    ".adts": "aac:AAC",
    ".ac3": "ac3:AC3",
    ".eac3": "ac3:AC3",
}
_CLASS_CACHE: dict[str, Any] = {}
# Keyword arguments for a class's loader. MP3: ID3 tags as stored, without mutagen's upgrade to ID3v2.4
# (12% of an MP3's read; nothing is written back from the scan's copy, and formats/id3.py reads v2.3
# dates itself).
LOAD_OPTIONS: dict[str, dict[str, Any]] = {"mp3:MP3": {"translate": False}}


def mutagen_class_for(ext: str) -> Any:
    """The mutagen file class for an extension (imported on first use), or None."""
    name = _MUTAGEN_CLASS.get(ext)
    if name is None:
        return None
    if name not in _CLASS_CACHE:
        module, cls = name.split(":")
        _CLASS_CACHE[name] = getattr(importlib.import_module(f"mutagen.{module}"), cls)
    return _CLASS_CACHE[name]


def mutagen_loader_for(ext: str) -> Any:
    """A callable that loads a file object with the extension's mutagen class and its ``LOAD_OPTIONS``."""
    cls = mutagen_class_for(ext)
    if cls is None:
        return None
    options = LOAD_OPTIONS.get(_MUTAGEN_CLASS[ext])
    return (lambda f: cls(f, **options)) if options else cls


class TagFormat:
    """One tag family. Subclasses declare ``name``, ``extensions`` and ``fields`` (field -> tag keys)."""

    name: ClassVar[str] = ""
    extensions: ClassVar[frozenset[str]] = frozenset()
    fields: ClassVar[dict[str, tuple[str, ...]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            _REGISTRY.append(cls)

    def __init__(self, tags: Any, audio: Any = None) -> None:
        self.tags = tags
        self.audio = audio

    @classmethod
    def handles(cls, tags: Any) -> bool:
        """Whether this family reads mutagen's ``tags`` object."""
        raise NotImplementedError

    def values(self, key: str) -> list[str]:
        """Every text value stored under ``key`` (empty when absent)."""
        raise NotImplementedError

    def first(self, field: str) -> str | None:
        values = self.values
        for key in self.fields.get(field, ()):
            for v in values(key):
                v = v.strip()
                if v:
                    return v
        return None

    def all(self, field: str) -> list[str]:
        out: list[str] = []
        for key in self.fields.get(field, ()):
            for v in self.values(key):
                for part in v.split("\x00"):
                    if part.strip() and part.strip() not in out:
                        out.append(part.strip())
            if out:
                break
        return out

    def pair(self, field: str) -> tuple[int | None, int | None]:
        """ "3/12" style numbers (track, disc)."""
        return split_pair(self.first(field))

    def rating(self) -> tuple[float | None, str | None]:
        """(stars 0..5, the tag it came from) of the person's own rating, if any."""
        return None, None

    def play_count(self) -> int | None:
        return None

    def cover(self) -> bytes | None:
        """The embedded front cover (or the first picture), as image bytes."""
        return None


def split_pair(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    head, _, tail = str(text).partition("/")
    return _int(head), _int(tail)


def _int(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and text.isascii():
        return int(text[:9])
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits[:9]) if digits else None


def format_for_tags(tags: Any, audio: Any = None) -> TagFormat | None:
    """The family that reads this mutagen tags object, or None for untagged files."""
    if tags is None:
        return None
    kind = type(tags)
    if kind not in _BY_TYPE:
        _load_families()
        _BY_TYPE[kind] = next((cls for cls in _REGISTRY if cls.handles(tags)), None)
    cls = _BY_TYPE[kind]
    return cls(tags, audio) if cls is not None else None


_BY_TYPE: dict[type, type[TagFormat] | None] = {}  # mutagen tags class -> family, found once


def _load_families() -> None:
    if not _REGISTRY:
        from companion.core.library.formats import apev2, asf, id3, mp4, vorbis  # noqa: F401


def kind_for_path(path: str) -> str | None:
    """'music', 'video', 'ignored' (art, text beside media) or None (an unknown kind of file)."""
    return kind_for_name(os.path.basename(path))


def kind_for_name(name: str) -> str | None:
    """:func:`kind_for_path` for a bare file name (the folder walk has names already)."""
    if name.startswith("."):
        return "ignored"  # hidden files, and macOS "._name.mp3" resource forks
    dot = name.rfind(".")
    if dot <= 0:
        return "ignored"
    kind = _KIND_BY_EXT.get(name[dot:].lower(), _UNKNOWN)
    return None if kind is _UNKNOWN else kind


_UNKNOWN = "?"


MUSIC_EXTENSIONS = frozenset(
    {
        ".mp3",
        ".mp2",
        ".mp1",
        ".mpga",
        ".flac",
        ".ogg",
        ".oga",
        ".opus",
        ".spx",
        ".oggflac",
        ".m4a",
        ".m4b",
        ".m4p",
        ".aac",
        ".adts",
        ".wma",
        ".asf",
        ".wav",
        ".aif",
        ".aiff",
        ".aifc",
        ".wv",
        ".ape",
        ".mpc",
        ".mp+",
        ".dsf",
        ".dff",
        ".tta",
        ".tak",
        ".ofr",
        ".ofs",
        ".ac3",
        ".eac3",
        ".afc",
        ".mka",
        ".weba",
    }
)

_KIND_BY_EXT: dict[str, str] = {
    **{e: "ignored" for e in IGNORED_EXTENSIONS},
    **{e: "music" for e in MUSIC_EXTENSIONS},
    **{e: "video" for e in VIDEO_EXTENSIONS},
}
