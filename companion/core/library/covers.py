"""Cover art and video thumbnails as small cached images keyed by their content.

Images live in ``profile.covers_dir`` as ``<key>.jpg`` or ``<key>.png``; the key is a hash of
the original picture bytes, so one album cover shared by 12 tracks is stored once. Large
pictures are shrunk (PyAV) to at most ``MAX_SIDE`` pixels. Everything here can be rebuilt.
"""

from __future__ import annotations

import io
import os
import zlib
from fractions import Fraction
from pathlib import Path
from typing import Any

from companion.core.paths import Profile

MAX_SIDE = 500
KEEP_AS_IS_BYTES = 200 * 1024  # pictures smaller than this are cached unchanged
FOLDER_ART_NAMES = ("cover", "folder", "front", "albumart", "album")
FOLDER_ART_EXTS = (".jpg", ".jpeg", ".png")
_known: set[tuple[Path, str]] = set()  # (dir, key) seen on disk here: an album's 12 tracks cost one stat


def image_type(data: bytes) -> str | None:
    if data[:3] == b"\xff\xd8\xff":
        return "jpg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    return None


def cover_key(data: bytes) -> str:
    """The content key of a picture: two fast checksums and the length (a cache key, not a security check)."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def cover_path(profile: Profile, key: str | None) -> Path | None:
    """The cached image for ``key`` (from ``items.cover_key``), or None when it is not there."""
    if not key or not key.isalnum():
        return None
    for ext in ("jpg", "png"):
        p = profile.covers_dir / f"{key}.{ext}"
        if p.exists():
            return p
    return None


def store_cover(covers_dir: Path, data: bytes) -> str | None:
    """Cache picture bytes (JPEG or PNG) and return their key; None when they are not an image."""
    kind = image_type(data)
    if kind is None:
        return None
    key = cover_key(data)
    if (
        (covers_dir, key) in _known
        or (covers_dir / f"{key}.jpg").exists()
        or (covers_dir / f"{key}.png").exists()
    ):
        _known.add((covers_dir, key))
        return key
    if len(data) > KEEP_AS_IS_BYTES:
        smaller = shrink(data, kind)
        if smaller is None:
            return None
        data, kind = smaller, "jpg"
    _write_atomic(covers_dir / f"{key}.{kind}", data)
    _known.add((covers_dir, key))
    return key


def pick_folder_art(names: list[str]) -> str | None:
    """The best of cover.jpg / folder.jpg / front.png ... among a folder's file names."""
    lowered = {n.lower(): n for n in names}
    for base in FOLDER_ART_NAMES:
        for ext in FOLDER_ART_EXTS:
            if base + ext in lowered:
                return lowered[base + ext]
    return None


def shrink(data: bytes, kind: str) -> bytes | None:
    """Decode a JPEG/PNG with PyAV and re-encode it as a JPEG at most MAX_SIDE wide or high."""
    # PyAV: only where media is decoded
    import av

    try:
        with av.open(io.BytesIO(data), "r", format="jpeg_pipe" if kind == "jpg" else "png_pipe") as c:
            frame = next(c.decode(video=0))
            return encode_jpeg(frame)
    except (av.FFmpegError, StopIteration, ValueError):
        return None
    return None  # (not reached: closing the container raises or returns, it never swallows an error)


def encode_jpeg(frame: Any, max_side: int = MAX_SIDE) -> bytes:
    """A PyAV VideoFrame as JPEG bytes, scaled down to fit ``max_side``."""
    # PyAV: only where media is decoded
    import av

    w, h = frame.width, frame.height
    scale = min(1.0, max_side / max(w, h))
    w, h = max(2, int(w * scale) // 2 * 2), max(2, int(h * scale) // 2 * 2)
    small = reformat(frame, w, h, "yuvj420p")
    ctx: Any = av.CodecContext.create("mjpeg", "w")  # a video encoder: its picture attributes are its own
    ctx.width, ctx.height, ctx.pix_fmt = w, h, "yuvj420p"
    ctx.thread_count = (
        1  # a small picture: starting encoder threads costs more than it saves (0.46 -> 0.16 ms)
    )
    ctx.time_base = Fraction(1, 25)
    buf = io.BytesIO()
    for packet in ctx.encode(small):
        buf.write(bytes(packet))
    for packet in ctx.encode(None):
        buf.write(bytes(packet))
    return buf.getvalue()


_reformatters: dict[tuple[int, int, str], Any] = {}


def reformat(frame: Any, width: int, height: int, format: str) -> Any:
    """``frame.reformat(...)`` through a reformatter kept by this process for each output: it keeps FFmpeg's
    scaler, where each new frame would set one up again (0.18 -> 0.03 ms a frame)."""
    key = (width, height, format)
    r = _reformatters.get(key)
    if r is None:
        # PyAV: only where media is decoded
        from av.video.reformatter import VideoReformatter

        if len(_reformatters) > 32:
            _reformatters.clear()
        r = _reformatters[key] = VideoReformatter()
    return r.reformat(frame, width=width, height=height, format=format)


def store_thumbnail(covers_dir: Path, frame: Any) -> str:
    data = encode_jpeg(frame, max_side=320)
    key = cover_key(data)
    if not (covers_dir / f"{key}.jpg").exists():
        _write_atomic(covers_dir / f"{key}.jpg", data)
    return key


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
