"""Real Last.fm exports as the history replay reads them: any of the column layouts people publish,
read into one shape, and written back out in the layout Companion's importer reads.

The exports have no licence: they are read from a folder outside the repository (``--exports``),
never copied into it, and nothing here fetches anything.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

TIME_COLUMNS = ("uts", "utc_time", "date", "played_at", "timestamp")
TIME_FORMATS = ("%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
IMPORTER_HEADER = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"
RUN_GAP = 30 * 60  # plays further apart than this are not one album run


@dataclass(frozen=True)
class Scrobble:
    ts: float  # UTC seconds
    artist: str
    album: str
    track: str
    genre: str = ""  # only some exports carry one


@dataclass(frozen=True)
class Export:
    name: str  # the file's stem: "sacha"
    path: Path
    scrobbles: tuple[Scrobble, ...]  # oldest first

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]


def find_exports(folder: Path, names: list[str] | None = None) -> list[Path]:
    """The ``*.csv`` exports in ``folder`` (only ``names`` when given), sorted; [] when the folder is absent."""
    if not folder.is_dir():
        return []
    found = sorted(folder.glob("*.csv"))
    return [p for p in found if names is None or p.stem in names]


def _time(row: dict[str, str]) -> float | None:
    for col in TIME_COLUMNS:
        text = (row.get(col) or "").strip()
        if not text:
            continue
        if col == "uts" and text.isdigit():
            return float(text)
        for fmt in TIME_FORMATS:
            try:
                return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()
            except ValueError:
                continue
    return None


def read_export(path: Path) -> Export:
    """Every scrobble with a time, an artist and a track, oldest first (exports list newest first)."""
    out: list[Scrobble] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ts = _time(row)
            artist, track = (row.get("artist") or "").strip(), (row.get("track") or "").strip()
            if ts is None or not artist or not track:
                continue
            genre = (row.get("track_genre") or "").strip()
            out.append(Scrobble(ts, artist, (row.get("album") or "").strip(), track, genre))
    out.sort(key=lambda s: s.ts)
    return Export(path.stem, path, tuple(out))


def write_importer_csv(export: Export, target: Path) -> Path:
    """The scrobbles in the common exporter's layout (``uts,utc_time,...``), which the importer reads."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(IMPORTER_HEADER.split(","))
        for s in reversed(export.scrobbles):  # newest first, as Last.fm writes it
            when = datetime.fromtimestamp(s.ts, UTC).strftime("%d %b %Y, %H:%M")
            w.writerow([int(s.ts), when, s.artist, "", s.album, "", s.track, ""])
    return target


def album_track_order(export: Export) -> dict[tuple[str, str], list[str]]:
    """Per (artist, album), its tracks in the order the person plays them through.

    Exports carry no track numbers. Each run of consecutive plays of one album (three tracks or
    more) places its tracks at their relative position in the run; a track's number is its rank by
    mean position (tracks never seen in a run go last, in order of first play).
    """
    positions: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    first_seen: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    run: list[Scrobble] = []

    def close() -> None:
        tracks = list(dict.fromkeys(s.track for s in run))
        if len(tracks) >= 3:
            key = (run[0].artist, run[0].album)
            for k, t in enumerate(tracks):
                positions[key][t].append(k / (len(tracks) - 1))

    for n, s in enumerate(export.scrobbles):
        key = (s.artist, s.album)
        first_seen[key].setdefault(s.track, n)
        if run and ((run[-1].artist, run[-1].album) != key or s.ts - run[-1].ts > RUN_GAP):
            close()
            run = []
        run.append(s)
    if run:
        close()
    order: dict[tuple[str, str], list[str]] = {}
    for key, seen in first_seen.items():
        pos = positions.get(key, {})

        def rank(t: str, pos: dict = pos, seen: dict = seen) -> tuple[float, int]:
            return (sum(pos[t]) / len(pos[t]) if t in pos else 2.0, seen[t])

        order[key] = sorted(seen, key=rank)
    return order
