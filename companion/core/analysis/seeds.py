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
from typing import Any

import numpy as np

from companion.core.analysis import table
from companion.core.analysis.features import VERSION, analyse_file
from companion.core.analysis.vector import unpack
from companion.core.db import features as feature_db
from companion.core.db import items as item_db
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
        row = item_db.seed_fields(conn, to_db(path))
        if row is None:
            if not Path(path).is_file():
                raise CompanionError(f"no such file: {display(path)}")
            raw.append(unpack(_analyse(path, None)["vector"]))
            labels.append(Path(path).stem)
            outside = True
            continue
        raw.append(_vector_of(conn, row.id, path, row.rg_track_gain))
        seed.item_ids.append(row.id)
        labels.append(
            f"{row.title} by {row.artist}" if row.title and row.artist else row.title or Path(path).stem
        )
    if artist:
        rows = feature_db.artist_vectors(conn, artist.strip())
        if not rows:
            raise CompanionError(
                f"no analysed tracks by {artist!r}; check the name or run 'companion analyze'"
            )
        seed.item_ids.extend(item_id for item_id, _ in rows)
        raw.extend(unpack(vector) for _, vector in rows)
        labels.append(artist.strip())
    if outside:
        seed.vector = np.mean(np.vstack(raw), axis=0)
    seed.label = labels[0] if len(labels) == 1 else f"{labels[0]} and more"
    return seed


def _vector_of(conn: sqlite3.Connection, item_id: int, path: str, rg_gain: float | None) -> np.ndarray:
    row = feature_db.analysed(conn, item_id)
    if row is not None and row.version >= VERSION and row.error is None and row.vector is not None:
        return unpack(row.vector)
    features = _analyse(path, rg_gain)
    table.write_results(conn, VERSION, [(item_id, features, None)])
    return unpack(features["vector"])


def _analyse(path: str, rg_gain: float | None) -> dict[Any, Any]:
    try:
        return analyse_file(path, rg_track_gain=rg_gain)
    except MediaError as e:
        raise CompanionError(f"cannot analyse {display(path)}: {e}") from None
