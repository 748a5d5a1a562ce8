"""Artist (and album) names of imported plays that matched no file, matched to the library's names.

A play of a track the library lacks, by an artist it has through other tracks, still says the person
listens to that artist: the importer keeps the library's spelling of the artist (and of the album,
when the library has it) with the waiting entry, and the taste engine learns from it. Names match
across "The X" / "X, The", "A & B" / "A and B", accents and case, and "A feat. B" counts for A.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from companion.core.db import imported_plays as db
from companion.core.importers.model import ImportSummary
from companion.core.library.normalize import norm_artist, norm_title

_THE_LAST = re.compile(r"^(.+?),\s*the$", re.I)  # "Cure, The" -> "The Cure"


def artist_key(name: str | None) -> str:
    """The key two spellings of one artist share ("" for no name)."""
    if not name:
        return ""
    text = name.strip()
    moved = _THE_LAST.match(text)
    if moved:
        text = f"The {moved.group(1)}"
    return norm_artist(text)


def album_key(name: str | None) -> str:
    """An album title without edition suffixes ("(Deluxe Edition)", " - Remastered")."""
    return norm_title(name) if name else ""


@dataclass
class ArtistIndex:
    """The library's artists and albums by key, each with the spelling its items use most."""

    artists: dict[str, str] = field(default_factory=dict)
    albums: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> ArtistIndex:
        artist_votes: dict[str, Counter[str]] = {}
        album_votes: dict[tuple[str, str], Counter[str]] = {}
        for artist, album_artist, album, count in db.library_names(conn):
            who = artist or album_artist  # the credit the taste engine groups items by
            key = artist_key(who)
            if not key or who is None:
                continue
            artist_votes.setdefault(key, Counter())[who] += count
            if album and album_key(album):
                album_votes.setdefault((key, album_key(album)), Counter())[album] += count
        index = cls()
        index.artists = {k: _most_used(c) for k, c in artist_votes.items()}
        index.albums = {k: _most_used(c) for k, c in album_votes.items()}
        return index

    def resolve(self, artist: str | None, album: str | None) -> tuple[str | None, str | None]:
        """(library artist, library album) an entry's names stand for; (None, None) when the library
        lacks the artist."""
        key = artist_key(artist)
        who = self.artists.get(key) if key else None
        if who is None:
            return None, None
        return who, self.albums.get((key, album_key(album))) if album else None


def _most_used(votes: Counter[str]) -> str:
    """The spelling on most items; on a tie the shortest ("Low" before "Low feat. Someone")."""
    return max(votes.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def resolve_waiting(conn: sqlite3.Connection, after_id: int = 0, index: ArtistIndex | None = None) -> None:
    """Resolve the waiting music entries with id > ``after_id`` against the library as it is now
    (a scan may have added or removed artists); only rows whose answer changed are written. The
    caller commits."""
    index = index or ArtistIndex.build(conn)
    changed = []
    for row in db.waiting_music(conn, after_id):
        got = index.resolve(row.artist, row.album)
        if got != (row.artist_match, row.album_match):
            changed.append((row.id, *got))
    if changed:
        db.store_matches(conn, changed)


def last_unmatched_id(conn: sqlite3.Connection) -> int:
    """The newest waiting entry's id: entries an import adds come after it."""
    return db.last_unmatched_id(conn)


def count_by_artist(conn: sqlite3.Connection, after_id: int, summary: ImportSummary) -> None:
    """Resolve the entries this import left waiting (ids above ``after_id``) and count in ``summary``
    the plays that teach artist taste, and their artists."""
    resolve_waiting(conn, after_id)
    plays, artists = db.counted_since(conn, after_id)
    summary.plays_counted += plays
    summary.learned |= artists


def counted_text(summary: ImportSummary, service: str) -> str | None:
    """What of an import counts, in words ("1 of 11,622 plays matched a file; 9,845 plays by 212 artists
    in your library now shape your home; 1,776 plays are by artists you don't have"); None for viewing
    history (no artists) or when nothing new came in."""
    plays = summary.matched + summary.unmatched
    if service == "netflix" or plays == 0:
        return None
    parts = [f"{summary.matched:,} of {plays:,} {_plural(plays, 'play')} matched a file"]
    if summary.plays_counted:
        n = summary.artists_learned
        parts.append(
            f"{summary.plays_counted:,} {_plural(summary.plays_counted, 'play')} by {n:,}"
            f" {_plural(n, 'artist')} in your library now shape your home"
        )
    lacking = summary.unmatched - summary.plays_counted
    if lacking > 0:
        verb = "is" if lacking == 1 else "are"
        parts.append(f"{lacking:,} {_plural(lacking, 'play')} {verb} by artists you don't have")
    return "; ".join(parts)


def _plural(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"
