"""Walking library folders: at most one ``stat`` per file, robust to every odd thing a file system holds.

A file the caller does not know yet is not stat-ed here (``stat_if``): the reader that opens it takes
its size and time from the open file, which is cheaper than a second look by name. Unreadable folders
become failures; symbolic-link loops and folders reached twice are
walked once (by device + inode); files that vanish between listing and ``stat`` are
simply not there; names that are not UTF-8 come through as surrogate-escaped ``str``.
"""

from __future__ import annotations

import os
import stat as st
from collections.abc import Callable, Iterator
from typing import NamedTuple

from companion.core.library.covers import pick_folder_art
from companion.core.library.formats.registry import PLAYLIST_EXTENSIONS as PLAYLISTS
from companion.core.library.formats.registry import kind_for_name
from companion.core.library.sniff import sniff


class Found(NamedTuple):  # a tuple: the walk makes one per file, and a tuple is the cheapest to make
    path: str
    kind: str  # music | video
    size: int | None  # None: not stat-ed (see ``stat_if``)
    mtime_ns: int | None
    art: tuple[str, int, int] | None  # cover.jpg / folder.jpg ... beside the file: (path, size, mtime_ns)


def walk(
    root: str,
    visited: set[tuple[int, int]],
    fail: Callable[[str, str], None],
    stat_if: Callable[[str], bool] | None = None,
    other: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[str, list[Found]]]:
    """Yield (folder, media files found directly in it) for every folder below ``root``.

    ``fail(path, reason)`` records what cannot be read; ``visited`` is shared by the roots of one scan.
    ``stat_if(path)``: whether to stat that file (size and mtime); others come with None for both.
    ``other(path, what)`` hears of every file that is not media: ``what`` is "playlist" or "ignored".
    A file whose extension is unknown is media when its first bytes say so (:mod:`sniff`).
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError as e:
            fail(folder, _folder_reason(e))
            continue
        ident = (info.st_dev, info.st_ino)
        if ident in visited:
            continue  # a symbolic-link loop, or a folder already reached another way
        visited.add(ident)
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as e:
            fail(folder, _folder_reason(e))
            continue
        listing = _sort_out(entries, fail, other)
        art = _folder_art(folder, listing.names) if listing.media else None
        yield folder, _found(listing.media, art, fail, stat_if)
        stack.extend(sorted(listing.subdirs, reverse=True))


class _Listing(NamedTuple):
    media: list[tuple[os.DirEntry[str], str]]  # media files and their kind
    names: list[str]  # every file's name (the folder's art is one of them)
    subdirs: list[str]  # folders to walk (hidden ones left out)


def _sort_out(
    entries: list[os.DirEntry[str]],
    fail: Callable[[str, str], None],
    other: Callable[[str, str], None] | None = None,
) -> _Listing:
    """A folder's entries: media files, every file name, sub-folders; a link to nothing is a failure, a
    file of an unknown kind is media only when its first bytes say so (else ``other`` hears of it)."""
    listing = _Listing([], [], [])
    for entry in entries:
        try:
            if entry.is_dir():
                if not entry.name.startswith("."):
                    listing.subdirs.append(entry.path)
                continue
            if not entry.is_file():
                if entry.is_symlink() and not os.path.exists(entry.path):
                    kind = kind_for_name(entry.name)
                    if kind in ("music", "video"):
                        fail(entry.path, "a link to a file that does not exist")
                continue
        except OSError:
            continue
        listing.names.append(entry.name)
        kind = kind_for_name(entry.name)
        if kind is None:
            kind = sniff(entry.path) or "ignored"
        if kind == "ignored":
            if other is not None:
                name = entry.name
                other(entry.path, "playlist" if name[name.rfind(".") :].lower() in PLAYLISTS else kind)
            continue
        listing.media.append((entry, kind))
    return listing


def _folder_art(folder: str, names: list[str]) -> tuple[str, int, int] | None:
    """The folder's cover image (cover.jpg, folder.jpg...) as (path, size, mtime_ns): read once per worker,
    not stat-ed for every track."""
    art_name = pick_folder_art(names)
    if not art_name:
        return None
    try:
        art_path = os.path.join(folder, art_name)
        a = os.stat(art_path)
    except OSError:
        return None
    return (art_path, a.st_size, a.st_mtime_ns)


def _found(
    media: list[tuple[os.DirEntry[str], str]],
    art: tuple[str, int, int] | None,
    fail: Callable[[str, str], None],
    stat_if: Callable[[str], bool] | None,
) -> list[Found]:
    """The folder's media files, stat-ed where ``stat_if`` asks (regular files only)."""
    found: list[Found] = []
    for entry, kind in media:
        if stat_if is not None and not stat_if(entry.path):
            found.append(Found(entry.path, kind, None, None, art))  # is_file() said: a regular file
            continue
        try:
            s = entry.stat()
        except FileNotFoundError:
            continue  # vanished since the listing
        except OSError as e:
            fail(entry.path, f"cannot look at this file ({e.strerror or e})")
            continue
        if st.S_ISREG(s.st_mode):
            found.append(Found(entry.path, kind, s.st_size, s.st_mtime_ns, art))
    return found


def _folder_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "cannot open this folder: permission denied"
    if isinstance(e, FileNotFoundError):
        return "this folder does not exist (moved, deleted, or a drive that is not connected)"
    if isinstance(e, NotADirectoryError):
        return "this is a file, not a folder"
    if e.errno is not None and e.errno == 40:  # ELOOP
        return "a symbolic-link loop"
    return f"cannot open this folder ({e.strerror or e})"
