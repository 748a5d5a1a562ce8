"""``companion privacy export``: everything Companion knows about the person, as a zip of CSV/JSON.

Every table of the database is written (nothing is left out by a list that could go
stale), plus the learned model state files and a README that says what each file is.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import time
import zipfile
from dataclasses import asdict
from pathlib import Path

from companion.core.db import privacy as privacy_db
from companion.core.paths import Profile
from companion.core.settings import load_settings

DESCRIPTIONS = {
    "items": "every file in your library with the facts read from its tags",
    "folders": "the folders you asked Companion to scan",
    "events": "your listening history: plays, skips, ratings, likes (times are UTC seconds; "
    "tz_offset_min is your local offset at that moment)",
    "ratings": "your current stars and likes/dislikes",
    "resume_points": "where to continue videos and long audio",
    "settings": "your settings",
    "scan_failures": "files that could not be read, with the reason",
    "audio_features": "sound features computed on this machine",
}


def export_all(conn: sqlite3.Connection, profile: Profile, target: Path) -> dict[str, int]:
    """Write the zip to ``target``; return row counts per table."""

    tables = privacy_db.tables(conn)
    counts: dict[str, int] = {}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for table in tables:
            counts[table] = _write_table(zf, conn, table)
        zf.writestr("settings.json", json.dumps(asdict(load_settings(conn)), indent=2))
        model_files = _add_model_state(zf, profile)
        zf.writestr("README.txt", _readme(counts, model_files))
    if os.name == "posix":
        os.chmod(tmp, 0o600)  # the whole listening history: private like the data dir it came from
    tmp.replace(target)
    return counts


def _write_table(zf: zipfile.ZipFile, conn: sqlite3.Connection, table: str) -> int:
    names, rows = privacy_db.table_rows(conn, table)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(names)
    n = 0
    for row in rows:
        writer.writerow([v.hex() if isinstance(v, bytes) else v for v in row])
        n += 1
    zf.writestr(f"{table}.csv", buf.getvalue())
    return n


def _add_model_state(zf: zipfile.ZipFile, profile: Profile) -> list[str]:
    added = []
    if profile.model_dir.is_dir():
        for path in sorted(profile.model_dir.rglob("*")):
            if path.is_file() and path.stat().st_size < 200 * 1024 * 1024:
                name = f"learned/{path.relative_to(profile.model_dir).as_posix()}"
                zf.write(path, name)
                added.append(name)
    return added


def _readme(counts: dict[str, int], model_files: list[str]) -> str:
    lines = [
        "Everything Companion knows about you",
        f"Exported {time.strftime('%Y-%m-%d %H:%M:%S %z')}. Companion never sent any of this anywhere.",
        "",
        "Files:",
    ]
    for table, n in counts.items():
        lines.append(
            f"- {table}.csv ({n} rows): {DESCRIPTIONS.get(table, 'data Companion keeps about your library')}"
        )
    lines.append("- settings.json: your settings as Companion uses them")
    if model_files:
        lines.append("- learned/: the taste model's state, computed from the files above (can be rebuilt):")
        lines.extend(f"    {name}" for name in model_files)
    lines.append("")
    lines.append(
        "Paths that are not valid UTF-8 are written with private-use characters standing for the raw bytes."
    )
    return "\n".join(lines) + "\n"
