"""Which service wrote a history file, decided from its content (never from its name alone)."""

from __future__ import annotations

from typing import Any

from companion.core.importers import lastfm, listenbrainz, netflix, spotify
from companion.core.importers.jsonrecords import records
from companion.core.importers.model import HistoryEntry, Ignored, RecordError
from companion.core.importers.source import SourceFile

Parsed = HistoryEntry | RecordError | Ignored


def parse_history(src: SourceFile) -> tuple[str, list[Parsed]]:
    """(service, every record parsed); raises the file's error when the format is unknown."""
    text = src.text.lstrip("\ufeff \t\r\n")
    if not text:
        raise src.fail("empty file")
    if text[0] in "[{":
        recs = records(src)
        first = next((v for _, v in recs if isinstance(v, dict)), None)
        if first is None:
            if not recs:
                return "unknown", []
            raise src.fail(f"{recs[0][0]}: no listening records found")
        if listenbrainz.looks_like(first):
            return listenbrainz.SERVICE, list(listenbrainz.parse(recs))
        if spotify.looks_like(first):
            return spotify.SERVICE, list(spotify.parse(recs))
        raise src.fail(f"not a known history format (first record has {_keys(first)})")
    first_line = text.splitlines()[0]
    if netflix.looks_like(first_line):
        return netflix.SERVICE, list(netflix.parse(src))
    if netflix.looks_like_simple(first_line):
        return netflix.SERVICE, list(netflix.parse_simple(src))
    if lastfm.looks_like(first_line):
        return lastfm.SERVICE, list(lastfm.parse(src))
    raise src.fail(
        "not a known history format (expected Last.fm CSV, ListenBrainz JSON, Spotify JSON "
        f"or Netflix ViewingActivity.csv / NetflixViewingHistory.csv; line 1 is {first_line[:60]!r})"
    )


def _keys(record: dict[str, Any]) -> str:
    names = ", ".join(sorted(str(k) for k in record)[:6])
    return f"keys {names}" if names else "no keys"
