"""A content fingerprint that survives a move or rename: size + hash of the first and last 64 KiB.

SHA-1 here is an identity check, not a security measure: it is the fastest hash in hashlib on
common CPUs (hardware SHA), and the scan computes one per new or changed file.
"""

from __future__ import annotations

import hashlib
import os
from typing import BinaryIO

CHUNK = 64 * 1024


def fingerprint(path: str, size: int | None = None) -> str:
    """``<size>:<hex>``; reads at most 128 KiB whatever the file's size."""
    with open(path, "rb") as f:
        return fingerprint_file(f, size)


def fingerprint_file(f: BinaryIO, size: int | None = None) -> str:
    """The fingerprint of an open binary file (its position is moved)."""
    if size is None:
        size = os.fstat(f.fileno()).st_size
    h = hashlib.sha1(usedforsecurity=False)
    f.seek(0)
    h.update(f.read(CHUNK))
    if size > CHUNK:
        f.seek(max(CHUNK, size - CHUNK))
        h.update(f.read(CHUNK))
    return f"{size}:{h.hexdigest()}"
