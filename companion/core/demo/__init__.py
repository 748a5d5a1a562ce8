"""``companion --demo``: a small library made on the spot plus a week of listening.

Idempotent: the files are made once under ``<data dir>/demo``, registered once, and
the simulated week is recorded once; a second run reuses all of it.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.core.errors import CompanionError
from companion.core.paths import Profile

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoResult:
    root: Path
    items: int
    events_added: int
    created: bool  # False when everything was already there


def demo_root(profile: Profile) -> Path:
    return profile.data_dir / "demo"


def demo_refusal(conn: sqlite3.Connection, profile: Profile) -> str | None:
    """Why the demo must not go into this profile (it holds the person's own library or history), or None."""
    # the demo's makers: the command line imports this package
    from companion.core.db import demo as demo_db
    from companion.core.db import events as event_db
    from companion.core.demo.listening import already_simulated
    from companion.core.library.pathcodec import to_db

    if already_simulated(conn):
        return None  # the demo is here already
    prefix = to_db(str(demo_root(profile))) + "/"
    own = demo_db.count_outside(conn, prefix)
    plays = event_db.count(conn)
    if own or plays:
        return (
            f"{profile.data_dir} holds your own library or listening history, so the demo's made-up week "
            "of listening is not added to it; run 'companion --demo' without --data-dir (the demo has a "
            "profile of its own) or give an empty folder"
        )
    return None


def ensure_demo(
    conn: sqlite3.Connection,
    profile: Profile,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoResult:
    """Make (or reuse) the demo library and its week of listening; refuses a profile with the person's own
    library or history (:func:`demo_refusal`)."""
    # the demo's makers: the command line imports this package
    from companion.core.demo.listening import already_simulated, simulate_week
    from companion.core.demo.media import make_files

    refusal = demo_refusal(conn, profile)
    if refusal:
        raise CompanionError(refusal)
    root = demo_root(profile)
    root.mkdir(parents=True, exist_ok=True)
    marker = root / ".complete"
    created = not marker.exists()
    make_files(root, progress, cancel=cancel)  # a cancel stops here: the library is left as planned
    items = _add_to_library(conn, profile, root)
    events = 0
    if not already_simulated(conn):
        events = simulate_week(conn)
    if created:
        marker.write_text("demo library made by companion --demo\n", encoding="utf-8")
    return DemoResult(root=root, items=items, events_added=events, created=created)


def plan_demo(conn: sqlite3.Connection, profile: Profile) -> DemoResult:
    """The demo's home at once: its items from the catalogue (their files are made next, by
    :func:`ensure_demo`) and its week of listening. A demo made before is simply there."""
    # the demo's week and rows only when a demo is made (this package is imported by every command)
    from companion.core.db.planned_items import add_planned
    from companion.core.demo.listening import already_simulated, simulate_week

    refusal = demo_refusal(conn, profile)
    if refusal:
        raise CompanionError(refusal)
    root = demo_root(profile)
    items = add_planned(conn, planned_items(root))
    events = 0 if already_simulated(conn) else simulate_week(conn)
    return DemoResult(root=root, items=items, events_added=events, created=bool(items))


def planned_items(root: Path) -> list[Any]:
    """What the catalogue says each demo file will hold (the scan reads the real tags later)."""
    # the catalogue and the media writers (numpy, PyAV) only when a demo is made
    from companion.core.db.planned_items import PlannedItem
    from companion.core.demo.catalog import ARTISTS, TRACK_SECONDS, VIDEOS
    from companion.core.library.pathcodec import to_db

    out = [
        PlannedItem(
            path=to_db(str(a.track_path(root, i))),
            kind="music",
            title=title,
            duration=TRACK_SECONDS,
            artist=a.name,
            album=a.album,
            genre=a.genre,
            year=a.year,
            track_no=i + 1,
            track_total=len(a.titles),
            bpm=a.bpm,
            mood=a.mood,
        )
        for a in ARTISTS
        for i, title in enumerate(a.titles)
    ]
    out += [
        PlannedItem(path=to_db(str(root / v.relpath)), kind="video", title=v.title, duration=v.seconds)
        for v in VIDEOS
    ]
    return out


def _add_to_library(conn: sqlite3.Connection, profile: Profile, root: Path) -> int:
    """The library scanner reads the demo like any folder (tags, covers, video facts)."""
    # the demo's makers: the command line imports this package
    from companion.core.db import demo as demo_db
    from companion.core.jobs.scan import run_scan
    from companion.core.library.pathcodec import to_db

    run_scan(conn, profile, [str(root)])
    return demo_db.count_ok_under(conn, to_db(str(root)) + "/")


def remove_demo(conn: sqlite3.Connection, profile: Profile) -> int:
    """Take the demo out of a profile, made-up history and all (the person's own folders arrive); returns
    how many demo items went. Only the demo's files and what was recorded about them are removed."""
    # the demo's makers: the command line imports this package
    from companion.core.db import demo as demo_db
    from companion.core.db import folders as folder_db
    from companion.core.library.folders import get_folder
    from companion.core.library.pathcodec import to_db

    root = demo_root(profile)
    ids = demo_db.ids_under(conn, to_db(str(root)) + "/")
    demo_db.delete_items(conn, ids)
    folder = get_folder(conn, str(root))
    if folder is not None:
        folder_db.delete(conn, folder.id)
    shutil.rmtree(root, ignore_errors=True)
    return len(ids)


def own_folders_arrive(conn: sqlite3.Connection, profile: Profile, folders: list[str]) -> int:
    """The person's own folders take the place of a demo tried on this profile (made-up plays and all):
    returns how many demo items went (0 when there was no demo, or only the demo's folder was named)."""
    root = demo_root(profile).resolve()
    if any(Path(f).resolve() != root for f in folders) and has_demo(conn, profile):
        return remove_demo(conn, profile)
    return 0


def has_demo(conn: sqlite3.Connection, profile: Profile) -> bool:
    # the demo's makers: the command line imports this package
    from companion.core.library.folders import get_folder

    return get_folder(conn, str(demo_root(profile))) is not None
