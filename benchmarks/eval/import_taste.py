"""Does an imported history count where no file matches? (issue 14, part 7)

A library holding *other* tracks by the most played artists of a real Last.fm export, among twice as
many artists the person never played (``lastfm_library.other_tracks``); the export imported into it
(nothing matches a file). The home is then asked for the moment just after the history ends: how much
of the moment's row and of the Daily Mixes comes from the person's artists (the goal: at least 70%), and
from the ``TOP_ARTISTS`` the import lists first (Insights' imported top artists)?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.eval.lastfm_exports import Export
from benchmarks.eval.lastfm_library import (
    OTHER_TRACKS,
    PERSON_ARTISTS,
    library_root,
    make_profile,
    other_tracks,
    write_library,
)

TOP_ARTISTS = 10
GOAL = 0.70


@dataclass
class ImportTaste:
    export: str
    summary: dict
    top: list[str]
    rows: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # id -> (person's, top, items)

    def share(self, which: int = 0, prefix: str = "") -> float | None:
        """Share of the items (of rows whose id starts with ``prefix``) by the person's artists (0) or
        by the import's top artists (1)."""
        picked = [r for rid, r in self.rows.items() if rid.startswith(prefix)]
        total = sum(r[2] for r in picked)
        return sum(r[which] for r in picked) / total if total else None


def measure(export: Export, strangers: list[str], workdir: Path) -> ImportTaste:
    """Build (or reuse) the library, import the export into a new profile and read its home."""
    from companion.core.db import open_profile_db
    from companion.core.db.imported_plays import imported_listening
    from companion.core.paths import resolve_profile
    from companion.core.taste.home import build_home, forget_state

    tracks = other_tracks(export, strangers)
    root = write_library(tracks, library_root(export, "others", tracks))
    data_dir = workdir / f"others-{export.name}"
    summary = make_profile(export, root, data_dir)
    profile = resolve_profile(data_dir)
    conn = open_profile_db(profile)
    try:
        top = [name for name, _ in imported_listening(conn, top=TOP_ARTISTS).top_artists]
        at = datetime.fromtimestamp(export.scrobbles[-1].ts + 3600, UTC)
        rows = build_home(conn, profile, at=at)
    finally:
        conn.close()
        forget_state(profile)
    person = {t.artist.casefold() for t in tracks[: PERSON_ARTISTS * OTHER_TRACKS]}
    wanted = {t.casefold() for t in top}
    out = ImportTaste(export.name, summary, top)
    for row in rows:
        if row.id == "now" or row.id.startswith("daily-"):
            who = [(it.artist or "").casefold() for it in row.items]
            out.rows[row.id] = (sum(a in person for a in who), sum(a in wanted for a in who), len(who))
    return out
