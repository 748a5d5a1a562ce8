"""Video facts with PyAV (duration, size, codecs, embedded title, a thumbnail) and names with guessit."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from companion.core.errors import MediaError
from companion.core.library.covers import reformat, store_thumbnail
from companion.core.library.episode_rules import real_show, says_episode

log = logging.getLogger(__name__)
THUMB_MAX_FRAMES = 90  # decode at most this many frames looking for a picture that is not black
BLACK_LUMA = 24  # mean luma (0..255) below this is a black / fade frame


def probe(path: str, covers_dir: Path | None) -> dict[str, Any] | None:
    """Facts of a video file, or None when it has no picture stream (an audio-only .mp4 is music)."""
    # PyAV: only where media is decoded
    import av

    container = _open(path)
    with container:
        v = _picture_stream(container)
        if v is None:
            return None
        a = container.streams.audio[0] if container.streams.audio else None
        duration = container.duration / av.time_base if container.duration else None
        if duration is None and v.duration and v.time_base:
            duration = float(v.duration * v.time_base)
        out: dict[str, Any] = {
            "duration": duration,
            "width": v.codec_context.width or None,
            "height": v.codec_context.height or None,
            "video_codec": v.codec_context.name,
            "audio_codec": a.codec_context.name if a else None,
            "container": container.format.name.split(",")[0],
            "bitrate": int(container.bit_rate) if container.bit_rate else None,
            "embedded_title": _meta(container.metadata, "title"),
        }
        if covers_dir is not None:
            out["cover_key"] = _thumbnail(container, v, covers_dir)
    return out


def thumbnail_of(path: str, covers_dir: Path) -> str:
    """The cache key of a thumbnail for the video at ``path``: a frame that is not black; "" when the
    file has no such frame or cannot be decoded. Raises FileNotFoundError when the file is gone."""
    try:
        container = _open(path)
    except MediaError:
        if not os.path.exists(path):
            raise FileNotFoundError(path) from None
        return ""
    with container:
        v = _picture_stream(container)
        return (_thumbnail(container, v, covers_dir) or "") if v is not None else ""


def _open(path: str) -> Any:
    # PyAV: only where media is decoded
    import av

    try:
        # PyAV cannot pass a non-UTF-8 name to FFmpeg; a file object can always be opened.
        readable = path.encode("utf-8", "surrogatepass").decode("utf-8", "ignore") == path
        source: Any = path if readable else open(path, "rb")  # noqa: SIM115 - closed with the container
        return av.open(source, metadata_errors="ignore")
    except (av.FFmpegError, OSError, ValueError) as e:
        if isinstance(e, (FileNotFoundError, PermissionError)):
            raise
        log.info("PyAV could not open %r: %s", path, _reason(e))
        raise MediaError("not a video file Companion can open: it is damaged or cut short") from None


def _picture_stream(container: Any) -> Any:
    """The first video stream that is not an attached picture (cover art), or None."""
    for s in container.streams.video:
        if not _is_attached_picture(s):
            return s
    return None


def _is_attached_picture(stream: Any) -> bool:
    # PyAV: only where media is decoded
    import av

    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _meta(metadata: dict[str, str], key: str) -> str | None:
    for k, v in metadata.items():
        if k.lower() == key and str(v).strip():
            return str(v).strip()
    return None


def _thumbnail(container: Any, stream: Any, covers_dir: Path) -> str | None:
    """A frame that is not black, from about a tenth of the way in."""
    # PyAV: only where media is decoded
    import av

    try:
        stream.codec_context.thread_count = 1  # a few frames: decoder threads cost more than they save
        if container.duration and container.duration > 10 * av.time_base:
            container.seek(container.duration // 10, any_frame=False)
        best = None
        for i, frame in enumerate(container.decode(stream)):
            mean, spread = _luma(frame)
            if mean >= BLACK_LUMA and spread > 2:
                best = frame
                break
            if i >= THUMB_MAX_FRAMES:
                break
        return store_thumbnail(covers_dir, best) if best is not None else None
    except (av.FFmpegError, ValueError, OSError):
        return None  # a thumbnail is a nicety; the video stays in the library without one


LUMA_SIDE = 64  # the brightness check looks at the frame scaled down to this width
# b*b as two bytes (high, low) for bytes.translate, so sums of squares run at C speed
_SQ_HIGH = bytes((i * i) >> 8 for i in range(256))
_SQ_LOW = bytes((i * i) & 0xFF for i in range(256))


def _luma(frame: Any) -> tuple[float, float]:
    """Mean and standard deviation of a frame's brightness (0..255), on a small copy of it: FFmpeg does the
    scaling, so neither a full-size conversion nor numpy is needed."""
    w = min(LUMA_SIDE, frame.width) or 1
    h = max(1, min(LUMA_SIDE, round(frame.height * w / max(1, frame.width))))
    small = reformat(frame, w, h, "gray")
    plane = small.planes[0]
    raw = bytes(plane)
    stride = plane.line_size
    data = raw if stride == w else b"".join(raw[r * stride : r * stride + w] for r in range(h))
    n = len(data) or 1
    mean = sum(data) / n
    squares = 256 * sum(data.translate(_SQ_HIGH)) + sum(data.translate(_SQ_LOW))
    return mean, max(0.0, squares / n - mean * mean) ** 0.5


_EPISODE = re.compile(r"^(?P<show>.*?)[\s._-]*\b[Ss](?P<season>\d{1,2})[\s._-]*[Ee](?P<episode>\d{1,3})$")
_MOVIE = re.compile(r"^(?P<title>[^.\[\]()_]+?)\s*\((?P<year>(?:19|20)\d{2})\)$")
_SEASON_DIR = re.compile(r"^(season|series|staffel|saison)\s*\d+$", re.I)


def quick_names(path: str) -> dict[str, Any] | None:
    """The two tidy layouts (``Show/Season 01/Show S01E03.mkv``, ``Title (1999).mp4``) without guessit,
    which costs tens of milliseconds a name; None for anything else."""
    p = Path(path)
    m = _EPISODE.match(p.stem)
    if m:
        show = re.sub(r"[._]+", " ", m.group("show")).strip(" -")
        if not show:
            parent = p.parent
            show = parent.parent.name if _SEASON_DIR.match(parent.name) else parent.name
        if not real_show(show):
            return None  # "test S01E02": let the full guess (and its checks) decide
        season, episode = int(m.group("season")), int(m.group("episode"))
        return {
            "video_type": "episode",
            "show": show,
            "season": season,
            "episode": episode,
            "title": f"{show} S{season:02d}E{episode:02d}",
        }
    m = _MOVIE.match(p.stem)
    if m:
        return {"video_type": "movie", "title": m.group("title").strip(), "year": int(m.group("year"))}
    return None


def guess_names(path: str, root: str | None = None) -> dict[str, Any]:
    """Movie or episode, show, season, episode, title and year from the file and folder names."""
    quick = quick_names(path)
    if quick is not None:
        return quick
    # guessit: only for a video's file name
    from guessit import guessit

    parts = Path(path).parts
    rel = os.path.join(*parts[-3:]) if len(parts) >= 3 else path
    try:
        g = guessit(rel)
    except Exception:  # guessit raises its own types on odd names; a name guess is optional
        return {}
    out: dict[str, Any] = {}
    if (
        g.get("type") == "episode"
        and g.get("episode") is not None
        and real_show(_text(g.get("title")))
        and says_episode(rel)
    ):
        out["video_type"] = "episode"
        out["show"] = _text(g.get("title"))
        out["season"] = _first_int(g.get("season"))
        out["episode"] = _first_int(g.get("episode"))
        label = f"S{out['season'] or 0:02d}E{out['episode'] or 0:02d}"
        out["title"] = _text(g.get("episode_title")) or (f"{out['show']} {label}" if out["show"] else label)
    else:  # a film (or a clip): guessit's title, unless it read the name as an episode
        out["video_type"] = "movie"
        out["title"] = _text(g.get("title")) if g.get("type") != "episode" else _stem_title(path)
    year = _first_int(g.get("year"))
    if year:
        out["year"] = year
    return out


def _stem_title(path: str) -> str:
    """The file's name as a title: ``issue-744.mp4`` -> "issue-744", ``my_trip.mkv`` -> "my trip"."""
    stem = Path(path).stem
    return re.sub(r"[._]+", " ", stem).strip() or stem


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return str(value).strip() or None if value is not None else None


def _first_int(value: Any) -> int | None:
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _reason(e: BaseException) -> str:
    text = getattr(e, "strerror", None) or str(e)
    return text.split(":")[-1].strip() or type(e).__name__
