"""Turning what a person names (files, an artist) into a radio seed.

A library track that is not analysed yet is analysed on the spot (one file takes a fraction of a
second) and stored; a file outside the library is analysed without being stored, and its sound
becomes the seed vector.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from companion.core.analysis import table
from companion.core.analysis.features import VERSION, analyse_file
from companion.core.analysis.vector import unpack
from companion.core.errors import CompanionError, MediaError
from companion.core.library.pathcodec import display, to_db


@dataclass
class Seed:
    item_ids: list[int] = field(default_factory=list)
    vector: np.ndarray | None = None  # raw (unstandardised) vector when a seed is outside the library
    label: str = "your seed"


def resolve_seeds(conn: sqlite3.Connection, paths: list[str], artist: str | None = None) -> Seed:
    """Item ids (and a vector for files outside the library) for the named seeds."""
    seed = Seed()
    raw: list[np.ndarray] = []
    labels: list[str] = []
    outside = False
    for text in paths:
        path = os.path.abspath(os.path.expanduser(text))
        row = conn.execute(
            "SELECT id, title, artist, rg_track_gain FROM items WHERE path = ?", (to_db(path),)
        ).fetchone()
        if row is None:
            if not Path(path).is_file():
                raise CompanionError(f"no such file: {display(path)}")
            raw.append(unpack(_analyse(path, None)["vector"]))
            labels.append(Path(path).stem)
            outside = True
            continue
        item_id = int(row[0])
        raw.append(_vector_of(conn, item_id, path, row[3]))
        seed.item_ids.append(item_id)
        labels.append(f"{row[1]} by {row[2]}" if row[1] and row[2] else row[1] or Path(path).stem)
    if artist:
        rows = conn.execute(
            "SELECT i.id, f.vector FROM items i JOIN audio_features f ON f.item_id = i.id "
            "WHERE f.error IS NULL AND lower(coalesce(i.artist, i.album_artist)) = lower(?)",
            (artist.strip(),),
        ).fetchall()
        if not rows:
            raise CompanionError(
                f"no analysed tracks by {artist!r}; check the name or run 'companion analyze'"
            )
        seed.item_ids.extend(int(r[0]) for r in rows)
        raw.extend(unpack(r[1]) for r in rows)
        labels.append(artist.strip())
    if outside:
        seed.vector = np.mean(np.vstack(raw), axis=0)
    seed.label = labels[0] if len(labels) == 1 else f"{labels[0]} and more"
    return seed


def _vector_of(conn: sqlite3.Connection, item_id: int, path: str, rg_gain: float | None) -> np.ndarray:
    row = conn.execute(
        "SELECT version, error, vector FROM audio_features WHERE item_id = ?", (item_id,)
    ).fetchone()
    if row is not None and row[0] >= VERSION and row[1] is None and row[2] is not None:
        return unpack(row[2])
    features = _analyse(path, rg_gain)
    table.write_results(conn, VERSION, [(item_id, features, None)])
    return unpack(features["vector"])


def _analyse(path: str, rg_gain: float | None) -> dict:
    try:
        return analyse_file(path, rg_track_gain=rg_gain)
    except MediaError as e:
        raise CompanionError(f"cannot analyse {display(path)}: {e}") from None
