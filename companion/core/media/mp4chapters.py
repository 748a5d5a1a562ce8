"""Chapter marks in an MP4/M4B file (the Nero ``chpl`` atom in ``moov.udta``, which players and mutagen
read): audiobooks for the tests and the demo, made on the spot. PyAV writes no chapters itself."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path


def _atom(name: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + name + payload


def add_chapters(path: str | Path, chapters: Sequence[tuple[float, str]]) -> None:
    """Write ``(start seconds, title)`` chapters into a file whose ``moov`` comes after its media data (as
    PyAV writes it), so no sample offset moves."""
    # mutagen: only where tags are written
    from mutagen.mp4 import Atoms

    path = Path(path)
    data = bytearray(path.read_bytes())
    with path.open("rb") as f:
        atoms = Atoms(f)
    moov = atoms[b"moov"]
    mdat = atoms[b"mdat"]
    if moov.offset < mdat.offset:
        raise ValueError("moov before the media data: chapters would move the samples")
    entries = b"".join(
        struct.pack(">Q", round(start * 10_000_000)) + bytes([len(t := title.encode()[:255])]) + t
        for start, title in chapters
    )
    chpl = _atom(b"chpl", b"\x01\x00\x00\x00" + b"\x00" * 4 + bytes([len(chapters)]) + entries)
    children = [c for c in moov.children if c.name != b"udta"]
    udta_old = next((c for c in moov.children if c.name == b"udta"), None)
    udta_body = b""
    if udta_old is not None:
        udta_body = b"".join(
            bytes(data[c.offset : c.offset + c.length]) for c in udta_old.children or [] if c.name != b"chpl"
        )
    body = b"".join(bytes(data[c.offset : c.offset + c.length]) for c in children)
    new_moov = _atom(b"moov", body + _atom(b"udta", udta_body + chpl))
    data[moov.offset : moov.offset + moov.length] = new_moov
    path.write_bytes(bytes(data))
