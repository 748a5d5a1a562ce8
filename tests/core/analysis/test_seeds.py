"""Radio seeds from what a person names: a library track analysed on the spot and kept, a file outside
the library analysed and not kept, an artist's analysed tracks; plain errors for the rest."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.analysis.seeds import resolve_seeds
from companion.core.db import features as feature_db
from companion.core.errors import CompanionError
from companion.core.media.synth import click_track, tone, write_audio
from tests.core.events.helpers import add_item


def test_a_library_track_is_analysed_once_and_kept(db, tmp_path):
    path = write_audio(tmp_path / "beat.flac", click_track(6.0, bpm=120))
    item = add_item(db, path, title="Beat", artist="Drummer", duration=6.0)
    assert feature_db.analysed(db, item) is None
    seed = resolve_seeds(db, [str(path)])
    assert seed.item_ids == [item] and seed.vector is None
    assert seed.label == "Beat by Drummer"
    stored = feature_db.analysed(db, item)
    assert stored is not None and stored.error is None and stored.vector is not None
    assert resolve_seeds(db, [str(path)]).item_ids == [item]  # the stored vector is used from now on


def test_a_file_outside_the_library_becomes_the_vector_only(db, tmp_path):
    inside = write_audio(tmp_path / "in.flac", tone(5.0, freq=220))
    add_item(db, inside, title="In", duration=5.0)
    outside = write_audio(tmp_path / "outside.flac", tone(5.0, freq=880))
    seed = resolve_seeds(db, [str(outside), str(inside)])
    assert len(seed.item_ids) == 1
    assert seed.vector is not None and np.isfinite(seed.vector).all()
    assert seed.label == "outside and more"
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 1  # nothing added for it


def test_missing_files_unknown_artists_and_unreadable_files_say_so(db, tmp_path):
    with pytest.raises(CompanionError, match="no such file: .*nothing.flac"):
        resolve_seeds(db, [str(tmp_path / "nothing.flac")])
    with pytest.raises(CompanionError, match="no analysed tracks by 'Nobody'"):
        resolve_seeds(db, [], artist="Nobody")
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"not audio at all" * 100)
    with pytest.raises(CompanionError, match="cannot analyse .*junk.mp3"):
        resolve_seeds(db, [str(junk)])


def test_an_artists_analysed_tracks_are_the_seed(db, tmp_path):
    path = write_audio(tmp_path / "a.flac", click_track(6.0, bpm=100))
    item = add_item(db, path, title="A", artist="The Artist", duration=6.0)
    resolve_seeds(db, [str(path)])  # analysed and stored
    seed = resolve_seeds(db, [], artist=" The Artist ")
    assert seed.item_ids == [item] and seed.label == "The Artist"
