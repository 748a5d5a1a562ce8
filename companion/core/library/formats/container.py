"""Music in containers mutagen does not read (Matroska ``.mka``, WebM ``.weba``/``.webm``, an audio-only
``.mkv``): tags from the container's metadata (PyAV's view of Matroska tags), length and codec facts from
the streams. Reached only for those files, so the scan of everything else pays nothing for it."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from companion.core.errors import MediaError
from companion.core.library.covers import store_cover
from companion.core.library.formats.registry import split_pair

log = logging.getLogger(__name__)

# Extensions whose audio only PyAV reads (mutagen has no class for Matroska).
AV_AUDIO_EXTENSIONS = frozenset({".mka", ".weba", ".webm", ".mkv"})

# Our field -> the metadata keys FFmpeg's demuxers use for it (compared case-insensitively).
_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "artist": ("artist", "performer", "lead_performer"),
    "album_artist": ("album_artist", "albumartist", "album artist"),
    "album": ("album",),
    "date": ("date", "date_released", "date_recorded", "year"),
    "track": ("track", "tracknumber", "part_number"),
    "disc": ("disc", "discnumber"),
    "genre": ("genre",),
    "mood": ("mood",),
    "mb_track_id": ("musicbrainz_trackid", "musicbrainz track id"),
    "mb_album_id": ("musicbrainz_albumid", "musicbrainz album id"),
    "mb_artist_id": ("musicbrainz_artistid", "musicbrainz artist id"),
}


def read_av_audio(path: str, covers_dir: Path | None = None) -> dict[str, Any]:
    """Facts and tags of an audio-only file in any container FFmpeg opens, as a reader record."""
    # PyAV: only where media is decoded
    import av

    try:
        container = av.open(path, metadata_errors="ignore")
    except (av.FFmpegError, OSError, ValueError) as e:
        log.info("PyAV could not open %r: %s", path, e)
        if isinstance(e, FileNotFoundError):
            raise
        raise MediaError("not a file Companion can open: it is damaged or not a media file") from None
    with container:
        audio = container.streams.audio[0] if container.streams.audio else None
        if audio is None:
            raise MediaError("it holds no sound that Companion can play")
        meta = _metadata(container.metadata, audio.metadata)
        duration = container.duration / av.time_base if container.duration else None
        if duration is None and audio.duration and audio.time_base:
            duration = float(audio.duration * audio.time_base)
        ctx = audio.codec_context
        rec: dict[str, Any] = {
            "duration": duration if duration and duration > 0 else None,
            "bitrate": int(container.bit_rate) if container.bit_rate else (ctx.bit_rate or None),
            "sample_rate": ctx.sample_rate or None,
            "channels": ctx.channels or None,
            "audio_codec": ctx.name,
            "container": container.format.name.split(",")[0],
        }
        for field in ("title", "artist", "album_artist", "album", "date", "mood"):
            rec[field] = meta.get(field)
        for field in ("mb_track_id", "mb_album_id", "mb_artist_id"):
            rec[field] = meta.get(field)
        rec["track_no"], rec["track_total"] = split_pair(meta.get("track"))
        rec["disc_no"], rec["disc_total"] = split_pair(meta.get("disc"))
        if meta.get("genre"):
            rec["genres"] = json.dumps([meta["genre"]], ensure_ascii=False)
        cover = _attached_picture(container)
        rec["has_cover"] = 1 if cover else 0
        if cover and covers_dir is not None:
            rec["cover_key"] = store_cover(covers_dir, cover)
    return rec


def _metadata(*sources: dict[str, str]) -> dict[str, str]:
    """Our fields from the container's and then the stream's metadata (the first non-empty value wins)."""
    lowered: dict[str, str] = {}
    for source in sources:
        for k, v in source.items():
            text = str(v).strip()
            if text:
                lowered.setdefault(k.lower(), text)
    out: dict[str, str] = {}
    for field, keys in _KEYS.items():
        for key in keys:
            if key in lowered:
                out[field] = lowered[key]
                break
    return out


def _attached_picture(container: Any) -> bytes | None:
    """The bytes of a cover-art stream (an attached picture), if the file has one."""
    # PyAV: only where media is decoded
    import av

    for s in container.streams.video:
        if s.disposition & av.stream.Disposition.attached_pic:
            try:
                for packet in container.demux(s):
                    data = bytes(packet)
                    if data:
                        return data
            except (av.FFmpegError, ValueError):
                return None
    return None
