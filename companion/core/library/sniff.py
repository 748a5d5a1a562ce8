"""Whether a file with a name Companion does not know holds media anyway: its first bytes ("magic").

Only such files (and files with a media extension) can fail a scan; any other file in a music folder
(``__init__.py``, ``widget.ui``, ``.toc``, ``.dat``) is ignored and counted. The walk asks only about
files whose extension it does not know, so a library of ordinary media files is never opened here.
"""

from __future__ import annotations

HEAD = 16  # bytes read from the start of the file

# (offset, bytes, kind): the kind the reader is asked to read it as
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"ID3", "music"),
    (0, b"fLaC", "music"),
    (0, b"OggS", "music"),
    (0, b"MAC ", "music"),  # Monkey's Audio
    (0, b"wvpk", "music"),
    (0, b"MPCK", "music"),
    (0, b"MP+", "music"),
    (0, b"TTA1", "music"),
    (0, b"tBaK", "music"),
    (0, b"DSD ", "music"),
    (0, b"FRM8", "music"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "music"),  # ASF (WMA); a WMV is found by the reader too
    (8, b"WAVE", "music"),
    (8, b"AIFF", "music"),
    (8, b"AIFC", "music"),
    (4, b"ftyp", "video"),  # MP4 family: the reader reads one without a picture as music
    (0, b"\x1a\x45\xdf\xa3", "video"),  # Matroska / WebM
    (8, b"AVI ", "video"),
)


def media_kind(head: bytes) -> str | None:
    """'music' or 'video' when ``head`` (a file's first bytes) starts like a media file, else None."""
    for offset, magic, kind in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if len(head) >= 2 and head[0] == 0xFF and _mpeg_header(head):
        return "music"
    return None


def _mpeg_header(head: bytes) -> bool:
    """An MPEG audio frame header: the sync word and no reserved version, layer, bit rate or sample rate
    (which keeps out, say, a UTF-16 text's byte-order mark)."""
    b1 = head[1]
    if b1 & 0xE0 != 0xE0 or (b1 >> 3) & 3 == 1 or not b1 & 0x06:
        return False
    if len(head) < 3:
        return True  # only the sync word is there: a file cut short that still looks like MPEG audio
    return head[2] >> 4 != 15 and (head[2] >> 2) & 3 != 3


def sniff(path: str) -> str | None:
    """:func:`media_kind` of the file at ``path``; None when it cannot be opened (then it is not media to
    us: an unreadable file of an unknown kind is ignored like any other)."""
    try:
        with open(path, "rb") as f:
            return media_kind(f.read(HEAD))
    except OSError:
        return None
