"""Libraries made from a Last.fm export, for replaying it: real, small tagged files (the project's
synth helpers) in a cache folder outside the repository, reused between runs.

- ``played``: one file per (artist, album, track) the person played, numbered in the order they
  play the album through (``album_track_order``), albums completed to ``ALBUM_TRACKS`` with tracks
  never played: the library a replay of their history needs.
- ``others``: tracks the person never played (``OTHER_TRACKS`` each) by their ``PERSON_ARTISTS`` most
  played artists, among twice as many artists they never played (taken from the other exports): the
  library of the issue's "1 of 11,622 plays matched a file" case.

A profile is then the library scanned and the export imported (``make_profile``).
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.eval.lastfm_exports import Export, album_track_order, write_importer_csv

LIBRARY_VERSION = 1  # bump when the way files are made changes (the cache is keyed by it and the tracks)
ALBUM_TRACKS = 10  # a ``played`` album has at least this many tracks (the unplayed ones made up)
OTHER_TRACKS = 8  # per artist in an ``others`` library: two albums of four
PERSON_ARTISTS = 200  # the person's most played artists an ``others`` library holds ...
STRANGERS = 2  # ... among this many times as many artists they never played
CACHE = Path(tempfile.gettempdir()) / "companion-lastfm-libraries"
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")


@dataclass(frozen=True)
class Track:
    artist: str
    album: str
    title: str
    number: int | None
    genre: str = ""


def _safe(text: str, limit: int = 60) -> str:
    cleaned = _UNSAFE.sub("_", text).strip(" .") or "_"
    return cleaned.encode("utf-8")[:limit].decode("utf-8", "ignore") or "_"


def played_tracks(export: Export, *, album_tracks: int = ALBUM_TRACKS) -> list[Track]:
    """One track per (artist, album, title) played, numbered by the album's play-through order.

    An album of fewer than ``album_tracks`` played tracks is completed with tracks never played, at
    random places (seeded): an album on a shelf has the tracks nobody played too, and a whole album
    costs a mix that many places.
    """
    order = album_track_order(export)
    genre: dict[tuple[str, str, str], str] = {}
    for s in export.scrobbles:
        genre.setdefault((s.artist, s.album, s.track), s.genre)
    rng = random.Random(export.name)
    out = []
    for (artist, album), titles in order.items():
        if not album:
            out += [Track(artist, album, t, None, genre[(artist, album, t)]) for t in titles]
            continue
        shelf = list(titles)
        for k in range(album_tracks - len(titles)):
            shelf.insert(rng.randint(0, len(shelf)), f"Never Played {k + 1}")
        for n, title in enumerate(shelf, start=1):
            out.append(Track(artist, album, title, n, genre.get((artist, album, title), "")))
    return out


def other_tracks(
    export: Export, strangers: list[str], *, artists: int = PERSON_ARTISTS, per_artist: int = OTHER_TRACKS
) -> list[Track]:
    """Tracks never played, by the person's ``artists`` most played artists and by twice as many
    ``strangers`` (artists they never played)."""
    plays = Counter(s.artist for s in export.scrobbles)
    known = {a.casefold() for a in plays}
    played = [a for a, _ in plays.most_common(artists)]
    others = [a for a in dict.fromkeys(strangers) if a.casefold() not in known][: STRANGERS * len(played)]
    out = []
    for artist in played + others:
        for k in range(per_artist):
            album = f"Other Album {k // 4 + 1}"
            out.append(Track(artist, album, f"Deep Cut {k + 1}", k % 4 + 1))
    return out


def write_library(tracks: list[Track], root: Path) -> Path:
    """The tracks as tagged MP3 files under ``root`` (made once: a finished folder is reused)."""
    done = root / ".complete"
    if done.exists():
        return root
    from companion.core.media import synth

    if root.exists():
        shutil.rmtree(root)  # an interrupted earlier run
    root.mkdir(parents=True)
    template = synth.write_audio(root / ".template.mp3", synth.music_like(1.0, seed=1), rate=22050)
    body = template.read_bytes()
    used: set[str] = set()
    for n, t in enumerate(tracks):
        folder = root / _safe(t.artist) / _safe(t.album or "no album")
        name = f"{t.number or 0:02d} {_safe(t.title)}"
        rel = f"{folder}/{name}".casefold()
        if rel in used:
            name = f"{name} ({n})"
        used.add(f"{folder}/{name}".casefold())
        path = folder / f"{name}.mp3"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        tags: dict[str, str] = {"title": t.title, "artist": t.artist}
        if t.album:
            tags["album"] = t.album
        if t.number:
            tags["tracknumber"] = str(t.number)
        if t.genre:
            tags["genre"] = t.genre
        synth.write_tags(path, tags)
    template.unlink()
    done.write_text(f"{len(tracks)} tracks\n", encoding="utf-8")
    return root


def library_root(export: Export, kind: str, tracks: list[Track]) -> Path:
    """The cache folder of these tracks (named by their content: another list is another folder)."""
    digest = hashlib.sha256(repr((LIBRARY_VERSION, tracks)).encode("utf-8")).hexdigest()[:16]
    return CACHE / f"{export.name}-{kind}-{digest}"


def make_profile(export: Export, library: Path, data_dir: Path) -> dict:
    """A new profile under ``data_dir``: ``library`` scanned, then the export imported. Returns the
    import's summary (as ``import-history --json`` prints it) with the scan's item count."""
    from companion.core.db import open_profile_db
    from companion.core.importers.run import import_history
    from companion.core.jobs.scan import run_scan
    from companion.core.paths import resolve_profile

    profile = resolve_profile(data_dir).ensure()
    conn = open_profile_db(profile)
    try:
        run_scan(conn, profile, [str(library)])
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        csv_path = write_importer_csv(export, data_dir / "import" / f"{export.name}.csv")
        summary = import_history(conn, [csv_path]).to_json()
        csv_path.unlink()  # the export's copy lives only as long as the import
    finally:
        conn.close()
    return {"items": int(items), **summary}
