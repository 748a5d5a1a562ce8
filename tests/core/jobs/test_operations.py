"""The taste service's operations: the same answers as in process, errors come back, the refit is known at start."""

from __future__ import annotations

import pytest

from companion.core.jobs.last_home import refit_coming
from companion.core.jobs.operations import TasteService, badges
from companion.core.taste.home import build_home, forget_state


def _cards(rows):
    return [(r.id, [i.item_id for i in r.items]) for r in rows]


def test_the_child_answers_what_the_engine_says_in_process(worker, profile, db):
    rows, played, liked = worker.call("home", timeout=120)
    forget_state()
    assert _cards(rows) == _cards(build_home(db, profile))
    assert (played, liked) == badges(db)
    row = worker.call("row", rows[0].id, timeout=60)
    assert row is not None and row.id == rows[0].id
    assert worker.call("row", "no-such-row", timeout=60) is None
    found = worker.call("search", "jazz", 10, timeout=60)
    assert found.query == "jazz"
    asked = worker.call("ask", "jazz I played this year", timeout=60)
    assert asked.understood and asked.items and all(i.artist.startswith("Jazz") for i in asked.items)
    fewer = worker.call("ask", asked.text, [c for c in asked.clauses if c.kind != "genre"], timeout=60)
    assert {c.kind for c in fewer.clauses} == {"time", "behaviour"}
    refined = worker.call("ask", "less of this artist", None, asked, timeout=60)
    assert asked.items[0].artist not in {i.artist for i in refined.items}


def test_the_library_snapshot_is_written_once_the_first_home_is_answered(profile, db, listened):
    from companion.core.taste import snapshot

    service = TasteService(profile)
    try:
        service.call("home", timeout=120)
        service.call("pid", timeout=60)  # answered after the home's after-work (one request at a time)
        assert (profile.model_dir / snapshot.FILE).exists()  # written once the home was answered
    finally:
        service.close()


def test_errors_travel_back_and_the_child_keeps_serving(worker):
    fut = worker.submit("search")  # missing argument: a TypeError in the child
    with pytest.raises(TypeError):
        fut.result(timeout=60)
    assert worker.call("pid", timeout=60) == worker.pid
    with pytest.raises(ValueError):
        worker.submit("no such operation")


def test_whether_the_first_home_needs_a_fit_is_decided_before_the_child_fits(profile, db, listened):
    """The window paints the last session's home when a refit is coming; that must be known before the
    child (whose fit of a small library takes well under a second) has made the new model."""
    first = TasteService(profile)
    try:
        assert first.refit_at_start  # nothing fitted yet
        first.call("home", timeout=120)  # fits and keeps the model
    finally:
        first.close()
    again = TasteService(profile)
    try:
        assert not again.refit_at_start  # the model fits this library
    finally:
        again.close()
    with db:
        db.execute("UPDATE items SET updated_at = updated_at + 5 WHERE id = (SELECT min(id) FROM items)")
    changed = TasteService(profile)
    try:
        changed.call("home", timeout=120)  # the child has refitted by now ...
        assert changed.refit_at_start  # ... and the answer given at the start still stands
        assert not refit_coming(db, profile.model_dir)
    finally:
        changed.close()


def test_a_gated_service_reads_the_database_only_once_told(profile, db, listened):
    """Started before the window opened (and migrated) the database, it imports meanwhile and reads what
    the database holds when ``go`` comes: here a like recorded after its start is in its first home."""
    import os
    import time

    from companion.core.events.ratings import set_liked

    def holds_the_database(pid: int) -> bool:
        fds = f"/proc/{pid}/fd"
        return any(os.path.realpath(os.path.join(fds, fd)) == str(profile.db_path) for fd in os.listdir(fds))

    service = TasteService(profile, gated=True)
    try:
        assert service.refit_at_start is None  # decided on go, when the database can be read
        time.sleep(2)  # long enough for an ungated process to have opened it (its imports take ~0.5 s)
        assert not holds_the_database(service.pid)
        song = int(db.execute("SELECT min(id) FROM items").fetchone()[0])
        set_liked(db, song, 1)  # written while the service waits ("the migration")
        service.go()
        assert service.refit_at_start is True  # nothing fitted yet
        _rows, _played, liked = service.call("home", timeout=120)
        assert liked.get(song) == 1 and holds_the_database(service.pid)
    finally:
        service.close()


def test_a_gated_service_answers_a_request_that_came_first_and_ends_on_close_before_go(profile, db, listened):
    service = TasteService(profile, gated=True)
    try:
        assert service.call("pid", timeout=60) == service.pid  # a request before go is answered
    finally:
        service.close()
    waiting = TasteService(profile, gated=True)
    waiting.close(grace_s=30)  # STOP before go: the process ends by itself, not by being killed
    assert waiting.restarts == 0
