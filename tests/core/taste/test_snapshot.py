"""The taste snapshot: written beside the model, read back only for the same library, never fatal."""

from __future__ import annotations

import numpy as np

from companion.core.taste import snapshot
from companion.core.taste.eventlog import load_events
from companion.core.taste.library import items_fingerprint, load_library
from tests.core.taste.conftest import listen


def test_a_snapshot_comes_back_for_its_library_only(db, library, profile):
    listen(db, library, days=3)
    lib = load_library(db)
    log = load_events(db, lib)
    assert snapshot.load(profile.model_dir, lib.fingerprint) is None, "none written yet"
    snapshot.save(profile.model_dir, lib, log)
    back = snapshot.load(profile.model_dir, items_fingerprint(db))
    assert back is not None
    lib2, log2 = back
    assert list(lib2.ids) == list(lib.ids) and lib2.title == lib.title
    assert np.array_equal(log2.id, log.id) and len(log2.id) > 0
    assert snapshot.load(profile.model_dir, ("another library",)) is None


def test_a_damaged_or_unwritable_snapshot_is_ignored(db, library, profile, tmp_path):
    lib = load_library(db)
    profile.model_dir.mkdir(parents=True, exist_ok=True)
    (profile.model_dir / snapshot.FILE).write_bytes(b"not a pickle")
    assert snapshot.load(profile.model_dir, lib.fingerprint) is None
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x", encoding="utf-8")
    snapshot.save(blocked / "model", lib, load_events(db, lib))  # logged, not raised
    assert not (blocked / "model").exists()
