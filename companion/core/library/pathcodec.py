"""Paths as database TEXT, reversibly, even when a file name is not valid UTF-8.

On POSIX a name is bytes; Python decodes undecodable bytes to lone surrogates
(``surrogateescape``), which SQLite cannot store as text. Such paths are stored as
``MARK`` followed by the percent-encoded bytes of the name; every other path is
stored unchanged, so the database stays readable. A valid path that happens to
start with ``MARK`` is escaped too, so ``from_db(to_db(p)) == p`` for every ``p``.
"""

from __future__ import annotations

import os
from urllib.parse import quote_from_bytes, unquote_to_bytes

MARK = "~bytes~"  # absolute paths never start with "~"; any that does is escaped too


def to_db(path: str | os.PathLike[str]) -> str:
    """The TEXT form of ``path`` for the database."""
    text = os.fspath(path)
    if text.isascii() and not text.startswith(MARK):  # the common case, without encoding anything
        return text
    if not text.startswith(MARK):
        try:
            text.encode("utf-8")
            return text
        except UnicodeEncodeError:
            pass
    return MARK + quote_from_bytes(os.fsencode(text), safe="/\\:")


def from_db(text: str) -> str:
    """The file-system path stored as ``text`` by :func:`to_db`."""
    if text.startswith(MARK):
        return os.fsdecode(unquote_to_bytes(text[len(MARK) :]))
    return text


def display(path: str) -> str:
    """A printable form of a path (undecodable bytes shown as U+FFFD), for messages and JSON."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "replace")
