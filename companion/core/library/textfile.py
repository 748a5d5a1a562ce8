"""Reading a file someone hands in (a history export, a playlist) safely: a regular file, a size limit."""

from __future__ import annotations

from pathlib import Path

from companion.core.library.pathcodec import display


def read_limited(path: Path, limit: int, what: str, error: type[Exception]) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``error`` (naming the file) otherwise.

    Devices, pipes and folders are refused before anything is read from them.
    """
    shown = display(str(path))
    try:
        if not path.is_file():
            raise error(f"{shown}: not a file")
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except OSError as e:
        raise error(f"{shown}: cannot read ({e.strerror or e})") from None
    if len(raw) > limit:
        raise error(f"{shown}: too large (over {max(1, limit // 2**20)} MB) to be {what}")
    return raw
