"""Spotify account data: ``StreamingHistory*.json`` and the extended
``Streaming_History_Audio_*.json`` / ``endsong_*.json``.

Basic records: ``endTime`` (UTC, when it stopped), ``artistName``, ``trackName``, ``msPlayed``.
Extended records: ``ts`` (UTC, when it stopped), ``ms_played``, ``master_metadata_*``,
``spotify_track_uri``, ``reason_start``, ``reason_end``, ``skipped``, ``shuffle``. Milliseconds
played and how the stream ended become the same evidence Companion's own player records:
the runner classifies each with ``companion.core.events.thresholds.classify``. Podcast
episodes and video entries (no track name) are not music listening and are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from companion.core.importers.model import HistoryEntry, Ignored, RecordError
from companion.core.importers.registry import Importer
from companion.core.importers.source import parse_time
from companion.core.importers.source import text_or_none as _text

SERVICE = "spotify"
# Spotify's reason_end -> Companion's end reasons (thresholds.END_REASONS)
END_REASONS = {
    "trackdone": "ended",
    "fwdbtn": "next",
    "backbtn": "previous",
    "clickrow": "next",
    "playbtn": "next",
    "remote": "next",
    "appload": "closed",
    "endplay": "stop",
    "logout": "closed",
    "trackerror": "error",
    "unexpected-exit": "closed",
    "unexpected-exit-while-paused": "closed",
}


def looks_like(record: dict[str, Any]) -> bool:
    return ("ms_played" in record and "ts" in record) or ("msPlayed" in record and "endTime" in record)


def parse(recs: list[tuple[str, Any]]) -> Iterator[HistoryEntry | RecordError | Ignored]:
    for where, rec in recs:
        try:
            if isinstance(rec, Exception):
                raise ValueError(str(rec))
            if not isinstance(rec, dict):
                raise ValueError("not a streaming record")
            yield _extended(rec, where) if "ms_played" in rec else _basic(rec, where)
        except Ignored as e:
            yield e
        except (ValueError, TypeError) as e:
            yield RecordError(where, str(e))


def _ms(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"bad milliseconds played {value!r}")
    return float(value) / 1000.0


def _track(rec: dict[str, Any], artist_key: str, title_key: str, where: str) -> tuple[str, str]:
    """(artist, title), or Ignored for a podcast, audiobook or video entry (no track name)."""
    artist, title = _text(rec.get(artist_key)), _text(rec.get(title_key))
    if not artist or not title:
        raise Ignored(where)
    return artist, title


def _basic(rec: dict[str, Any], where: str) -> HistoryEntry:
    played = _ms(rec.get("msPlayed"))
    artist, title = _track(rec, "artistName", "trackName", where)
    end = parse_time(str(rec.get("endTime", "")), ("%Y-%m-%d %H:%M",))
    # No reason is given: a stream that stopped early is a skip, as on Spotify's own charts.
    return HistoryEntry(
        SERVICE,
        end - played,
        artist=artist,
        title=title,
        position=played,
        end_reason="next",
        where=where,
        data={"ms_played": int(played * 1000)},
        key_time=_minute(end),
    )


def _extended(rec: dict[str, Any], where: str) -> HistoryEntry:
    played = _ms(rec.get("ms_played"))
    artist, title = _track(rec, "master_metadata_album_artist_name", "master_metadata_track_name", where)
    end = parse_time(str(rec.get("ts", "")), ("%Y-%m-%dT%H:%M:%SZ",))
    reason_end = str(rec.get("reason_end") or "")
    end_reason = "next" if rec.get("skipped") is True else END_REASONS.get(reason_end, "stop")
    data = {
        "ms_played": int(played * 1000),
        "reason_start": rec.get("reason_start"),
        "reason_end": reason_end or None,
        "skipped": rec.get("skipped"),
        "shuffle": rec.get("shuffle"),
        "uri": rec.get("spotify_track_uri"),
    }
    return HistoryEntry(
        SERVICE,
        end - played,
        artist=artist,
        title=title,
        album=_text(rec.get("master_metadata_album_album_name")),
        position=played,
        end_reason=end_reason,
        where=where,
        data={k: v for k, v in data.items() if v is not None},
        key_time=_minute(end),
    )


def _minute(end: float) -> float:
    """The basic and the extended history both hold most streams; they agree on the minute a stream
    ended (the basic one has no seconds), so keys use that minute and one stream imports once."""
    return end // 60 * 60


IMPORTER = Importer(
    SERVICE,
    "Spotify",
    "StreamingHistory*.json, Streaming_History_Audio_*.json or endsong_*.json",
    json=True,
    detect=lambda sample: looks_like(sample.first_record),
    parse=lambda sample: parse(sample.records or []),
    members=("StreamingHistory*.json", "Streaming_History_Audio_*.json", "endsong*.json"),
)
