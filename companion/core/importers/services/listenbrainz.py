"""ListenBrainz listen exports: JSON or JSON lines of ``{"listened_at", "track_metadata"}``.

``listened_at`` is UTC unix seconds (older dumps: an ISO string); MusicBrainz ids come from
``track_metadata.additional_info`` or ``track_metadata.mbid_mapping``. A listen is a play.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from companion.core.importers.model import HistoryEntry, RecordError
from companion.core.importers.registry import Importer
from companion.core.importers.source import parse_time
from companion.core.importers.source import text_or_none as _text

SERVICE = "listenbrainz"


def looks_like(record: dict[str, Any]) -> bool:
    return "listened_at" in record and isinstance(record.get("track_metadata"), dict)


def parse(recs: list[tuple[str, Any]]) -> Iterator[HistoryEntry | RecordError]:
    for where, rec in recs:
        try:
            yield _entry(rec, where)
        except (ValueError, TypeError) as e:
            yield RecordError(where, str(e))


def _entry(rec: Any, where: str) -> HistoryEntry:
    if isinstance(rec, Exception):
        raise ValueError(str(rec))
    if not isinstance(rec, dict) or not isinstance(rec.get("track_metadata"), dict):
        raise ValueError("not a listen (no track_metadata)")
    when = rec.get("listened_at")
    if isinstance(when, bool) or when is None:
        raise ValueError("no listened_at time")
    ts = float(when) if isinstance(when, (int, float)) else parse_time(str(when), ())
    meta = rec["track_metadata"]
    artist, title = _text(meta.get("artist_name")), _text(meta.get("track_name"))
    if not artist or not title:
        raise ValueError("no artist or track name")
    info = meta.get("additional_info") if isinstance(meta.get("additional_info"), dict) else {}
    mapping = meta.get("mbid_mapping") if isinstance(meta.get("mbid_mapping"), dict) else {}
    mbid = _text(info.get("recording_mbid")) or _text(mapping.get("recording_mbid"))
    release = _text(info.get("release_mbid") or mapping.get("release_mbid"))
    player = _text(info.get("media_player") or info.get("listening_from"))
    data = {k: v for k, v in (("release_mbid", release), ("player", player)) if v}
    return HistoryEntry(
        SERVICE,
        ts,
        artist=artist,
        title=title,
        album=_text(meta.get("release_name")),
        mb_track_id=mbid,
        data=data,
        where=where,
    )


IMPORTER = Importer(
    SERVICE,
    "ListenBrainz",
    "JSON or JSON lines",
    json=True,
    detect=lambda sample: looks_like(sample.first_record),
    parse=lambda sample: parse(sample.records or []),
    members=("listens/*.jsonl", "listens/*.json"),
)
