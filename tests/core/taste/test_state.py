"""One view of the library and the event log per database, shared by the home and the radio."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.events.record import record_event
from companion.core.privacy.erase import erase_history
from companion.core.taste import snapshot, state
from companion.core.taste.home import build_home, forget_state
from companion.core.taste.listening import taste_fit


@pytest.fixture(autouse=True)
def _fresh():
    forget_state()
    yield
    forget_state()


def test_the_home_and_the_radio_read_the_library_once(db, profile, listened, monkeypatch):
    library, end = listened
    loads = []
    real = state.load_library
    monkeypatch.setattr(state, "load_library", lambda conn: loads.append(1) or real(conn))
    build_home(db, profile, at=end)
    view = state.loaded(db)
    fit = taste_fit(db, np.asarray(library["jazz"][:3] + library["metal"][:3]))
    assert state.loaded(db, profile.model_dir) is view and len(loads) == 1  # the radio used the home's view
    assert fit[:3].mean() > fit[3:].mean()  # jazz is played through, metal skipped at once


def test_new_events_are_folded_in_and_erased_history_is_read_again(db, profile, listened):
    library, end = listened
    view = state.loaded(db, profile.model_dir)
    held = len(view.log)
    record_event(db, library["pop"][0], "completed", ts=end.timestamp(), position=200.0, duration=200.0)
    assert state.loaded(db) is view and len(view.log) == held + 1 and view.history == 0
    erase_history(db, profile)
    assert state.loaded(db) is view and len(view.log) == 0 and view.history == 1


def test_a_changed_library_is_loaded_again_and_forget_drops_the_view(db, profile, library):
    view = state.loaded(db)
    with db:
        db.execute(
            "INSERT INTO items(path, kind, added_at, updated_at) VALUES ('/m/new.flac', 'music', 1e9, 1e9)"
        )
    again = state.loaded(db)
    assert again is not view and len(again.lib) == len(view.lib) + 1
    state.forget(profile.db_path)
    assert state.loaded(db) is not again


def test_within_snapshot_later_the_snapshot_waits_for_save_snapshots(db, profile, listened):
    snap = profile.model_dir / snapshot.FILE
    with state.snapshot_later():
        view = state.loaded(db, profile.model_dir)
        assert view.unsaved and not snap.exists()
    state.save_snapshots()
    assert snap.exists() and not view.unsaved
    assert snapshot.load(profile.model_dir, view.lib.fingerprint) is not None


def test_a_look_outside_snapshot_later_writes_what_was_left(db, profile, listened):
    with state.snapshot_later():
        state.loaded(db, profile.model_dir)
    state.loaded(db)  # a look that keeps no snapshot writes none
    assert not (profile.model_dir / snapshot.FILE).exists()
    assert not state.loaded(db, profile.model_dir).unsaved
    assert (profile.model_dir / snapshot.FILE).exists()
