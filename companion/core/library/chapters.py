"""Chapters of an audiobook or podcast, read from the file: MP4/M4B chapters and ID3 ``CHAP`` frames."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Chapter:
    start: float  # seconds
    title: str


def read_chapters(path: str | Path) -> list[Chapter]:
    """The file's chapters in order ([] when it has none or they cannot be read: a book plays without)."""
    suffix = Path(path).suffix.lower()
    try:
        if suffix in (".m4b", ".m4a", ".mp4", ".aac"):
            return _mp4(path)
        if suffix == ".mp3":
            return _id3(path)
    except Exception as e:  # damaged chapter marks never stop the book from playing
        log.info("chapters of %s not read: %s", path, e)
    return []


def _mp4(path: str | Path) -> list[Chapter]:
    # mutagen: only where chapters are read
    from mutagen.mp4 import MP4

    marks = MP4(str(path)).chapters or []
    return [Chapter(float(c.start), c.title or f"Chapter {n}") for n, c in enumerate(marks, 1)]


def _id3(path: str | Path) -> list[Chapter]:
    # mutagen: only where chapters are read
    from mutagen.id3 import ID3

    frames = sorted(ID3(str(path)).getall("CHAP"), key=lambda f: f.start_time)
    out = []
    for n, frame in enumerate(frames, 1):
        title = frame.sub_frames.get("TIT2")
        out.append(Chapter(frame.start_time / 1000, str(title.text[0]) if title else f"Chapter {n}"))
    return out
