"""Last.fm scrobble exports as CSV.

Two layouts exist in the wild: the common exporter's header
``uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid`` (``uts`` is UTC unix
seconds), and the header-less ``artist,album,track,date`` of lastfm-to-csv (date like
``31 Jan 2021 17:23``, UTC). A scrobble is a play.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator

from companion.core.importers.model import HistoryEntry, Ignored, RecordError
from companion.core.importers.registry import Importer
from companion.core.importers.source import SourceFile, parse_time

SERVICE = "lastfm"
FULL_HEADER = ["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track", "track_mbid"]
SIMPLE_HEADER = ["artist", "album", "track", "date"]
DATE_FORMATS = ("%d %b %Y %H:%M", "%d %b %Y, %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")


def looks_like(first_line: str) -> bool:
    cells = [c.strip().strip('"').lower() for c in first_line.split(",")]
    if cells[: len(FULL_HEADER)] == FULL_HEADER or cells == SIMPLE_HEADER:
        return True
    if len(cells) < 4:
        return False
    # header-less: the last cell is a date (quoted fields may hold commas, so parse the row properly)
    row = next(csv.reader([first_line]), [])
    if len(row) != 4:
        return False
    try:
        parse_time(row[3], DATE_FORMATS)
    except ValueError:
        return False
    return True


def parse(src: SourceFile) -> Iterator[HistoryEntry | RecordError | Ignored]:
    reader = csv.reader(io.StringIO(src.text, newline=""))
    layout: str | None = None  # full | simple, from the header or the first row
    for row in reader:
        where = f"line {reader.line_num}"
        if not row or all(not c.strip() for c in row):
            continue
        lowered = [c.strip().lower() for c in row]
        if layout is None and lowered[: len(FULL_HEADER)] == FULL_HEADER:
            layout = "full"
            continue
        if layout is None and lowered == SIMPLE_HEADER:
            layout = "simple"
            continue
        layout = layout or ("full" if len(row) >= 8 else "simple")
        try:
            yield _full(row, where) if layout == "full" else _simple(row, where)
        except Ignored as e:
            yield e
        except ValueError as e:
            yield RecordError(where, str(e))


def _full(row: list[str], where: str) -> HistoryEntry:
    if len(row) < 8:
        raise ValueError(f"expected 8 columns, found {len(row)}")
    uts, utc_time, artist, artist_mbid, album, album_mbid, track, track_mbid = (c.strip() for c in row[:8])
    ts = float(uts) if uts.isdigit() else parse_time(utc_time, DATE_FORMATS)
    if ts > time.time() + 2 * 86400:  # a clock or an export gone wrong: never a listening yet to come
        raise ValueError(f"time {uts or utc_time!r} is in the future")
    if not artist or not track:
        raise ValueError("no artist or track name")
    return HistoryEntry(
        SERVICE,
        ts,
        artist=artist,
        title=track,
        album=album or None,
        mb_track_id=track_mbid or None,
        where=where,
        data={k: v for k, v in (("artist_mbid", artist_mbid), ("album_mbid", album_mbid)) if v},
    )


def _simple(row: list[str], where: str) -> HistoryEntry:
    if len(row) != 4:
        raise ValueError(f"expected 4 columns (artist, album, track, date), found {len(row)}")
    artist, album, track, date = (c.strip() for c in row)
    if not artist or not track:
        raise ValueError("no artist or track name")
    if not date:
        raise Ignored(where)  # Last.fm leaves the date empty for "now playing": not a finished listening
    return HistoryEntry(
        SERVICE, parse_time(date, DATE_FORMATS), artist=artist, title=track, album=album or None, where=where
    )


IMPORTER = Importer(
    SERVICE,
    "Last.fm",
    "scrobbles CSV",
    json=False,
    detect=lambda sample: looks_like(sample.first_line),
    parse=lambda sample: parse(sample.src),
    members=("*scrobbles*.csv",),
    order=90,  # a header-less CSV whose last cell is a date: asked after the formats with a real header
)
