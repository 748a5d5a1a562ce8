"""Netflix ``ViewingActivity.csv`` (Profile Name, Start Time, Duration, Attributes, Title,
Supplemental Video Type, Device Type, Bookmark, Latest Bookmark, Country), from the account's data
request, and the everyday ``NetflixViewingHistory.csv`` (Title, Date) that a profile's "Viewing
activity" page downloads at once. The everyday file has dates only: each viewing is placed at noon
UTC of its day (its time of day is not known), and its date order (month/day or day/month, as the
account's country writes it) is read from the file as a whole.

Titles look like ``Show: Season 2: Episode Name (Episode 3)`` for episodes and ``Movie`` for
films; they are matched to local videos by show/season/episode, else by title. Times are UTC.
Trailers and previews (a Supplemental Video Type) are not viewings and are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from companion.core.importers.model import HistoryEntry, Ignored, ImportSummary, Parsed, RecordError
from companion.core.importers.registry import Importer, Sample
from companion.core.importers.source import SourceFile, parse_time

SERVICE = "netflix"
REQUIRED = ("Start Time", "Duration", "Title")
_EPISODE = re.compile(r"\s*\((?:Episode|Épisode|Folge|Episodio|Aflevering)\s+(\d+)\)\s*$", re.I)
_SEASON = re.compile(
    r"^(?:Season|Series|Part|Volume|Collection|Book|Staffel|Temporada|Saison)\s+(\d+)$", re.I
)
_EPISODE_WORD = re.compile(r"(?:Episode|Épisode|Folge|Episodio|Aflevering|Chapter)\s+(\d+)", re.I)
_LIMITED = re.compile(r"^(?:Limited Series|Miniseries|Mini-Series)$", re.I)


def looks_like(first_line: str) -> bool:
    header = next(csv.reader([first_line]), [])
    return all(h in header for h in REQUIRED) and "Profile Name" in header


def looks_like_simple(first_line: str) -> bool:
    """The everyday export: exactly ``Title,Date``."""
    return [h.strip() for h in next(csv.reader([first_line]), [])] == ["Title", "Date"]


_DATE = re.compile(r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\s*$")


def parse_simple(src: SourceFile) -> Iterator[HistoryEntry | RecordError]:
    rows = list(csv.reader(io.StringIO(src.text, newline="")))[1:]
    parts = [_DATE.match(r[1]) if len(r) >= 2 else None for r in rows]
    # month/day (US) unless a first number above 12 shows the file writes day/month
    day_first = any(m and len(m.group(1)) <= 2 and int(m.group(1)) > 12 for m in parts)
    for n, (row, m) in enumerate(zip(rows, parts, strict=True), start=2):
        where = f"line {n}"
        if not any(c.strip() for c in row):
            continue
        title = row[0].strip() if row else ""
        if not title:
            yield RecordError(where, "no title")
            continue
        if m is None:
            yield RecordError(
                where,
                f"unreadable date {(row[1] if len(row) > 1 else '')[:20]!r} "
                "(expected a date such as 11/20/24 or 2024-11-20)",
            )
            continue
        try:
            ts = _noon(m, day_first)
        except ValueError as e:
            yield RecordError(where, f"unreadable date {row[1].strip()!r} ({e})")
            continue
        show, season, episode, episode_title = split_title(title)
        yield HistoryEntry(
            SERVICE,
            ts,
            kind="video",
            title=episode_title,
            show=show,
            season=season,
            episode=episode,
            end_reason="stop",
            where=where,
            data={"netflix_title": title, "date_only": True},
        )


def _noon(m: re.Match[str], day_first: bool) -> float:
    a, b, c = m.group(1), m.group(2), m.group(3)
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        year = int(c) + (2000 if len(c) <= 2 else 0)
        day, month = (int(a), int(b)) if day_first else (int(b), int(a))
    return datetime(year, month, day, 12, tzinfo=UTC).timestamp()


def parse(src: SourceFile) -> Iterator[HistoryEntry | RecordError | Ignored]:
    reader = csv.DictReader(io.StringIO(src.text, newline=""))
    for rec in reader:
        where = f"line {reader.line_num}"
        try:
            if not any((v or "").strip() for v in rec.values() if isinstance(v, str)):
                continue
            if (rec.get("Supplemental Video Type") or "").strip():
                yield Ignored(where)
                continue
            yield _entry(rec, where)
        except ValueError as e:
            yield RecordError(where, str(e))


def _seconds(text: str | None) -> float:
    parts = (text or "").strip().split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad duration {text!r} (expected HH:MM:SS)")
    h, m, s = (int(p) for p in parts)
    return float(h * 3600 + m * 60 + s)


def _entry(rec: dict[str, str | None], where: str) -> HistoryEntry:
    title = (rec.get("Title") or "").strip()
    if not title:
        raise ValueError("no title")
    start = parse_time(rec.get("Start Time") or "", ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"))
    watched = _seconds(rec.get("Duration"))
    bookmark = rec.get("Bookmark")
    position = _seconds(bookmark) if bookmark and bookmark.strip() else watched
    show, season, episode, episode_title = split_title(title)
    data = {
        "watched": watched,
        "profile": (rec.get("Profile Name") or "").strip() or None,
        "netflix_title": title,
    }
    return HistoryEntry(
        SERVICE,
        start,
        kind="video",
        title=episode_title,
        show=show,
        season=season,
        episode=episode,
        position=position,
        end_reason="stop",
        where=where,
        data={k: v for k, v in data.items() if v is not None},
    )


def split_title(title: str) -> tuple[str | None, int | None, int | None, str]:
    """(show, season, episode, title) for an episode; (None, None, None, title) for a film.

    The episode number may be missing ("Show: Season 1: The Pilot"): then the episode title is
    what matches a local file, within that show and season.
    """
    m = _EPISODE.search(title)
    if not m:
        parts = [p.strip() for p in title.split(": ")]
        sm = _SEASON.match(parts[1]) if len(parts) >= 3 else None
        if sm is None and not (len(parts) >= 3 and _LIMITED.match(parts[1])):
            return None, None, None, title
        rest = ": ".join(parts[2:])
        numbered = _EPISODE_WORD.fullmatch(rest)
        return parts[0], int(sm.group(1)) if sm else 1, int(numbered.group(1)) if numbered else None, rest
    parts = [p.strip() for p in title[: m.start()].split(": ")]
    if len(parts) < 2:
        return None, None, None, title
    show, season, named = parts[0], None, parts[1:]
    for i, part in enumerate(named[:-1] if len(named) > 1 else []):
        # "Season 2", "Limited Series", or the show's name with a number ("Stranger Things 2")
        sm = _SEASON.match(part) or re.fullmatch(re.escape(show) + r"\s+(\d+)", part, re.I)
        if sm or _LIMITED.match(part):
            season = int(sm.group(1)) if sm else 1
            named = named[i + 1 :]
            break
    return show, season if season is not None else 1, int(m.group(1)), ": ".join(named)


def one_profile(parsed: list[Parsed], profile: str | None, summary: ImportSummary) -> list[Parsed]:
    """Netflix accounts are shared: keep one viewer's rows when asked, else say who is in the file."""
    names = sorted(
        {str(r.data["profile"]) for r in parsed if isinstance(r, HistoryEntry) and r.data.get("profile")}
    )
    if profile is None:
        if len(names) > 1:
            summary.notes.append(
                f"viewing of {len(names)} Netflix profiles ({', '.join(names)}) imported; "
                "choose one with --netflix-profile NAME"
            )
        return parsed
    if profile not in names:
        found = ", ".join(names) or "none"
        summary.notes.append(f"no Netflix profile {profile!r} in this file (found: {found})")
    return [
        r if not isinstance(r, HistoryEntry) or r.data.get("profile") == profile else Ignored(r.where)
        for r in parsed
    ]


def _read(sample: Sample) -> Iterator[HistoryEntry | RecordError | Ignored]:
    return parse(sample.src) if looks_like(sample.first_line) else parse_simple(sample.src)


IMPORTER = Importer(
    SERVICE,
    "Netflix",
    "ViewingActivity.csv or NetflixViewingHistory.csv",
    json=False,
    detect=lambda sample: looks_like(sample.first_line) or looks_like_simple(sample.first_line),
    parse=_read,
    members=("ViewingActivity.csv",),
    one_profile=one_profile,
)
